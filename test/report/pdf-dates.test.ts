import { describe, expect, it } from 'vitest';
import { stampPdfDates } from '../../src/report/index.ts';

const pdf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const str = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('stampPdfDates', () => {
  const info = "1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261125032335+00'00')\n/ModDate (D:20261125032335+00'00')>>\nendobj\nxref\n";

  it('replaces the clock with the report date at midnight UTC, keeping every byte offset', () => {
    const out = str(stampPdfDates(pdf(info), '2026-11-25'));
    expect(out.length).toBe(info.length);
    expect(out).toContain("/CreationDate (D:20261125000000+00'00')");
    expect(out).toContain("/ModDate (D:20261125000000+00'00')");
    expect(out.indexOf('xref')).toBe(info.indexOf('xref'));
  });

  it('blanks the dates with spaces when the report has no date', () => {
    const out = str(stampPdfDates(pdf(info), null));
    expect(out.length).toBe(info.length);
    expect(out).not.toMatch(/CreationDate|ModDate|2026/);
    expect(out.indexOf('xref')).toBe(info.indexOf('xref'));
  });
});
