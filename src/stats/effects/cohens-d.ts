/**
 * Standardised mean differences.
 *  Cohen's d = (x̄₁ − x̄₂) / s_p with the pooled SD s_p (or a supplied standardiser, e.g. the
 *  pooled baseline SD); Hedges' g = J·d with the exact J = Γ(ν/2) / (√(ν/2)·Γ((ν−1)/2)), ν = n₁ + n₂ − 2.
 *  CI by inverting the noncentral t (Steiger & Fouladi 1997): the ncp δ with
 *  P(T_ν(δ) ≤ t_obs) = 1 − α/2 and = α/2, then d = δ·√(1/n₁ + 1/n₂).
 *  For an adjusted difference (ANCOVA) the trial convention is d = difference / pooled SD with
 *  the CI of the difference divided by the same SD (`dFromDifference`).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { StatsError, assertConfLevel, assertFinite } from '../errors.ts';
import { mean, variance } from '../descriptive/descriptive.ts';
import { noncentralTCdf } from '../dist/noncentral-t.ts';

export interface StandardisedDifference {
  readonly method: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly sd: number;
  readonly confLevel: number;
}

/** Root of f on [lo, hi] by bisection refined with the secant (f monotone), to ~1e-13 relative. */
function solve(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0 || (hi - lo) / Math.max(1, Math.abs(mid)) < 1e-14) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Confidence limits for the noncentrality parameter of an observed t. */
export function ncpInterval(t: number, df: number, confLevel = 0.95): readonly [number, number] {
  if (!Number.isFinite(t)) throw new StatsError('NON_FINITE', `the observed t must be finite, got ${t}`);
  if (!(df > 0)) throw new StatsError('INVALID_ARGUMENT', `df must be positive, got ${df}`);
  assertConfLevel(confLevel);
  const alpha = 1 - confLevel;
  const width = 10 + Math.abs(t) * 2;
  const lower = solve((d) => noncentralTCdf(t, df, d) - (1 - alpha / 2), t - width, t + width);
  const upper = solve((d) => noncentralTCdf(t, df, d) - alpha / 2, t - width, t + width);
  return [lower, upper];
}

export function cohensD(x: ArrayLike<number>, y: ArrayLike<number>, options: { confLevel?: number; standardiser?: number; hedges?: boolean } = {}): StandardisedDifference {
  const confLevel = assertConfLevel(options.confLevel ?? 0.95);
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  const [n1, n2] = [x.length, y.length];
  if (n1 < 2 || n2 < 2) throw new StatsError('EMPTY_GROUP', `each group needs at least 2 values (got ${n1} and ${n2})`);
  const df = n1 + n2 - 2;
  const pooled = Math.sqrt(((n1 - 1) * variance(x) + (n2 - 1) * variance(y)) / df);
  if (options.standardiser !== undefined && !(options.standardiser > 0 && Number.isFinite(options.standardiser))) throw new StatsError('INVALID_ARGUMENT', `the supplied standardising SD must be a positive finite number, got ${options.standardiser}`);
  const sd = options.standardiser ?? pooled;
  if (!(sd > 0)) throw new StatsError('CONSTANT_DATA', 'the standardising SD is 0');
  const diff = mean(x) - mean(y);
  const d = diff / sd;
  const scale = Math.sqrt(1 / n1 + 1 / n2);
  // The noncentral-t interval is exact for the pooled-SD d; with another standardiser it is rescaled.
  const t = diff / (pooled * scale);
  const [lo, hi] = ncpInterval(t, df, confLevel);
  const ratio = pooled / sd;
  const j = options.hedges ? Math.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / Math.sqrt(df / 2) : 1;
  return {
    method: `${options.hedges ? "Hedges' g" : "Cohen's d"} (${options.standardiser === undefined ? 'pooled SD' : 'supplied SD'}), noncentral-t CI`,
    estimate: j * d,
    lower: j * lo * scale * ratio,
    upper: j * hi * scale * ratio,
    sd,
    confLevel,
  };
}

export function dFromDifference(difference: { estimate: number; lower: number; upper: number }, sd: number, confLevel = 0.95): StandardisedDifference {
  assertFinite([difference.estimate, difference.lower, difference.upper], 'difference (estimate, lower, upper)');
  if (!(sd > 0)) throw new StatsError('CONSTANT_DATA', 'the standardising SD is 0');
  return { method: 'difference / pooled SD; CI = CI of the difference / SD', estimate: difference.estimate / sd, lower: difference.lower / sd, upper: difference.upper / sd, sd, confLevel };
}

/** Pooled SD of two groups. */
export function pooledSd(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length < 2 || y.length < 2) throw new StatsError('EMPTY_GROUP', `each group needs at least 2 values (got ${x.length} and ${y.length})`);
  const df = x.length + y.length - 2;
  return Math.sqrt(((x.length - 1) * variance(x) + (y.length - 1) * variance(y)) / df);
}
