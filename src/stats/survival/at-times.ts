/**
 * A Kaplan–Meier curve read at chosen times, as `summary(survfit, times, extend = TRUE)`:
 * Ŝ and its limits are those of the last curve time ≤ t (1, with SE 0, before the first);
 * the number at risk is that of the first curve time ≥ t (the risk set just before t),
 * and 0 after the last time. Used for risk tables under survival charts.
 */
import { StatsError } from '../errors.ts';
import type { KaplanMeierCurve } from './kaplan-meier.ts';

export interface SurvivalAtTime {
  readonly time: number;
  readonly nRisk: number;
  /** Events and censorings in (previous requested time, t]. */
  readonly nEvent: number;
  readonly nCensor: number;
  readonly surv: number;
  /** SE of Ŝ(t) itself, Ŝ·se(log Ŝ), as summary.survfit reports it; null where undefined. */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Index of the last element ≤ t in an ascending array (−1 if none). */
function lastAtOrBefore(xs: readonly number[], t: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function checkTimes(times: readonly number[]): void {
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i])) throw new StatsError('NON_FINITE', `times[${i}] is ${times[i]}`);
    if (i > 0 && !(times[i] > times[i - 1])) throw new StatsError('INVALID_ARGUMENT', `times must increase strictly (times[${i}] = ${times[i]} follows ${times[i - 1]})`);
  }
}

/** Number at risk just before each time (the risk-table row of a survival chart). */
export function numberAtRisk(curve: Pick<KaplanMeierCurve, 'time' | 'nRisk'>, times: readonly number[]): number[] {
  checkTimes(times);
  return times.map((t) => {
    const j = lastAtOrBefore(curve.time, t);
    // First curve time ≥ t: j itself when it equals t, else the next one.
    const k = j >= 0 && curve.time[j] === t ? j : j + 1;
    return k < curve.time.length ? curve.nRisk[k] : 0;
  });
}

export function survivalAt(curve: KaplanMeierCurve, times: readonly number[]): SurvivalAtTime[] {
  checkTimes(times);
  const risk = numberAtRisk(curve, times);
  let prev = -1;
  return times.map((t, k) => {
    const j = lastAtOrBefore(curve.time, t);
    let d = 0, c = 0;
    for (let i = prev + 1; i <= j; i++) {
      d += curve.nEvent[i];
      c += curve.nCensor[i];
    }
    prev = Math.max(prev, j);
    if (j < 0) return { time: t, nRisk: risk[k], nEvent: 0, nCensor: 0, surv: 1, stdErr: 0, lower: 1, upper: 1 };
    const se = curve.stdErr[j];
    const seS = se === null || curve.surv[j] === 0 ? null : se * curve.surv[j];
    return { time: t, nRisk: risk[k], nEvent: d, nCensor: c, surv: curve.surv[j], stdErr: seS, lower: curve.lower[j], upper: curve.upper[j] };
  });
}
