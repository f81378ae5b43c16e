/**
 * CSV writing in the dialects effekt reads: `,` or `;` delimiter, `.` or `,` decimal, UTF-8
 * (optionally with BOM) or Windows-1252, LF or CRLF. Used by `effekt simulate` and the
 * round-trip tests; the exact inverse of the loader for every value it writes.
 */
import { windows1252Byte } from '../load/cp1252.ts';
export interface CsvDialect {
  readonly delimiter: ',' | ';' | '\t';
  readonly decimal: '.' | ',';
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
}

export const standardDialect: CsvDialect = { delimiter: ',', decimal: '.', encoding: 'utf-8', bom: false, eol: '\n' };
export const danishDialect: CsvDialect = { delimiter: ';', decimal: ',', encoding: 'windows-1252', bom: false, eol: '\r\n' };

export type CsvValue = string | number | null;

export function formatCell(v: CsvValue, d: CsvDialect): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  if (typeof v === 'number' && d.decimal === ',') s = s.replace('.', ',');
  return s.includes(d.delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Windows-1252 bytes for text whose characters all have one (æ ø å é, € – “ ” …). */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = windows1252Byte(text.charCodeAt(i));
    if (b === undefined) {
      throw new RangeError(`character "${text[i]}" (U+${text.charCodeAt(i).toString(16).padStart(4, '0')}) at position ${i} has no Windows-1252 byte`);
    }
    out[i] = b;
  }
  return out;
}

export function writeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], dialect: CsvDialect = standardDialect): Uint8Array {
  const lines = [header.map((h) => formatCell(h, dialect)).join(dialect.delimiter)];
  for (const r of rows) lines.push(r.map((v) => formatCell(v, dialect)).join(dialect.delimiter));
  const text = lines.join(dialect.eol) + dialect.eol;
  if (dialect.encoding === 'windows-1252') return encodeWindows1252(text);
  const body = new TextEncoder().encode(text);
  if (!dialect.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
