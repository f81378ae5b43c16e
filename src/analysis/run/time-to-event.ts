/**
 * Time-to-event outcomes in the analysis (docs/time-to-event.md): each outcome's full survival
 * (Kaplan–Meier, log-rank, Cox, RMST) or competing-risks (Aalen–Johansen, cause-specific Cox)
 * analysis goes to results.timeToEvent; per comparison it also gives outcome rows, so that the
 * multiplicity scheme, the CLI and the report treat it like any other outcome:
 *   primary row      "cox": the hazard ratio (of the event, or of the outcome's own cause when
 *                    there are competing causes); per arm the proportion with the event by τ;
 *   sensitivity row  "rmst": the difference in restricted mean time to the event at τ — or, with
 *                    competing causes, "cumulative-incidence": the difference in the cause's
 *                    cumulative incidence at τ; per arm the RMST or the incidence.
 * The rows' `visit` is the follow-up "τ = <tau> <unit>", named in results.labels.visits.
 */
import { timeToEventMissingData } from '../text/time-to-event-missing.ts';
import type { AnalysisPlan } from '../plan/schema.ts';
import type { AnalysisFrame, FrameComparison, FrameTimeToEvent } from '../frame/frame.ts';
import type { Population } from '../populations.ts';
import type { Difference, EmmCell, EffectMeasure, Localised, OutcomeResult, TimeToEventResult } from '../results/types.ts';
import { analyseCompetingRisks, analyseSurvival, resolveOptions } from '../survival/index.ts';
import { usableRows } from '../survival/rows.ts';
import type { CompetingRisksAnalysis, CoxComparison, SurvivalAnalysis, SurvivalCovariate, TimeToEventData } from '../survival/types.ts';
import { countArms } from '../estimators/common.ts';
import { notEstimableSentence, outcomeSentence } from '../text/sentences.ts';

export interface TimeToEventRun {
  readonly rows: OutcomeResult[];
  /** The analyses' warnings, each prefixed with its outcome id (for results.warnings). */
  readonly warnings: string[];
  readonly results: TimeToEventResult[];
  /** Follow-up "visits" of the rows with their names. */
  readonly visitNames: Record<string, Localised>;
}

/** The plan for one time-to-event outcome, resolved. */
function planFor(plan: AnalysisPlan, id: string) {
  const own = (Object.hasOwn(plan.outcomes, id) ? plan.outcomes[id] : undefined) ?? {};
  return {
    covariates: own.covariates ?? plan.defaults.covariates ?? [],
    tau: own.tau ?? plan.timeToEvent.tau,
    landmarks: own.landmarks ?? plan.timeToEvent.landmarks,
    optional: own.optional ?? false,
  };
}

/** The trial's strata as one factor (several strata: their combinations). */
function strataFactor(frame: AnalysisFrame): TimeToEventData['strata'] | undefined {
  if (frame.strata.length === 0) return undefined;
  const labels: string[] = [];
  const codes = Int32Array.from({ length: frame.n }, (_, i) => {
    if (frame.strata.some((s) => s.values[i] < 0)) return -1;
    const label = frame.strata.map((s) => s.levels[s.values[i]]).join(' × ');
    let k = labels.indexOf(label);
    if (k < 0) k = labels.push(label) - 1;
    return k;
  });
  return { name: frame.strata.map((s) => s.column).join(' × '), codes, labels };
}

function covariatesOf(frame: AnalysisFrame, columns: readonly string[]): SurvivalCovariate[] {
  return columns.map((column) => {
    const c = frame.covariates.find((x) => x.column === column);
    if (!c) throw new Error(`covariate "${column}" is not in the frame`);
    return c.kind === 'numeric' ? { name: c.column, kind: 'numeric', values: c.values } : { name: c.column, kind: 'categorical', levels: c.levels, codes: c.values as Int32Array };
  });
}

function hrDifference(cox: CoxComparison, higherIsBetter: boolean, I: string, C: string): Difference | null {
  if (cox.status !== 'estimated' || cox.hazardRatio === null || cox.logHr === null || cox.se === null || cox.p === null || cox.lower === null || cox.upper === null) return null;
  // A wanted event (a job) sooner is better: HR > 1 favours the intervention; a harmful one: HR < 1.
  const benefitSign: 1 | -1 = higherIsBetter ? 1 : -1;
  const s = cox.logHr * benefitSign;
  return { estimate: cox.hazardRatio, lower: cox.lower, upper: cox.upper, se: cox.se, df: null, statistic: cox.logHr / cox.se, p: cox.p, pAdjusted: cox.p, direction: `${I} / ${C}`, benefitSign, favours: s > 0 ? 'intervention' : s < 0 ? 'control' : 'neither' };
}

function waldDifference(d: { estimate: number; se: number; lower: number; upper: number; z: number | null; p: number | null }, benefitSign: 1 | -1, I: string, C: string): Difference | null {
  if (!Number.isFinite(d.estimate) || d.z === null || d.p === null) return null;
  const s = d.estimate * benefitSign;
  return { estimate: d.estimate, lower: d.lower, upper: d.upper, se: d.se, df: null, statistic: d.z, p: d.p, pAdjusted: d.p, direction: `${I} − ${C}`, benefitSign, favours: s > 0 ? 'intervention' : s < 0 ? 'control' : 'neither' };
}

interface RowParts {
  readonly estimator: 'cox' | 'rmst' | 'cumulative-incidence';
  readonly measure: EffectMeasure;
  readonly primary: boolean;
  readonly emm: Record<string, EmmCell>;
  readonly difference: Difference | null;
  readonly reason: string | null;
  readonly analysed: Record<string, number>;
  readonly summary: string;
  readonly model: string;
  readonly covariates: readonly string[];
  readonly options: Record<string, string | number | boolean | null>;
  readonly warnings: readonly string[];
}

function row(frame: AnalysisFrame, t: FrameTimeToEvent, c: FrameComparison, itt: Population, visit: string, visitName: Localised, confLevel: number, p: RowParts): OutcomeResult {
  const I = frame.arms[c.intervention];
  const C = frame.arms[c.control];
  const inArms = [...Array(frame.n).keys()].filter((i) => itt.include(i) && (frame.arm[i] === c.intervention || frame.arm[i] === c.control));
  const withData = countArms(frame, inArms.filter((i) => Number.isFinite(t.time[i]) && t.event[i] >= 0));
  const sentence = p.difference
    ? outcomeSentence({ outcome: t.name, visit: visitName, intervention: I.label, control: C.label, difference: p.difference, cohensD: null, digits: 1, confLevel, measure: p.measure, unit: t.unit, tau: typeof p.options.tau === 'number' ? p.options.tau : null })
    : notEstimableSentence(t.name, p.reason ?? 'unknown reason');
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    comparison: c.id,
    kind: 'time-to-event',
    measure: p.measure,
    higherIsBetter: t.higherIsBetter,
    visit,
    population: itt.id,
    estimator: p.estimator,
    isPrimaryEstimator: p.primary,
    status: p.difference ? 'estimated' : 'not-estimable',
    reason: p.difference ? null : p.reason ?? 'not estimable',
    n: { randomised: countArms(frame, inArms), withData, analysed: p.analysed },
    emm: p.emm,
    difference: p.difference,
    binary: null,
    cohensD: null,
    multiplicity: null,
    estimand: {
      population: `${itt.name.en}: ${itt.description}`,
      treatment: `${I.name.en} versus ${C.name.en}`,
      variable: `time to ${t.name.en} (${t.unit?.en ?? 'time units'} from randomisation), followed up to ${visitName.en}`,
      intercurrentEvents: t.competing ? `competing events (${t.causes.slice(1).join(', ')}) end the wait for ${t.causes[0]}: a competing-risks estimand (while-alive / cause-specific)` : 'treatment policy: analysed as randomised; end of follow-up censors',
      summaryMeasure: p.summary,
      missingData: timeToEventMissingData,
    },
    method: { name: p.estimator, model: p.model, covariates: p.covariates, dfMethod: 'none (normal approximation)', confLevel, options: p.options },
    responder: null,
    sentence,
    warnings: p.warnings,
  };
}

function survivalRows(frame: AnalysisFrame, t: FrameTimeToEvent, a: SurvivalAnalysis, itt: Population, visit: string, visitName: Localised, confLevel: number, covariates: readonly string[]): OutcomeResult[] {
  const byArm = new Map(a.arms.map((x) => [x.arm, x]));
  return frame.comparisons.flatMap((c) => {
    const cmp = a.comparisons.find((x) => x.id === c.id)!;
    const labels = [frame.arms[c.intervention].label, frame.arms[c.control].label];
    // Control first, as the other outcome rows list their arms.
    const arms = [labels[1], labels[0]].map((l) => byArm.get(l)).filter((x) => x !== undefined);
    const eventBy: Record<string, EmmCell> = Object.create(null);
    const rmst: Record<string, EmmCell> = Object.create(null);
    const analysed: Record<string, number> = Object.create(null);
    for (const x of arms) {
      const at = x.landmarks.find((l) => l.time === a.tau)!;
      eventBy[x.arm] = { estimate: 1 - at.surv, se: at.se ?? Number.NaN, df: null, lower: at.upper === null ? Number.NaN : 1 - at.upper, upper: at.lower === null ? Number.NaN : 1 - at.lower };
      rmst[x.arm] = { ...x.rmst, df: null };
      analysed[x.arm] = x.n;
    }
    const common = { covariates, analysed, options: { tau: a.tau, unit: a.unit, confType: a.method.confType, logRankP: cmp.logRank.p, logRankStratified: cmp.logRank.stratified } };
    const cox = cmp.cox;
    return [
      row(frame, t, c, itt, visit, visitName, confLevel, {
        ...common, estimator: 'cox', measure: 'hazard-ratio', primary: true, emm: eventBy,
        difference: hrDifference(cox, t.higherIsBetter, labels[0], labels[1]), reason: cox.reason,
        summary: `hazard ratio (${labels[0]} / ${labels[1]}) from a Cox model (${a.method.cox}); per arm the Kaplan–Meier proportion with the event by τ = ${a.tau}`,
        model: `Surv(time, event) ~ arm${cox.adjustedFor.length ? ` + ${cox.adjustedFor.join(' + ')}` : ''}${cox.strata ? ` + strata(${cox.strata})` : ''}`,
        options: { ...common.options, events: cox.events, excluded: cox.excluded, phTestP: cox.proportionalHazards?.p ?? null },
        warnings: cox.warnings,
      }),
      row(frame, t, c, itt, visit, visitName, confLevel, {
        // Kaplan–Meier areas are unadjusted: the Cox model's covariates are not this row's.
        ...common, covariates: [], estimator: 'rmst', measure: 'rmst-difference', primary: false, emm: rmst,
        // Restricted mean time to the event: less time is better when the event is wanted.
        difference: waldDifference(cmp.rmstDifference, t.higherIsBetter ? -1 : 1, labels[0], labels[1]), reason: 'the RMST difference has no finite SE',
        summary: `difference in restricted mean time to the event up to τ = ${a.tau} (${labels[0]} − ${labels[1]}; Kaplan–Meier areas, Wald)`,
        model: 'Kaplan–Meier per arm; RMST = area under the curve to τ', warnings: [],
      }),
    ];
  });
}

function competingRows(frame: AnalysisFrame, t: FrameTimeToEvent, a: CompetingRisksAnalysis, itt: Population, visit: string, visitName: Localised, confLevel: number, covariates: readonly string[]): OutcomeResult[] {
  const cause = t.causes[0];
  return frame.comparisons.flatMap((c) => {
    const cmp = a.comparisons.find((x) => x.id === c.id)!.byCause.find((x) => x.cause === cause)!;
    const labels = [frame.arms[c.intervention].label, frame.arms[c.control].label];
    const incidence: Record<string, EmmCell> = Object.create(null);
    const analysed: Record<string, number> = Object.create(null);
    for (const x of [labels[1], labels[0]].map((l) => a.arms.find((y) => y.arm === l)).filter((y) => y !== undefined)) {
      const at = x.byCause.find((y) => y.cause === cause)!.atTau;
      incidence[x.arm] = { ...at, df: null };
      analysed[x.arm] = x.n;
    }
    const options = { tau: a.tau, unit: a.unit, cause, competing: t.causes.slice(1).join(', ') };
    return [
      row(frame, t, c, itt, visit, visitName, confLevel, {
        estimator: 'cox', measure: 'hazard-ratio', primary: true, emm: incidence, analysed, covariates, options: { ...options, events: cmp.causeSpecificCox.events },
        difference: hrDifference(cmp.causeSpecificCox, t.higherIsBetter, labels[0], labels[1]), reason: cmp.causeSpecificCox.reason,
        summary: `cause-specific hazard ratio of ${cause} (${labels[0]} / ${labels[1]}; competing causes censored; ${a.method.cox}); per arm the Aalen–Johansen cumulative incidence by τ = ${a.tau}`,
        model: `Surv(time, event == "${cause}") ~ arm${cmp.causeSpecificCox.adjustedFor.length ? ` + ${cmp.causeSpecificCox.adjustedFor.join(' + ')}` : ''}${cmp.causeSpecificCox.strata ? ` + strata(${cmp.causeSpecificCox.strata})` : ''}`,
        warnings: cmp.causeSpecificCox.warnings,
      }),
      row(frame, t, c, itt, visit, visitName, confLevel, {
        estimator: 'cumulative-incidence', measure: 'incidence-difference', primary: false, emm: incidence, analysed, covariates: [], options,
        difference: waldDifference(cmp.difference, t.higherIsBetter ? 1 : -1, labels[0], labels[1]), reason: 'the incidence difference has no finite SE',
        summary: `difference in the cumulative incidence of ${cause} by τ = ${a.tau} (${labels[0]} − ${labels[1]}; Aalen–Johansen, infinitesimal-jackknife SEs, Wald)`,
        model: 'Aalen–Johansen per arm', warnings: [],
      }),
    ];
  });
}

export function timeToEventAnalysis(frame: AnalysisFrame, plan: AnalysisPlan, itt: Population): TimeToEventRun {
  const rows: OutcomeResult[] = [];
  const results: TimeToEventResult[] = [];
  const visitNames: Record<string, Localised> = {};
  const warnings: string[] = [];
  const strata = plan.timeToEvent.stratified ? strataFactor(frame) : undefined;
  for (const t of frame.timeToEvent) {
    const op = planFor(plan, t.id);
    const data: TimeToEventData = {
      time: t.time,
      status: t.event,
      causes: t.causes,
      arm: frame.arm,
      armLabels: frame.arms.map((a) => a.label),
      ...(strata ? { strata } : {}),
      ...(op.covariates.length ? { covariates: covariatesOf(frame, op.covariates) } : {}),
      include: itt.include,
    };
    const comparisons = frame.comparisons.map((c) => ({ id: c.id, intervention: c.intervention, control: c.control }));
    const base = { comparisons, ...(op.tau !== undefined ? { tau: op.tau } : {}), confLevel: plan.confLevel, ties: plan.timeToEvent.ties, stratified: strata !== undefined, ...(t.unit ? { unit: t.unit.en } : {}) };
    // τ is resolved from the data first so that the landmarks always include it (per-arm proportions at τ).
    const tau = resolveOptions(data, base, usableRows(data)).tau;
    const landmarks = [...new Set([...op.landmarks.filter((x) => x <= tau), tau])].sort((x, y) => x - y);
    // Cumulative incidence keeps survfit's multi-state default limits ("log" on P); survival curves take the plan's.
    const analysis = t.competing ? analyseCompetingRisks(data, { ...base, tau, landmarks }) : analyseSurvival(data, { ...base, tau, landmarks, confType: plan.timeToEvent.confType });
    // The id in English (results.json's keys); the names in each language's own unit word.
    const visit = `τ = ${tau}${t.unit ? ` ${t.unit.en}` : ''}`;
    const visitName = { da: `opfølgning til ${tau}${t.unit ? ` ${t.unit.da}` : ''}`, en: `follow-up to ${tau}${t.unit ? ` ${t.unit.en}` : ''}` };
    visitNames[visit] = visitName;
    warnings.push(...analysis.warnings.map((w) => `${t.id}: ${w}`));
    results.push({ id: t.id, name: t.name, role: t.role, higherIsBetter: t.higherIsBetter, population: itt.id, analysis });
    rows.push(...(analysis.kind === 'survival' ? survivalRows(frame, t, analysis, itt, visit, visitName, plan.confLevel, op.covariates) : competingRows(frame, t, analysis, itt, visit, visitName, plan.confLevel, op.covariates)));
  }
  return { rows, results, visitNames, warnings };
}

/** Whether a time-to-event outcome may come out empty (a warning rather than an error). */
export function timeToEventOptional(plan: AnalysisPlan, id: string): boolean {
  return planFor(plan, id).optional;
}
