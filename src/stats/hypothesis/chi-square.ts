/**
 * Pearson's χ² test of independence for an r × c table as R's chisq.test: expected counts
 * E = row total × column total / n, X² = Σ (|O − E| − Y)²/E with Yates' continuity correction
 * Y = min(0.5, |O − E|) for 2 × 2 tables when `correct` (R's default) and Y = 0 otherwise;
 * df = (r − 1)(c − 1); p from the χ² upper tail. Expected counts below 5 are flagged.
 */
import { StatsError } from '../errors.ts';
import { chiSquare } from '../dist/continuous.ts';

export interface ChiSquareResult {
  readonly method: string;
  readonly options: { readonly correct: boolean };
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly expected: readonly (readonly number[])[];
  readonly warnings: readonly string[];
}

export function chiSquareTest(table: readonly (readonly number[])[], options: { correct?: boolean } = {}): ChiSquareResult {
  const r = table.length;
  const c = r ? table[0].length : 0;
  if (r < 2 || c < 2) throw new StatsError('INVALID_ARGUMENT', `a χ² test needs at least a 2 × 2 table, got ${r} × ${c}`);
  for (const row of table) {
    if (row.length !== c) throw new StatsError('LENGTH_MISMATCH', 'the table rows have different lengths');
    for (const v of row) if (!(Number.isFinite(v) && v >= 0)) throw new StatsError('INVALID_ARGUMENT', `counts must be finite and ≥ 0, got ${v}`);
  }
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((a, row) => a + row[j], 0));
  const n = rows.reduce((a, b) => a + b, 0);
  if (rows.some((x) => x === 0) || cols.some((x) => x === 0)) throw new StatsError('EMPTY_GROUP', 'a row or column of the table is all zeros: expected counts would be 0');
  const expected = table.map((_, i) => cols.map((cj) => (rows[i] * cj) / n));
  const correct = (options.correct ?? true) && r === 2 && c === 2;
  let x2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = expected[i][j];
      const d = Math.abs(table[i][j] - e);
      const y = correct ? Math.min(0.5, d) : 0;
      x2 += (d - y) ** 2 / e;
    }
  }
  const df = (r - 1) * (c - 1);
  const warnings = expected.flat().some((e) => e < 5) ? ['some expected counts are below 5: the χ² approximation may be inaccurate (consider Fisher’s exact test)'] : [];
  return {
    method: correct ? "Pearson's χ² test with Yates' continuity correction" : "Pearson's χ² test",
    options: { correct },
    statistic: x2,
    df,
    p: chiSquare.sf(x2, df),
    expected,
    warnings,
  };
}
