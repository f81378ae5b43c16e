/**
 * Count draws for admissions and bed days: Poisson by inversion (small means only) and the
 * negative binomial as a gamma–Poisson mixture (mean μ, size k: Var = μ + μ²/k).
 */
import type { Rng } from '../../stats/random/rng.ts';

export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  // Inversion is exact and fast for the small means used here (≤ ~50).
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng.uniform();
  while (u > cdf && k < 10_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

export function negativeBinomial(rng: Rng, mean: number, size: number): number {
  if (mean <= 0) return 0;
  return poisson(rng, rng.gamma(size, mean / size));
}
