/**
 * Cumulative distribution of the noncentral t (Lenth 1989, AS 243, with the refinements R's
 * `pt(x, df, ncp)` uses): a series in incomplete beta functions with Poisson weights, summed
 * until the error bound is below 1e-12; a normal approximation for very large df or ncp.
 * For t < 0 the result is 1 − (series) as in R, so a tiny lower tail has only absolute accuracy.
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { normal } from './continuous.ts';

const ERRMAX = 1e-12;
const ITRMAX = 1000;
const LN_SQRT_PI = 0.5723649429247001;
const SQRT_2_OVER_PI = 0.7978845608028654;

export function noncentralTCdf(t: number, df: number, ncp: number): number {
  if (!(df > 0) || Number.isNaN(t) || Number.isNaN(ncp)) return Number.NaN;
  if (ncp === 0) return t >= 0 ? 1 - 0.5 * betainc(df / (df + t * t), df / 2, 0.5) : 0.5 * betainc(df / (df + t * t), df / 2, 0.5);
  const negdel = t < 0;
  const tt = negdel ? -t : t;
  const del = negdel ? -ncp : ncp;
  if (df > 4e5 || del * del > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    const z = (tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s);
    return negdel ? normal.sf(z) : normal.cdf(z);
  }
  const x0 = (t * t) / (t * t + df);
  let tnc = 0;
  if (x0 > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    let q = SQRT_2_OVER_PI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = (1 - x0) ** b;
    const albeta = LN_SQRT_PI + gammaln(b) - gammaln(0.5 + b);
    let xodd = betainc(x0, a, b);
    let godd = 2 * rxb * Math.exp(a * Math.log(x0) - albeta);
    const bx = b * x0;
    let xeven = bx < Number.EPSILON ? bx : 1 - rxb;
    let geven = bx * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= ITRMAX; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x0 * (a + b - 1)) / a;
      geven *= (x0 * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10 || (s <= 0 && it > 1)) break;
      if (Math.abs(2 * s * (xodd - godd)) < ERRMAX) break;
    }
  }
  tnc += normal.cdf(-del);
  const v = Math.min(tnc, 1);
  return negdel ? 1 - v : v;
}
