/**
 * Control limits of a funnel plot for a proportion (Spiegelhalter 2005, Stat Med 24:1185–1202,
 * appendix A.1.1): for a target proportion θ₀ and a unit with n cases, the p-quantile of
 * Binomial(n, θ₀) with interpolation, so the limits are smooth in n:
 *   r_p = the smallest r with P(R ≤ r) ≥ p;
 *   α   = (P(R ≤ r_p) − p) / P(R = r_p);
 *   limit_p = (r_p − α) / n.
 * Two-sided limits at level L use p = (1 − L)/2 and 1 − (1 − L)/2 (95 %: 0.025 and 0.975;
 * 99.8 %: 0.001 and 0.999).
 */
import { StatsError } from '../errors.ts';
import { binomial } from '../dist/discrete.ts';

/** The interpolated p-quantile of Binomial(n, θ₀) divided by n. */
export function binomialFunnelLimit(p: number, n: number, theta: number): number {
  if (!Number.isInteger(n) || n < 1) throw new StatsError('INVALID_ARGUMENT', `a funnel limit needs n ≥ 1 cases, got ${n}`);
  if (!(theta > 0 && theta < 1)) throw new StatsError('INVALID_ARGUMENT', `the target proportion must lie in (0, 1), got ${theta}`);
  if (!(p > 0 && p < 1)) throw new StatsError('INVALID_ARGUMENT', `p must lie in (0, 1), got ${p}`);
  const r = binomial.quantile(p, n, theta);
  const atR = binomial.cdf(r, n, theta);
  const alpha = (atR - p) / binomial.pmf(r, n, theta);
  return (r - alpha) / n;
}

export interface FunnelLimits {
  readonly n: number;
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

export function binomialFunnelLimits(n: number, theta: number, level: number): FunnelLimits {
  if (!(level > 0 && level < 1)) throw new StatsError('INVALID_ARGUMENT', `level must lie in (0, 1), got ${level}`);
  const tail = (1 - level) / 2;
  // Interpolation can step outside [0, 1] at very small n·θ (e.g. n = 1, θ = 0.01): both limits are held in [0, 1].
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return { n, level, lower: clamp(binomialFunnelLimit(tail, n, theta)), upper: clamp(binomialFunnelLimit(1 - tail, n, theta)) };
}
