/**
 * Quantiles of a survival curve with confidence limits, as survival's `quantile.survfit`:
 * the p-quantile is the first time where 1 − Ŝ(t) ≥ p; where 1 − Ŝ equals p (to a tolerance of
 * √ε) over an interval, the midpoint of that interval. Its confidence limits are the same
 * quantile read off the lower and upper confidence curves (Brookmeyer & Crowley 1982), so they
 * depend on the curves' conf type. A quantile the curve (or a limit) never reaches is null.
 */
import { StatsError } from '../errors.ts';

export interface SurvivalQuantile {
  readonly p: number;
  readonly time: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CurveLike {
  readonly time: readonly number[];
  readonly surv: readonly number[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

const TOL = Math.sqrt(Number.EPSILON);

/**
 * R's findq over x = (0, t_1 … t_m), y = (0, 1 − S_1 … 1 − S_m): duplicated y values dropped
 * (first kept), missing ones skipped; index1 = the first point (in y order) with y + tol ≥ p,
 * index2 = the first with y − tol ≥ p; the quantile is the mean of their times.
 */
function findQuantiles(times: readonly number[], curve: readonly (number | null)[], probs: readonly number[]): (number | null)[] {
  const xs: number[] = [0];
  const ys: (number | null)[] = [0];
  for (let i = 0; i < times.length; i++) {
    xs.push(times[i]);
    const c = curve[i];
    ys.push(c === null ? null : 1 - c);
  }
  const xmax = xs[xs.length - 1];
  let ymax = -Infinity;
  for (const y of ys) if (y !== null && y > ymax) ymax = y;
  if (ymax < Math.min(...probs)) return probs.map(() => null);
  // Drop duplicated y (R's duplicated() also treats repeated NA as duplicates).
  const seen = new Set<number | null>();
  const x: number[] = [];
  const y: (number | null)[] = [];
  for (let i = 0; i < ys.length; i++) {
    if (seen.has(ys[i])) continue;
    seen.add(ys[i]);
    x.push(xs[i]);
    y.push(ys[i]);
  }
  const n = y.length;
  // approx(y ± tol, 1:n, p, "constant", f = 1): the non-missing points sorted by y; the first
  // with y ± tol ≥ p (none: missing).
  const pts: { y: number; i: number }[] = [];
  for (let i = 0; i < n; i++) if (y[i] !== null) pts.push({ y: y[i] as number, i });
  pts.sort((a, b) => a.y - b.y);
  const lookup = (p: number, shift: number): number | null => {
    if (pts.length === 0 || p < pts[0].y + shift) return null;
    for (const q of pts) if (q.y + shift >= p) return q.i;
    return null;
  };
  const last = y[n - 1];
  return probs.map((p) => {
    const i1 = lookup(p, TOL);
    const i2 = lookup(p, -TOL);
    let q = i1 === null || i2 === null ? null : (x[i1] + x[i2]) / 2;
    if (p === 0) q = x[0];
    if (last !== null && Math.abs(p - last) < TOL) q = i1 === null ? null : (x[i1] + xmax) / 2;
    return q;
  });
}

export function survivalQuantiles(curve: CurveLike, probs: readonly number[] = [0.5]): SurvivalQuantile[] {
  for (const p of probs) if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `quantile probabilities lie in [0, 1], got ${p}`);
  const time = findQuantiles(curve.time, curve.surv, probs);
  const lower = findQuantiles(curve.time, curve.lower, probs);
  const upper = findQuantiles(curve.time, curve.upper, probs);
  return probs.map((p, k) => ({ p, time: time[k], lower: lower[k], upper: upper[k] }));
}
