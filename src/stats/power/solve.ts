/**
 * Root finding for power calculations: every "solve for n / effect / power" in this folder is
 * a zero of power(x) − target found by Brent's zeroin (step for step as R's uniroot), on the
 * same search interval R's function uses. R's pwr and power.t.test stop at uniroot's default
 * tolerance (ε^¼ ≈ 1.2e-4 in x), so their n agrees with the exact root to about four decimals;
 * effekt's default tolerance is 1e-12, and `tol: R_UNIROOT_TOL` reproduces R's printed answer.
 */
import { StatsError } from '../errors.ts';
import { zeroin } from '../hypothesis/zeroin.ts';

/** uniroot's default tolerance, .Machine$double.eps^0.25. */
export const R_UNIROOT_TOL = Number.EPSILON ** 0.25;
/** effekt's default: the exact root to ~1e-12 absolute (below the power function's own rounding). */
export const DEFAULT_ROOT_TOL = 1e-12;

/**
 * The x in [lo, hi] at which f(x) = target. Throws NOT_ESTIMABLE naming `what` when the target is
 * not reached inside the interval (R would stop with "f() values at end points not of opposite sign").
 */
export function solveFor(f: (x: number) => number, target: number, lo: number, hi: number, tol: number, what: string): number {
  const g = (x: number) => f(x) - target;
  const ga = g(lo);
  const gb = g(hi);
  if (!Number.isFinite(ga) || !Number.isFinite(gb) || (ga > 0 && gb > 0) || (ga < 0 && gb < 0)) {
    throw new StatsError('NOT_ESTIMABLE', `no ${what} in [${lo}, ${hi}] gives the target ${target}: at the ends the value is ${f(lo)} and ${f(hi)}`, { lo, hi, target });
  }
  return zeroin(g, lo, hi, ga, gb, tol);
}

/**
 * As solveFor, but first widens [lo, hi] upwards (×2 up to `max`) until the target is bracketed —
 * R's `extendInt = "upX"` for an increasing function, without changing the answer when the
 * original interval already brackets it.
 */
export function solveIncreasing(f: (x: number) => number, target: number, lo: number, hi: number, max: number, tol: number, what: string): number {
  let upper = hi;
  while (f(upper) < target && upper < max) upper = Math.min(max, upper * 2);
  return solveFor(f, target, lo, upper, tol, what);
}
