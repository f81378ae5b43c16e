/**
 * Continuous distributions used for p-values and intervals: cdf (lower tail), sf (upper tail,
 * computed directly — never 1 − cdf, which underflows to 0 for small tails) and quantiles.
 *
 *  normal: Φ from @stdlib; quantile via the inverse complementary error function,
 *          z_p = −√2·erfcinv(2p) for p < ½ and √2·erfcinv(2(1 − p)) otherwise (accurate to
 *          ~1e-13 down to p = 1e-300, where erfinv-based formulas lose digits);
 *  t:      @stdlib cdf; sf(t) = cdf(−t) by symmetry; quantile from @stdlib;
 *  χ²:     sf(x; k) = Q(k/2, x/2), the upper regularised incomplete gamma;
 *  F:      sf(x; d1, d2) = I_{d2/(d2 + d1·x)}(d2/2, d1/2), the regularised incomplete beta.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import fQuantile from '@stdlib/stats-base-dists-f-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';
import betainc from '@stdlib/math-base-special-betainc';
import erfcinv from '@stdlib/math-base-special-erfcinv';

export const normal = {
  cdf: (z: number): number => normalCdf(z, 0, 1),
  sf: (z: number): number => normalCdf(-z, 0, 1),
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    return p < 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
  },
};

export const studentT = {
  cdf: (t: number, df: number): number => (df === Infinity ? normal.cdf(t) : tCdf(t, df)),
  sf: (t: number, df: number): number => (df === Infinity ? normal.sf(t) : tCdf(-t, df)),
  quantile: (p: number, df: number): number => (df === Infinity ? normal.quantile(p) : tQuantile(p, df)),
};

export const chiSquare = {
  cdf: (x: number, df: number): number => (x <= 0 ? 0 : gammainc(x / 2, df / 2, true, false)),
  sf: (x: number, df: number): number => (x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true)),
  quantile: (p: number, df: number): number => chisqQuantile(p, df),
};

export const fDist = {
  cdf: (x: number, d1: number, d2: number): number => (x <= 0 ? 0 : betainc((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2, true, false)),
  sf: (x: number, d1: number, d2: number): number => (x <= 0 ? 1 : betainc(d2 / (d2 + d1 * x), d2 / 2, d1 / 2, true, false)),
  quantile: (p: number, d1: number, d2: number): number => fQuantile(p, d1, d2),
};

export type Alternative = 'two.sided' | 'less' | 'greater';

/** p-value of a t (or z when df = Infinity) statistic for the given alternative. */
export function tPValue(t: number, df: number, alternative: Alternative = 'two.sided'): number {
  if (alternative === 'less') return studentT.cdf(t, df);
  if (alternative === 'greater') return studentT.sf(t, df);
  return Math.min(1, 2 * studentT.cdf(-Math.abs(t), df));
}
