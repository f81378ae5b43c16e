/**
 * Rubin's rules for any scalar estimate with a variance (a difference, an EMM, a risk
 * difference): from m completed-data estimates Q_i with variances U_i,
 *   Q̄ = mean Q_i, Ū = mean U_i, B = var(Q_i), T = Ū + (1 + 1/m)B,
 *   r = (1 + 1/m)B/Ū (relative increase in variance), λ = (1 + 1/m)B/T,
 *   df by Barnard & Rubin (1999) given the complete-data df ν_com (∞ → Rubin's 1987 df),
 *   FMI = (r + 2/(df + 3))/(r + 1) — as mice::pool.scalar (van Buuren, FIMD 2nd ed., § 2.3).
 */
import { StatsError, assertFinite, assertSameLength } from '../errors.ts';
import { studentT, tPValue } from '../dist/continuous.ts';

export interface PooledScalar {
  readonly m: number;
  readonly estimate: number;
  readonly withinVariance: number;
  readonly betweenVariance: number;
  readonly totalVariance: number;
  readonly se: number;
  readonly df: number;
  readonly riv: number;
  readonly lambda: number;
  readonly fmi: number;
  readonly lower: number;
  readonly upper: number;
  readonly statistic: number;
  readonly p: number;
  readonly options: { readonly dfCom: number; readonly confLevel: number };
}

/** Barnard–Rubin degrees of freedom (λ floored at 1e-4 as mice does). */
export function barnardRubinDf(m: number, b: number, t: number, dfCom: number): number {
  let lambda = ((1 + 1 / m) * b) / t;
  if (lambda < 1e-4) lambda = 1e-4;
  const dfOld = (m - 1) / lambda ** 2;
  if (!Number.isFinite(dfCom)) return dfOld;
  const dfObs = ((dfCom + 1) / (dfCom + 3)) * dfCom * (1 - lambda);
  return (dfOld * dfObs) / (dfOld + dfObs);
}

export function poolScalar(q: ArrayLike<number>, u: ArrayLike<number>, options: { dfCom?: number; confLevel?: number } = {}): PooledScalar {
  const dfCom = options.dfCom ?? Infinity;
  const confLevel = options.confLevel ?? 0.95;
  assertSameLength(q, u, 'estimates', 'variances');
  assertFinite(q, 'estimates');
  assertFinite(u, 'variances');
  const m = q.length;
  if (m < 2) throw new StatsError('EMPTY_INPUT', `Rubin's rules need at least 2 imputations, got ${m}`);
  for (let i = 0; i < m; i++) if (!(u[i] >= 0)) throw new StatsError('INVALID_ARGUMENT', `variance ${i} is negative (${u[i]})`);
  if (!(dfCom > 0)) throw new StatsError('INVALID_ARGUMENT', `the complete-data df must be positive, got ${dfCom}`);
  let qbar = 0;
  let ubar = 0;
  for (let i = 0; i < m; i++) {
    qbar += q[i];
    ubar += u[i];
  }
  qbar /= m;
  ubar /= m;
  let b = 0;
  for (let i = 0; i < m; i++) b += (q[i] - qbar) ** 2;
  b /= m - 1;
  const t = ubar + (1 + 1 / m) * b;
  if (!(t > 0)) throw new StatsError('CONSTANT_DATA', 'the total variance is 0');
  const df = barnardRubinDf(m, b, t, dfCom);
  const riv = ((1 + 1 / m) * b) / ubar;
  const lambda = ((1 + 1 / m) * b) / t;
  const fmi = (riv + 2 / (df + 3)) / (riv + 1);
  const se = Math.sqrt(t);
  const qt = studentT.quantile(1 - (1 - confLevel) / 2, df);
  const stat = qbar / se;
  return { m, estimate: qbar, withinVariance: ubar, betweenVariance: b, totalVariance: t, se, df, riv, lambda, fmi, lower: qbar - qt * se, upper: qbar + qt * se, statistic: stat, p: tPValue(stat, df), options: { dfCom, confLevel } };
}
