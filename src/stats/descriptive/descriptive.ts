/**
 * Descriptive statistics with an explicit missing-value policy: `missing: 'error'` (default)
 * refuses NaN, `'omit'` drops it and reports how many were dropped. The bare `mean`, `variance`,
 * `sd` and `quantile` refuse NaN and ±Infinity (a typed error, never a NaN result): clean first. Variance by the two-pass
 * algorithm (accurate with large offsets); quantiles by R's type 7 (default) or any of the continuous types 4–9
 * (Hyndman & Fan 1996).
 */
import { StatsError, assertFinite } from '../errors.ts';

export type MissingPolicy = 'error' | 'omit';

export interface Clean {
  readonly values: Float64Array;
  readonly nMissing: number;
}

export function clean(x: ArrayLike<number>, missing: MissingPolicy = 'error', name = 'x'): Clean {
  const out: number[] = [];
  let nMissing = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) {
      if (missing === 'error') throw new StatsError('NON_FINITE', `${name}[${i}] is missing (NaN); pass missing: 'omit' to drop missing values`, { index: i });
      nMissing++;
    } else if (!Number.isFinite(v)) {
      throw new StatsError('NON_FINITE', `${name}[${i}] is ${v}`, { index: i });
    } else out.push(v);
  }
  return { values: Float64Array.from(out), nMissing };
}

export function mean(x: ArrayLike<number>): number {
  if (x.length === 0) throw new StatsError('EMPTY_INPUT', 'mean of no values');
  assertFinite(x, 'x');
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const m = s / x.length;
  // One correction pass (as R's mean) recovers digits lost to large offsets.
  let c = 0;
  for (let i = 0; i < x.length; i++) c += x[i] - m;
  return m + c / x.length;
}

export function variance(x: ArrayLike<number>): number {
  if (x.length < 2) throw new StatsError('EMPTY_INPUT', `variance needs at least 2 values, got ${x.length}`);
  const m = mean(x);
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    s += d * d;
    c += d;
  }
  return (s - (c * c) / x.length) / (x.length - 1);
}

export function sd(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

export type QuantileType = 4 | 5 | 6 | 7 | 8 | 9;

/** Sample quantile as R's quantile(x, p, type); x need not be sorted. */
export function quantile(x: ArrayLike<number>, p: number, type: QuantileType = 7): number {
  if (x.length === 0) throw new StatsError('EMPTY_INPUT', 'quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `probability must lie in [0, 1], got ${p}`);
  assertFinite(x, 'x');
  return quantileOfSorted(Float64Array.from(x).sort(), p, type);
}

/**
 * quantile() of values already sorted ascending (as Float64Array#sort orders them): the same
 * value without the copy and sort — for several quantiles of one large sample.
 */
export function quantileSorted(sorted: Float64Array, p: number, type: QuantileType = 7): number {
  if (sorted.length === 0) throw new StatsError('EMPTY_INPUT', 'quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `probability must lie in [0, 1], got ${p}`);
  assertFinite(sorted, 'x');
  return quantileOfSorted(sorted, p, type);
}

function quantileOfSorted(s: Float64Array, p: number, type: QuantileType): number {
  const n = s.length;
  const [a, b] = ({ 4: [0, 1], 5: [0.5, 0.5], 6: [0, 0], 7: [1, 1], 8: [1 / 3, 1 / 3], 9: [3 / 8, 3 / 8] } as const)[type];
  const h = (n + 1 - a - b) * p + a;
  const j = Math.floor(h + 4 * Number.EPSILON);
  const g = h - j;
  return j < 1 ? s[0] : j >= n ? s[n - 1] : s[j - 1] + (Math.abs(g) < 4 * Number.EPSILON ? 0 : g) * (s[j] - s[j - 1]);
}

export interface Summary {
  readonly n: number;
  readonly nMissing: number;
  readonly mean: number;
  readonly sd: number | null;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly missing: MissingPolicy;
  readonly quantileType: QuantileType;
}

export function summarise(x: ArrayLike<number>, options: { missing?: MissingPolicy; quantileType?: QuantileType } = {}): Summary {
  const missing = options.missing ?? 'error';
  const type = options.quantileType ?? 7;
  const { values, nMissing } = clean(x, missing);
  if (values.length === 0) throw new StatsError('EMPTY_INPUT', 'no non-missing values to summarise');
  return {
    n: values.length,
    nMissing,
    mean: mean(values),
    sd: values.length > 1 ? sd(values) : null,
    min: Math.min(...values),
    q1: quantile(values, 0.25, type),
    median: quantile(values, 0.5, type),
    q3: quantile(values, 0.75, type),
    max: Math.max(...values),
    missing,
    quantileType: type,
  };
}
