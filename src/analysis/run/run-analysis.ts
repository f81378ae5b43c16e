/**
 * The intention-to-treat pipeline: plan → frame → estimates for every outcome × visit ×
 * estimator → multiplicity → responders and effect rates → MNAR tipping points → safety →
 * subgroups → Table 1 and CONSORT flow. Deterministic: same data, spec and seed give identical
 * results (the seed drives the multiple imputations).
 */
import { basename } from 'node:path';
import type { LoadedTrial } from '../../instruments/load-trial.ts';
import { isSingleArm } from '../../data/spec/load.ts';
import { DataValidationError } from '../../data/problems.ts';
import { resolvePlan } from '../plan/resolve-plan.ts';
import { outcomePlan, type AnalysisPlan } from '../plan/schema.ts';
import { buildFrame } from '../frame/build-frame.ts';
import type { AnalysisFrame, FrameComparison, FrameOutcome } from '../frame/frame.ts';
import { consortFlow } from '../describe/consort.ts';
import { resultsSchemaVersion, type AnalysisResults, type EffectRate, type OutcomeResult, type ResponderResult, type SafetyResult, type SubgroupResult, type TippingPointResult } from '../results/types.ts';
import { responderCounts, responderResult } from '../responders.ts';
import { adjustmentFor, implementedSensitivity, miSettings, outcomeRows } from './outcome-rows.ts';
import { checkCompleteness, throwIfIncomplete } from './completeness.ts';
import { tippingPoint } from '../estimators/tipping-point.ts';
import { prefetchOutcome } from '../estimators/mi-ancova.ts';
import { cancelPrefetchedFcs } from '../../stats/mi/fcs.ts';
import { StatsError } from '../../stats/errors.ts';
import { applyMultiplicity, implicitOrderWarnings } from './multiplicity.ts';
import { timeToEventAnalysis } from './time-to-event.ts';
import { preloadTaskHelpers, rowsImputationsLast, runSide, runTask, sharedFrame, sideTasks, taskContext, taskCount, taskHelpers, frameForTasks, workerModule, type SideTask } from './analysis-tasks.ts';
import { discardHelpers, runPool, type PreloadedHelpers } from './task-pool.ts';
import { fileSha256 } from './file-hash.ts';
import type { AnalysisWorkerInput } from './analysis-worker.ts';
import { subgroupEffect } from './subgroups.ts';
import { echoLabels, echoPopulations, echoScales, echoTrial } from '../results/echo-spec.ts';

export const SOFTWARE_VERSION = '0.1.0';

export interface AnalyzeOptions {
  /** Seed of the multiple imputations (default 20201201, the CLI's default). */
  readonly seed?: number;
  /** Called after each outcome's estimates and after each tipping-point search. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Threads for the outcomes' and safety models' independent work (default: EFFEKT_THREADS,
   * else the cores; a small trial, or one whose outcomes impute, uses one): the results are the
   * same bits with any number.
   */
  readonly threads?: number;
}

/**
 * The effect rate for the economics: the responder risk difference of a comparison. When the
 * plan ran multiple imputation, the MI-pooled difference over all randomised (Rubin; the ITT
 * estimate) is used with its pooled SE and df; otherwise the observed-case difference with its
 * Newcombe CI.
 */
function effectRate(frame: AnalysisFrame, comparison: FrameComparison, metric: string, outcomeId: string, visit: string, population: string, estimator: string, s: ResponderResult): EffectRate {
  const C = frame.arms[comparison.control].label;
  const I = frame.arms[comparison.intervention].label;
  const p = s.pooled;
  const est = p ?? { ...s.riskDifference, df: null };
  return {
    metric, comparison: comparison.id, outcomeId, visit, population, estimator: p ? `${estimator}; responder risk difference pooled over ${p.m} imputations` : estimator,
    estimate: est.estimate, se: est.se, lower: est.lower, upper: est.upper, df: est.df,
    controlRate: s.rate[C].estimate, interventionRate: s.rate[I].estimate, pooled: p !== null,
    n: Object.fromEntries(Object.entries(s.rate).map(([a, v]) => [a, v.n])),
  };
}

/** Outcomes that get estimate rows: all but the safety counts (summarised in results.safety). */
export { rowOutcomes } from './analysis-tasks.ts';

export function runAnalysis(trial: LoadedTrial, options: AnalyzeOptions = {}): AnalysisResults {
  const { spec } = trial;
  if (isSingleArm(spec)) {
    throw new DataValidationError([{ file: spec.specFile, row: null, column: null, path: 'arms', value: null, message: 'a single-arm cohort has no control arm: the analysis compares arms', allowed: 'a spec with a control arm', fix: 'for a roll-out cohort without control use `effekt rollout status`; to analyse a trial add its control arm to the spec' }]);
  }
  const plan = resolvePlan(spec);
  // Helpers a large trial's tasks will run on load their modules while the frame is built (ended
  // here if the analysis stops before it gives them their tasks, or does not want them).
  const preloaded = preloadTaskHelpers(spec, plan, trial.summary.participants, options.threads);
  try {
    return analyse(trial, options, plan, preloaded);
  } finally {
    discardHelpers(preloaded);
  }
}

function analyse(trial: LoadedTrial, options: AnalyzeOptions, plan: AnalysisPlan, preloaded: PreloadedHelpers | null): AnalysisResults {
  const { spec } = trial;
  let frame = buildFrame(trial, { comparisons: plan.comparisons });
  const seed = options.seed ?? 20201201;
  // Checked here, before any work: a bad seed would otherwise surface as not-estimable MI rows.
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) throw new RangeError(`seed must be an integer from 1 to ${0xffffffff}, got ${seed}`);
  let ctx = taskContext(spec, plan, frame, seed, trial.dataFile);
  // Each outcome's rows, each safety model and the parts that depend on the frame alone are
  // independent tasks: on a large trial they are computed on helper threads at once while this
  // thread waits (analysis-tasks.ts), the frame's arrays then in shared memory (the same values), else here
  // one by one where the one-thread pipeline computes them. Either way an error is thrown where
  // the one-thread pipeline would throw it.
  const helpers = taskHelpers(ctx, options.threads);
  if (helpers > 0) ctx = taskContext(spec, plan, (frame = sharedFrame(frame)), seed, trial.dataFile);
  const { itt, analysed } = ctx;
  const warnings: string[] = [...(trial.warnings ?? [])];
  const requested = new Set(frame.outcomes.flatMap((o) => outcomePlan(plan, o.id, o.kind).sensitivity));
  const skipped = [...requested].filter((e) => !implementedSensitivity.includes(e));
  if (frame.uncodedReasons) warnings.push(spec.missingReasons.length ? 'some recorded reasons for a missed visit are not among the spec\'s missingReasons codes: they are counted as "other" (free text is never published)' : 'the spec declares no missingReasons codes, so every recorded reason for a missed visit is counted as "other" (free text is never published): list the codes in the spec\'s missingReasons');
  if (skipped.length) warnings.push(`sensitivity estimators in the plan not run (not implemented in this version): ${skipped.join(', ')}`);

  const continuousFamily = (o: FrameOutcome) => o.kind === 'score' || o.kind === 'continuous';
  const tipped = analysed.filter((o) => continuousFamily(o) && (o.role === 'primary' || o.role === 'secondary') && outcomePlan(plan, o.id, o.kind).sensitivity.includes('tipping-point'));
  const steps = analysed.length + tipped.length * frame.comparisons.length;
  // The imputations the outcomes will ask for start on the helper threads now (stats/mi/parallel.ts),
  // so they run while this thread fits the other estimators; the values are the same whoever computes
  // them. Runs left by an earlier analysis that stopped on an error are withdrawn first.
  cancelPrefetchedFcs();
  const mi = miSettings(plan, seed);
  for (const o of analysed) {
    if (!continuousFamily(o) || frame.comparisons.length === 0) continue;
    const op = outcomePlan(plan, o.id, o.kind);
    const usesMi = op.sensitivity.includes('mi-ancova');
    if (!usesMi && !tipped.includes(o)) continue;
    const ctx = { frame, outcome: o, visit: frame.visits.indexOf(o.primaryVisit), include: itt.include, confLevel: plan.confLevel, comparison: frame.comparisons[0], adjust: adjustmentFor(frame, op) };
    prefetchOutcome(ctx, usesMi ? mi : { ...mi, m: plan.tippingPoint.m });
  }
  let outcomesDone = 0;
  const pieces = helpers > 0
    ? runPool<unknown>({
        count: taskCount(ctx),
        compute: (t) => runTask(ctx, t),
        helpers,
        helpersOnly: true,
        module: workerModule(),
        preloaded,
        input: (): AnalysisWorkerInput => ({ spec, frame: frameForTasks(frame), seed, dataFile: trial.dataFile }),
        onSettled: (t) => {
          if (t < analysed.length) options.onProgress?.(++outcomesDone, steps);
        },
      })
    : null;
  const piece = <T>(t: number): T => {
    if (!pieces) return runTask(ctx, t) as T;
    const p = pieces[t];
    if (!p.ok) throw p.error;
    return p.value as T;
  };
  const side = <T>(name: SideTask): T => (pieces ? piece<T>(analysed.length + ctx.safety.length + sideTasks.indexOf(name)) : (runSide(ctx, name) as T));
  let done = 0;
  let rows: OutcomeResult[] = (pieces ? analysed.map((_, k) => piece<OutcomeResult[]>(k)) : rowsImputationsLast(ctx, () => options.onProgress?.(++done, steps))).flat();
  const tte = timeToEventAnalysis(frame, plan, itt);
  rows.push(...tte.rows);
  warnings.push(...tte.warnings);
  const completeness = checkCompleteness(spec, plan, frame, rows, analysed.map((o) => o.id), itt.id, [...new Set(rows.map((r) => r.population))], basename(trial.dataFile));
  throwIfIncomplete(completeness);
  warnings.push(...completeness.warnings);
  rows = applyMultiplicity(rows, plan);
  warnings.push(...implicitOrderWarnings(plan.multiplicity, frame.comparisons.map((c) => c.id)));

  // Count outcomes with a responder rule (e.g. "no admission") yield an effect rate but no estimate rows.
  const countRates: EffectRate[] = frame.outcomes
    .filter((o) => o.kind === 'count' && o.responder)
    .flatMap((o) => frame.comparisons.flatMap((c) => {
      const counts = responderCounts(frame, o, frame.visits.indexOf(o.primaryVisit), itt.include);
      const res = counts ? responderResult(frame, o, counts, plan.confLevel, c) : null;
      if (res === null || typeof res === 'string') {
        warnings.push(`effect rate for ${o.id}${frame.comparisons.length > 1 ? ` (${c.id})` : ''} not estimable${typeof res === 'string' ? `: ${res}` : ''}`);
        return [];
      }
      return [effectRate(frame, c, o.responder!.metric, o.id, o.primaryVisit, itt.id, 'responder proportions', res)];
    }));
  const effectRates: EffectRate[] = rows
    .filter((r) => r.isPrimaryEstimator && r.responder)
    .map((r) => effectRate(frame, frame.comparisons.find((c) => c.id === r.comparison)!, frame.outcomes.find((x) => x.id === r.id)!.responder!.metric, r.id, r.visit, r.population, r.estimator, r.responder!))
    .concat(countRates);

  // MNAR sensitivity for the confirmatory outcomes: δ against the intervention until the conclusion changes.
  // After the rows: the MI ANCOVA's imputations are cached by then, and the tipping points' fewer
  // (plan.tippingPoint.m) are their first ones.
  const tippingPoints: TippingPointResult[] = [];
  done = analysed.length;
  for (const o of tipped) {
    const op = outcomePlan(plan, o.id, o.kind);
    for (const comparison of frame.comparisons) {
      const { maxDelta, steps: gridSteps, m, arm } = plan.tippingPoint;
      try {
        tippingPoints.push(tippingPoint({ frame, outcome: o, visit: frame.visits.indexOf(o.primaryVisit), include: itt.include, confLevel: plan.confLevel, comparison, adjust: adjustmentFor(frame, op) }, { ...miSettings(plan, seed), m, maxDelta, steps: gridSteps, alpha: plan.alpha, arm }));
      } catch (e) {
        if (!(e instanceof StatsError)) throw e;
        warnings.push(`tipping-point analysis for ${o.id}${frame.comparisons.length > 1 ? ` (${comparison.id})` : ''} not estimable: ${e.message}`);
      }
      options.onProgress?.(++done, steps);
    }
  }

  cancelPrefetchedFcs(); // runs nobody joined (an outcome not estimable) stop

  const primaryOutcome = frame.outcomes.find((o) => o.role === 'primary');
  const primaryVisit = primaryOutcome ? frame.visits.indexOf(primaryOutcome.primaryVisit) : -1;
  const primaryPlan = primaryOutcome ? outcomePlan(plan, primaryOutcome.id, primaryOutcome.kind) : null;
  const subgroups: SubgroupResult[] = primaryOutcome ? plan.subgroups.flatMap((s) => {
    const cov = [...frame.covariates, ...frame.strata].find((c) => c.column === s.column)!;
    return frame.comparisons.map((c) => subgroupEffect(frame, primaryOutcome, primaryVisit, cov, itt.include, plan.confLevel, c, adjustmentFor(frame, primaryPlan!)));
  }) : [];
  // A time-to-event primary has no value at a visit: CONSORT's "analysed" is everyone in its Cox
  // analysis (all with a follow-up time), listed at its follow-up ("τ = 5 years"). It had said
  // "0 analysed at end" for every arm of survival::colon.
  const primaryTimeToEvent = primaryOutcome ? undefined : frame.timeToEvent.find((t) => t.role === 'primary');
  const primaryId = primaryOutcome?.id ?? primaryTimeToEvent?.id;
  const isPrimaryEstimator = (r: OutcomeResult) => (primaryPlan ? r.estimator === primaryPlan.primary : r.isPrimaryEstimator);
  const timeToEventVisit = primaryTimeToEvent ? rows.find((r) => r.id === primaryTimeToEvent.id && r.isPrimaryEstimator && r.population === itt.id)?.visit : undefined;
  // CONSORT "analysed": from the primary outcome's primary-estimator rows (an arm in several comparisons: its first).
  const analysedAt = (visit: string) => {
    // A null-prototype map: an arm may be labelled "__proto__" or "constructor".
    const out: Record<string, number> = Object.create(null);
    for (const r of rows) {
      if (primaryId === undefined || r.id !== primaryId || r.visit !== visit || !isPrimaryEstimator(r) || r.population !== itt.id) continue;
      for (const [arm, n] of Object.entries(r.n.analysed)) if (!Object.hasOwn(out, arm)) out[arm] = n;
    }
    return out;
  };

  return {
    schemaVersion: resultsSchemaVersion,
    software: { name: 'effekt', version: SOFTWARE_VERSION },
    trial: echoTrial(spec),
    // File names without folders plus content hashes: results do not depend on where the files lie.
    input: { dataFile: basename(trial.dataFile), dataSha256: side<string>('dataSha256'), specFile: basename(spec.specFile), specSha256: fileSha256(spec.specFile) },
    seed,
    alpha: plan.alpha,
    confLevel: plan.confLevel,
    arms: frame.arms,
    comparisons: frame.comparisons.map((c) => ({ id: c.id, intervention: frame.arms[c.intervention].label, control: frame.arms[c.control].label })),
    visits: frame.visits,
    // Spread first, so `visits` keeps its place in the object (results.json stays byte-identical without time-to-event outcomes).
    labels: ((l) => ({ ...l, visits: { ...l.visits, ...tte.visitNames } }))(echoLabels(spec, frame)),
    populations: echoPopulations(spec),
    scales: echoScales(spec, trial.instruments),
    consort: consortFlow(frame, primaryOutcome ?? null, analysedAt, timeToEventVisit === undefined ? undefined : [timeToEventVisit]),
    baseline: side<AnalysisResults['baseline']>('baseline'),
    outcomes: rows,
    effectRates,
    safety: ctx.safety.map((_, k) => piece<SafetyResult>(analysed.length + k)),
    events: side<AnalysisResults['events']>('events'),
    subgroups,
    tippingPoints,
    ...(tte.results.length ? { timeToEvent: tte.results } : {}),
    planning: side<AnalysisResults['planning']>('planning'),
    warnings,
  };
}
