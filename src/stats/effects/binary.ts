/**
 * Effect measures for a binary outcome from 2×2 counts (events e and totals n per arm;
 * arm 1 = intervention, arm 2 = control):
 *  Wilson score interval for a proportion (= R prop.test(correct = FALSE));
 *  risk difference p₁ − p₂ with the Wald CI and Newcombe's hybrid score CI (method 10,
 *  Newcombe 1998: L = RD − √((p₁ − l₁)² + (u₂ − p₂)²), U = RD + √((u₁ − p₁)² + (p₂ − l₂)²));
 *  risk ratio and odds ratio with Wald CIs on the log scale (undefined with a zero cell: reported
 *  as not estimable rather than patched with a continuity correction);
 *  NNT = 1/RD with Altman's (1998) convention when the RD CI includes 0.
 */
import { StatsError } from '../errors.ts';
import { normal } from '../dist/continuous.ts';

export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

function z(confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsError('INVALID_ARGUMENT', `confLevel must lie in (0, 1), got ${confLevel}`);
  return normal.quantile(1 - (1 - confLevel) / 2);
}

function checkCounts(e: number, n: number, label: string): void {
  if (!Number.isInteger(e) || !Number.isInteger(n) || e < 0 || n < 1 || e > n) {
    throw new StatsError('INVALID_ARGUMENT', `${label}: need whole numbers 0 ≤ events ≤ n and n ≥ 1, got ${e}/${n}`, { events: e, n });
  }
}

export function wilson(e: number, n: number, confLevel = 0.95): Interval {
  checkCounts(e, n, 'proportion');
  const q = z(confLevel);
  const p = e / n;
  const denom = 1 + (q * q) / n;
  const centre = (p + (q * q) / (2 * n)) / denom;
  const half = (q * Math.sqrt((p * (1 - p)) / n + (q * q) / (4 * n * n))) / denom;
  return { estimate: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export interface RiskDifference extends Interval {
  readonly se: number;
  readonly method: 'newcombe-hybrid-score' | 'wald';
  readonly wald: Interval;
}

export function riskDifference(e1: number, n1: number, e2: number, n2: number, confLevel = 0.95, method: 'newcombe-hybrid-score' | 'wald' = 'newcombe-hybrid-score'): RiskDifference {
  checkCounts(e1, n1, 'intervention arm');
  checkCounts(e2, n2, 'control arm');
  const q = z(confLevel);
  const [p1, p2] = [e1 / n1, e2 / n2];
  const rd = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const wald = { estimate: rd, lower: rd - q * se, upper: rd + q * se };
  const w1 = wilson(e1, n1, confLevel);
  const w2 = wilson(e2, n2, confLevel);
  const newcombe = {
    estimate: rd,
    lower: rd - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: rd + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
  return { ...(method === 'wald' ? wald : newcombe), se, method, wald };
}

/** A ratio measure; null numbers (never NaN) when a zero count makes it not estimable. */
export interface Ratio {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly method: string;
  readonly estimable: boolean;
}

export function riskRatio(e1: number, n1: number, e2: number, n2: number, confLevel = 0.95): Ratio {
  checkCounts(e1, n1, 'intervention arm');
  checkCounts(e2, n2, 'control arm');
  if (e1 === 0 || e2 === 0) return { estimate: null, lower: null, upper: null, method: 'log-scale Wald', estimable: false };
  const rr = e1 / n1 / (e2 / n2);
  const se = Math.sqrt(1 / e1 - 1 / n1 + 1 / e2 - 1 / n2);
  const q = z(confLevel);
  return { estimate: rr, lower: rr * Math.exp(-q * se), upper: rr * Math.exp(q * se), method: 'log-scale Wald', estimable: true };
}

export function oddsRatio(e1: number, n1: number, e2: number, n2: number, confLevel = 0.95): Ratio {
  checkCounts(e1, n1, 'intervention arm');
  checkCounts(e2, n2, 'control arm');
  const [a, b, c, d] = [e1, n1 - e1, e2, n2 - e2];
  if (a === 0 || b === 0 || c === 0 || d === 0) return { estimate: null, lower: null, upper: null, method: 'log-scale Wald (unconditional)', estimable: false };
  const or = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const q = z(confLevel);
  return { estimate: or, lower: or * Math.exp(-q * se), upper: or * Math.exp(q * se), method: 'log-scale Wald (unconditional)', estimable: true };
}

export interface Nnt {
  /** 1/|RD|; null when RD = 0. */
  readonly estimate: number | null;
  /** benefit: RD > 0 (more responders with the intervention); harm: RD < 0. */
  readonly kind: 'benefit' | 'harm' | 'none';
  /** Altman: when the RD CI includes 0 the NNT interval runs from NNTB = 1/U through ∞ to NNTH = 1/|L|. */
  readonly crossesZero: boolean;
  readonly lower: number | null;
  readonly upper: number | null;
}

export function numberNeededToTreat(rd: Interval): Nnt {
  // A Wald interval may reach beyond ±1, so only finiteness and order are required.
  for (const k of ['estimate', 'lower', 'upper'] as const) if (!Number.isFinite(rd[k])) throw new StatsError('INVALID_ARGUMENT', `the risk difference ${k} must be a finite number, got ${rd[k]}`);
  if (Math.abs(rd.estimate) > 1) throw new StatsError('INVALID_ARGUMENT', `a risk difference lies in [−1, 1], got ${rd.estimate}`);
  if (!(rd.lower <= rd.estimate && rd.estimate <= rd.upper)) throw new StatsError('INVALID_ARGUMENT', `the risk difference interval is not ordered: ${rd.lower} ≤ ${rd.estimate} ≤ ${rd.upper} fails`);
  const kind = rd.estimate > 0 ? 'benefit' : rd.estimate < 0 ? 'harm' : 'none';
  const estimate = rd.estimate === 0 ? null : 1 / Math.abs(rd.estimate);
  const crossesZero = rd.lower <= 0 && rd.upper >= 0;
  if (crossesZero) return { estimate, kind, crossesZero, lower: rd.upper > 0 ? 1 / rd.upper : null, upper: rd.lower < 0 ? 1 / Math.abs(rd.lower) : null };
  const a = 1 / Math.abs(rd.lower);
  const b = 1 / Math.abs(rd.upper);
  return { estimate, kind, crossesZero, lower: Math.min(a, b), upper: Math.max(a, b) };
}
