/**
 * Discrete distributions: pmf, cdf P(X ≤ x), sf P(X > x) computed directly (never 1 − cdf) and
 * quantiles (smallest x with cdf ≥ p, as R).
 *  binomial: sf(x) = I_p(x + 1, n − x), the regularised incomplete beta;
 *  Poisson:  sf(x) = P(x + 1, λ), the lower regularised incomplete gamma;
 *  hypergeometric (m white, n black, k drawn): sf summed over the upper support.
 * pmf/cdf/quantile from @stdlib.
 */
import binomPmf from '@stdlib/stats-base-dists-binomial-pmf';
import binomCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomQuantile from '@stdlib/stats-base-dists-binomial-quantile';
import poisPmf from '@stdlib/stats-base-dists-poisson-pmf';
import poisCdf from '@stdlib/stats-base-dists-poisson-cdf';
import poisQuantile from '@stdlib/stats-base-dists-poisson-quantile';
import hyperPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import hyperCdf from '@stdlib/stats-base-dists-hypergeometric-cdf';
import hyperQuantile from '@stdlib/stats-base-dists-hypergeometric-quantile';
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';

export const binomial = {
  pmf: (x: number, n: number, p: number): number => binomPmf(x, n, p),
  cdf: (x: number, n: number, p: number): number => binomCdf(x, n, p),
  sf(x: number, n: number, p: number): number {
    const k = Math.floor(x);
    if (k < 0) return 1;
    if (k >= n) return 0;
    return betainc(p, k + 1, n - k, true, false);
  },
  quantile: (q: number, n: number, p: number): number => binomQuantile(q, n, p),
};

export const poisson = {
  pmf: (x: number, lambda: number): number => poisPmf(x, lambda),
  cdf: (x: number, lambda: number): number => poisCdf(x, lambda),
  sf(x: number, lambda: number): number {
    const k = Math.floor(x);
    if (k < 0) return 1;
    return gammainc(lambda, k + 1, true, false);
  },
  quantile: (q: number, lambda: number): number => poisQuantile(q, lambda),
};

/** R's parameterisation: m white balls, n black balls, k drawn; X = white balls drawn. */
export const hypergeometric = {
  pmf: (x: number, m: number, n: number, k: number): number => hyperPmf(x, m + n, m, k),
  cdf: (x: number, m: number, n: number, k: number): number => hyperCdf(x, m + n, m, k),
  sf(x: number, m: number, n: number, k: number): number {
    const hi = Math.min(k, m);
    let s = 0;
    for (let j = Math.max(Math.floor(x) + 1, Math.max(0, k - n)); j <= hi; j++) s += hyperPmf(j, m + n, m, k);
    return s;
  },
  quantile: (q: number, m: number, n: number, k: number): number => hyperQuantile(q, m + n, m, k),
};
