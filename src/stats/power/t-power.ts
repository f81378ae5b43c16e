/**
 * Power of t tests from the noncentral t, with the conventions of R's pwr (Champely) and
 * stats::power.t.test. Under the alternative the statistic is T ~ t'(ν, λ):
 *   less:      P(T < t_{α,ν})
 *   greater:   P(T > t_{1−α,ν})
 *   two-sided: P(T > t_{1−α/2,ν}) + P(T < −t_{1−α/2,ν})   (pwr, and power.t.test with strict = TRUE)
 *              P(T > t_{1−α/2,ν})                       (power.t.test's default, strict = FALSE)
 * with λ = d·√(n/k) for one/paired (k = 1) and two-sample equal n (k = 2), λ = d/√(1/n₁ + 1/n₂)
 * for unequal n, and ν = (n − 1)·k or n₁ + n₂ − 2.
 */
import { noncentralTCdf } from '../dist/noncentral-t.ts';
import { studentT } from '../dist/continuous.ts';

export type PwrAlternative = 'two.sided' | 'less' | 'greater';

/** Upper tail of the noncentral t as R's pnt computes it (the series itself for t < 0, 1 − series for t ≥ 0). */
export function noncentralTSf(t: number, df: number, ncp: number): number {
  return t < 0 ? noncentralTCdf(-t, df, -ncp) : 1 - noncentralTCdf(t, df, ncp);
}

/** Upper α quantile of t (qt(α, ν, lower.tail = FALSE)), from the lower tail for accuracy. */
export function tUpper(alpha: number, df: number): number {
  return -studentT.quantile(alpha, df);
}

/** Power of a t test with noncentrality λ and ν df; `strict` counts rejections in the wrong tail of a two-sided test. */
export function tTestPowerFromNcp(ncp: number, df: number, alpha: number, alternative: PwrAlternative, strict = true): number {
  switch (alternative) {
    case 'less':
      return noncentralTCdf(studentT.quantile(alpha, df), df, ncp);
    case 'greater':
      return noncentralTSf(tUpper(alpha, df), df, ncp);
    case 'two.sided': {
      const qu = tUpper(alpha / 2, df);
      const upper = noncentralTSf(qu, df, ncp);
      return strict ? upper + noncentralTCdf(-qu, df, ncp) : upper;
    }
  }
}
