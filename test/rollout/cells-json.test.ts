import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellsJson } from '../../src/rollout/ingest/cells-json.ts';

// visit_rows.cells is compared as text with what earlier ingests stored: it must stay JSON.stringify's exactly.
describe('cellsJson', () => {
  it('writes exactly what JSON.stringify writes for a row of cells', () => {
    const cell = fc.oneof(fc.constant(null), fc.string(), fc.double(), fc.integer(), fc.constantFrom(-0, NaN, Infinity, -Infinity, 1e21, 5e-7), fc.boolean(), fc.constantFrom('Kommune 001', 'ønsker ikke "at" deltage\n', '\u2028', '\ud800'));
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 8 }), (columns) => {
      const quoted = new Map<string, string>();
      for (let i = 0; i < 3; i++) expect(cellsJson(columns, i, quoted)).toBe(JSON.stringify(columns.map((c) => c[i])));
    }), { numRuns: 500 });
  });
});
