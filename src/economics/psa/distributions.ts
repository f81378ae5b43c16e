/**
 * Sampling and quantiles for the scenario's parameter distributions. Mean/SD
 * parameterisations are moment-matched:
 *  lognormal: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2;
 *  gamma: shape k = mean²/sd², scale θ = sd²/mean;
 *  beta on [min, max] (default [0, 1]): with m = (mean − min)/(max − min) and s = sd/(max − min),
 *  α = m·ν, β = (1 − m)·ν, ν = m(1 − m)/s² − 1 (needs min < mean < max and sd² < (mean − min)(max − mean)).
 * An SD of 0 means the parameter is fixed at its mean. Quantiles come from @stdlib.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import lognormalQuantile from '@stdlib/stats-base-dists-lognormal-quantile';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import triangularQuantile from '@stdlib/stats-base-dists-triangular-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Rng } from '../../stats/random/rng.ts';
import type { Distribution } from '../scenario/schema.ts';

/** A distribution as the PSA uses it: a base value plus, optionally, sampling. */
export type ParameterDistribution = Distribution | { readonly type: 'student-t'; readonly mean: number; readonly sd: number; readonly df: number };

function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const s2 = Math.log1p((sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** Beta on [lo, hi] by mean and SD: the standard beta's α, β from the rescaled mean and SD. */
function betaParams(d: { mean: number; sd: number; min?: number; max?: number }): { a: number; b: number; lo: number; width: number } {
  const lo = d.min ?? 0;
  const width = (d.max ?? 1) - lo;
  const m = (d.mean - lo) / width;
  const sd = d.sd / width;
  if (!(width > 0 && m > 0 && m < 1)) throw new RangeError(`beta distribution: the mean ${d.mean} must lie strictly between min ${lo} and max ${lo + width}`);
  const nu = (m * (1 - m)) / (sd * sd) - 1;
  if (!(nu > 0)) throw new RangeError(`beta distribution: sd ${d.sd} is too large for mean ${d.mean} on [${lo}, ${lo + width}] (needs sd² < (mean − min)(max − mean))`);
  return { a: m * nu, b: (1 - m) * nu, lo, width };
}

/** Throws a RangeError naming the problem for a distribution that cannot be sampled. */
export function checkDistribution(d: ParameterDistribution): void {
  if (d.type === 'beta' && d.sd > 0) betaParams(d);
  if (d.type === 'triangular' && !(d.min <= d.mode && d.mode <= d.max && d.min < d.max)) {
    throw new RangeError(`triangular distribution needs min ≤ mode ≤ max and min < max, got ${d.min}, ${d.mode}, ${d.max}`);
  }
}

export function sample(d: ParameterDistribution, base: number, rng: Rng): number {
  switch (d.type) {
    case 'fixed':
      return base;
    case 'normal':
      return d.sd === 0 ? d.mean : rng.normal(d.mean, d.sd);
    case 'student-t':
      return d.sd === 0 ? d.mean : d.mean + d.sd * (rng.normal() / Math.sqrt(rng.chisq(d.df) / d.df));
    case 'lognormal': {
      if (d.sd === 0) return d.mean;
      const { mu, sigma } = lognormalParams(d.mean, d.sd);
      return Math.exp(rng.normal(mu, sigma));
    }
    case 'gamma':
      return d.sd === 0 ? d.mean : rng.gamma((d.mean * d.mean) / (d.sd * d.sd), (d.sd * d.sd) / d.mean);
    case 'beta': {
      if (d.sd === 0) return d.mean;
      const { a, b, lo, width } = betaParams(d);
      return lo + width * rng.beta(a, b);
    }
    case 'triangular': {
      const u = rng.uniform();
      return triangularQuantile(u, d.min, d.max, d.mode);
    }
  }
}

export function quantile(d: ParameterDistribution, base: number, p: number): number {
  switch (d.type) {
    case 'fixed':
      return base;
    case 'normal':
      return d.sd === 0 ? d.mean : normalQuantile(p, d.mean, d.sd);
    case 'student-t':
      return d.sd === 0 ? d.mean : d.mean + d.sd * tQuantile(p, d.df);
    case 'lognormal': {
      if (d.sd === 0) return d.mean;
      const { mu, sigma } = lognormalParams(d.mean, d.sd);
      return lognormalQuantile(p, mu, sigma);
    }
    case 'gamma':
      return d.sd === 0 ? d.mean : gammaQuantile(p, (d.mean * d.mean) / (d.sd * d.sd), d.mean / (d.sd * d.sd));
    case 'beta': {
      if (d.sd === 0) return d.mean;
      const { a, b, lo, width } = betaParams(d);
      return lo + width * betaQuantile(p, a, b);
    }
    case 'triangular':
      return triangularQuantile(p, d.min, d.max, d.mode);
  }
}
