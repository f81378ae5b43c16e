/**
 * δ-adjustment for missing-not-at-random sensitivity analysis (Rubin 1977; Carpenter & Kenward,
 * Multiple Imputation and its Application, 2013, ch. 10; Cro et al. 2020): after imputation under
 * MAR, the imputed values of the selected rows are shifted by δ, so that participants with
 * missing outcomes are assumed to fare δ worse (or better) than similar participants who were
 * observed. Observed values are never touched.
 */
import { StatsError } from '../errors.ts';

/**
 * A copy of `completed` with `delta` added to the rows in `imputedRows` for which `select(row)`
 * is true (e.g. rows of one arm).
 */
export function deltaAdjust(completed: Float64Array, imputedRows: ArrayLike<number>, delta: number, select: (row: number) => boolean = () => true): Float64Array {
  if (!Number.isFinite(delta)) throw new StatsError('NON_FINITE', `the δ shift must be finite, got ${delta}`);
  return shiftImputed(completed, imputedRows, (row) => (select(row) ? delta : 0));
}

/** A copy of `completed` with `shiftOf(row)` added to each imputed row (a signed shift per row, e.g. by arm). */
export function shiftImputed(completed: Float64Array, imputedRows: ArrayLike<number>, shiftOf: (row: number) => number): Float64Array {
  const out = Float64Array.from(completed);
  for (let t = 0; t < imputedRows.length; t++) {
    const i = imputedRows[t];
    if (!(i >= 0 && i < out.length)) throw new StatsError('INVALID_ARGUMENT', `imputed row ${i} is outside 0…${out.length - 1}`);
    const d = shiftOf(i);
    if (!Number.isFinite(d)) throw new StatsError('NON_FINITE', `the δ shift of row ${i} is ${d}`);
    out[i] += d;
  }
  return out;
}

/** The grid 0, max/steps, 2·max/steps, …, max searched by a tipping-point analysis. */
export function deltaGrid(maxDelta: number, steps: number): Float64Array {
  if (!(maxDelta > 0) || !Number.isFinite(maxDelta)) throw new StatsError('INVALID_ARGUMENT', `the largest δ must be positive and finite, got ${maxDelta}`);
  if (!Number.isInteger(steps) || steps < 1) throw new StatsError('INVALID_ARGUMENT', `the number of δ steps must be a positive integer, got ${steps}`);
  return Float64Array.from({ length: steps + 1 }, (_, s) => (s === steps ? maxDelta : (s * maxDelta) / steps));
}
