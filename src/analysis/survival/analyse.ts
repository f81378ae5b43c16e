/**
 * Survival analysis of one time-to-event outcome with a single event type (docs/time-to-event.md):
 *   per arm        Kaplan–Meier (Greenwood SE, log-log limits by default), median with its
 *                  Brookmeyer–Crowley interval, survival at landmark times, RMST at τ;
 *   per comparison the two arms alone: log-rank (stratified by the trial's strata when asked),
 *                  Cox hazard ratio (Efron; strata; covariates), RMST difference at τ (Wald);
 *   overall        the k-arm log-rank test;
 *   for charts     curves and the number at risk on a grid (aggregates, not each event time).
 */
import { kaplanMeier, type KaplanMeierCurve } from '../../stats/survival/kaplan-meier.ts';
import { survivalQuantiles } from '../../stats/survival/quantiles.ts';
import { numberAtRisk, survivalAt } from '../../stats/survival/at-times.ts';
import { logRank } from '../../stats/survival/log-rank.ts';
import { restrictedMeanSurvival, rmstFromCurve } from '../../stats/survival/rmst.ts';
import { normal } from '../../stats/dist/continuous.ts';
import type { ArmSurvival, ComparisonSpec, Curve, SurvivalInterval, SurvivalAnalysis, SurvivalComparison, TestResult, TimeToEventData, TimeToEventOptions } from './types.ts';
import { missingByArm, strataOf, usableRows } from './rows.ts';
import { coxComparison } from './cox.ts';
import { defaultGrid, riskTicks } from './grid.ts';

export interface ResolvedOptions {
  readonly comparisons: readonly ComparisonSpec[];
  readonly tau: number;
  readonly landmarks: readonly number[];
  readonly grid: readonly number[];
  readonly riskTimes: readonly number[];
  readonly confLevel: number;
  readonly confType: 'log' | 'log-log' | 'plain';
  readonly ties: 'efron' | 'breslow';
  readonly stratified: boolean;
  readonly unit: string | null;
  readonly warnings: string[];
}

/** Options completed once from the data: τ defaults to the earliest arm's last follow-up time (every arm observed up to it). */
export function resolveOptions(d: TimeToEventData, o: TimeToEventOptions, rows: readonly number[]): ResolvedOptions {
  const warnings: string[] = [];
  const lastByArm = d.armLabels.map(() => 0);
  let whole = true;
  let last = 0;
  for (const i of rows) {
    const t = d.time[i];
    lastByArm[d.arm[i]] = Math.max(lastByArm[d.arm[i]], t);
    last = Math.max(last, t);
    if (!Number.isInteger(t)) whole = false;
  }
  const present = d.armLabels.map((_, a) => rows.some((i) => d.arm[i] === a));
  const commonLast = Math.min(...lastByArm.filter((_, a) => present[a]));
  const tau = o.tau ?? commonLast;
  if (o.tau !== undefined && o.tau > commonLast) warnings.push(`τ = ${o.tau} is beyond the last follow-up time of an arm (${commonLast}); that arm's curve is carried forward flat to τ`);
  return {
    comparisons: o.comparisons,
    tau,
    landmarks: o.landmarks ?? [],
    grid: o.grid ?? defaultGrid(last, whole),
    // The risk table is read at the landmarks when the plan gives them (the times the trial reports), else at round ticks.
    riskTimes: o.landmarks?.length ? [...new Set([0, ...o.landmarks])].sort((a, b) => a - b) : riskTicks(last),
    confLevel: o.confLevel ?? 0.95,
    confType: o.confType ?? 'log-log',
    ties: o.ties ?? 'efron',
    stratified: o.stratified ?? d.strata !== undefined,
    unit: o.unit ?? null,
    warnings,
  };
}

function wald(estimate: number, se: number, confLevel: number): SurvivalInterval & { z: number | null; p: number | null } {
  const z = normal.quantile(1 - (1 - confLevel) / 2);
  const stat = se > 0 ? estimate / se : null;
  return { estimate, se, lower: estimate - z * se, upper: estimate + z * se, z: stat, p: stat === null ? null : 2 * normal.sf(Math.abs(stat)) };
}

function armSummary(curve: KaplanMeierCurve, missing: number, r: ResolvedOptions): ArmSurvival {
  const med = survivalQuantiles(curve, [0.5])[0];
  const at = r.landmarks.length ? survivalAt(curve, r.landmarks) : [];
  const rm = rmstFromCurve(curve, r.tau);
  return {
    arm: curve.label,
    n: curve.n,
    events: curve.events,
    missing,
    median: { estimate: med.time, lower: med.lower, upper: med.upper },
    landmarks: at.map((a) => ({ time: a.time, surv: a.surv, se: a.stdErr, lower: a.lower, upper: a.upper, nRisk: a.nRisk })),
    rmst: (({ estimate, se, lower, upper }) => ({ estimate, se, lower, upper }))(wald(rm.estimate, rm.se, r.confLevel)),
  };
}

function gridCurve(curve: KaplanMeierCurve, grid: readonly number[]): Curve {
  const at = survivalAt(curve, grid);
  return { arm: curve.label, state: 'event-free', time: [...grid], estimate: at.map((a) => a.surv), lower: at.map((a) => a.lower), upper: at.map((a) => a.upper), nRisk: numberAtRisk(curve, grid) };
}

/** A record keyed by arm labels: data, so no prototype ("__proto__" is a label like any other). */
export function byLabel<T>(entries: readonly (readonly [string, T])[]): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  for (const [k, v] of entries) out[k] = v;
  return out;
}

function test(stat: number, df: number, p: number, stratified: boolean): TestResult & { stratified: boolean } {
  return { statistic: stat, df, p, stratified };
}

export { wald };

export function analyseSurvival(d: TimeToEventData, o: TimeToEventOptions): SurvivalAnalysis {
  const rows = usableRows(d);
  const r = resolveOptions(d, o, rows);
  const present = d.armLabels.filter((_, a) => rows.some((i) => d.arm[i] === a));
  const codes = Int32Array.from(rows, (i) => present.indexOf(d.armLabels[d.arm[i]]));
  const time = Float64Array.from(rows, (i) => d.time[i]);
  const event = Uint8Array.from(rows, (i) => (d.status[i] > 0 ? 1 : 0));
  const km = kaplanMeier({ time, event, group: { codes, labels: present } }, { confType: r.confType, confLevel: r.confLevel });
  const missing = missingByArm(d);
  const arms = km.curves.map((c) => armSummary(c, missing[d.armLabels.indexOf(c.label)], r));
  const strata = r.stratified ? strataOf(d, rows) : null;
  const stratify = strata !== null && strata.labels.length > 1;
  const global = present.length >= 2 ? logRank({ time, event, group: { codes, labels: present }, ...(stratify ? { strata } : {}) }) : null;

  const comparisons: SurvivalComparison[] = r.comparisons.map((c) => {
    const sub = usableRows(d, [c.intervention, c.control]);
    const labels = [d.armLabels[c.control], d.armLabels[c.intervention]];
    const g = { codes: Int32Array.from(sub, (i) => (d.arm[i] === c.intervention ? 1 : 0)), labels };
    const t = Float64Array.from(sub, (i) => d.time[i]);
    const e = Uint8Array.from(sub, (i) => (d.status[i] > 0 ? 1 : 0));
    const st = r.stratified ? strataOf(d, sub) : null;
    const useStrata = st !== null && st.labels.length > 1;
    const lr = logRank({ time: t, event: e, group: g, ...(useStrata ? { strata: st } : {}) });
    const rm = restrictedMeanSurvival({ time: t, event: e, group: g }, { tau: r.tau, confLevel: r.confLevel, reference: labels[0] });
    const diff = rm.differences[0];
    const cox = coxComparison(d, { rows: sub, comparison: c, event: (s) => (s > 0 ? 1 : 0), stratified: r.stratified, ties: r.ties, confLevel: r.confLevel });
    return {
      id: c.id,
      intervention: labels[1],
      control: labels[0],
      logRank: test(lr.statistic, lr.df, lr.p, useStrata),
      cox,
      rmstDifference: { estimate: diff.estimate, se: diff.se, lower: diff.lower, upper: diff.upper, z: diff.z, p: diff.p },
    };
  });

  return {
    kind: 'survival',
    method: {
      km: 'kaplan-meier (Greenwood)',
      confType: r.confType,
      confLevel: r.confLevel,
      logRank: 'log-rank (survdiff, rho = 0)',
      cox: `cox proportional hazards (${r.ties} ties${r.stratified && d.strata ? `, stratified by ${d.strata.name}` : ''}${d.covariates?.length ? `, adjusted for ${d.covariates.map((x) => x.name).join(', ')}` : ''}); the two arms of each comparison alone`,
      rmst: 'restricted mean survival time (survmean variance)',
    },
    unit: r.unit,
    tau: r.tau,
    arms,
    globalLogRank: global ? test(global.statistic, global.df, global.p, stratify) : null,
    comparisons,
    curves: km.curves.map((c) => gridCurve(c, r.grid)),
    riskTable: { times: r.riskTimes, byArm: byLabel(km.curves.map((c) => [c.label, numberAtRisk(c, r.riskTimes)])) },
    warnings: [...r.warnings, ...comparisons.flatMap((c) => c.cox.warnings.map((w) => `${c.id}: ${w}`))],
  };
}
