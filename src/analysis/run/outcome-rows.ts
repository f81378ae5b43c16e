/**
 * The estimate rows of one outcome, for every comparison: the primary estimator (for score and
 * continuous outcomes the ITT ANCOVA, or the MMRM when the plan says so; for binary outcomes
 * logistic regression with marginal standardisation or two proportions; for counts a
 * negative-binomial or Poisson rate ratio) at every visit the plan estimates at; the MMRM (as
 * sensitivity) also at every visit, since one fit covers them all; and at the outcome's primary
 * visit the other sensitivity estimators the plan asks for. Every row carries its comparison,
 * estimand, model formula as fitted and method.
 */
import { estimatorFamily, outcomePlan, type AnalysisPlan, type EstimatorId, type ResolvedOutcomePlan } from '../plan/schema.ts';
import type { AnalysisFrame, FrameComparison, FrameOutcome } from '../frame/frame.ts';
import type { Population } from '../populations.ts';
import type { Difference, OutcomeResult, ResponderResult } from '../results/types.ts';
import { ancova } from '../estimators/ancova.ts';
import { welch } from '../estimators/welch.ts';
import { mmrm } from '../estimators/mmrm.ts';
import { miAncova, miResponderRiskDifference, type MiSettings } from '../estimators/mi-ancova.ts';
import { twoProportions } from '../estimators/two-proportions.ts';
import { logisticStandardised } from '../estimators/logistic.ts';
import { countRegression } from '../estimators/count-regression.ts';
import { StatsError } from '../../stats/errors.ts';
import { adjustedBaseline, type Adjustment, type EstimatorContext, type EstimatorOutput } from '../estimators/common.ts';
import { dFromDifference, pooledSd } from '../../stats/effects/cohens-d.ts';
import { outcomeSentence, notEstimableSentence } from '../text/sentences.ts';
import { responderCounts, responderResult } from '../responders.ts';

/** Estimators this version implements; others in a plan are reported as not run. */
export const implementedSensitivity: readonly EstimatorId[] = ['ancova', 'complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'tipping-point', 'logistic', 'two-proportion', 'negative-binomial', 'poisson'];

/** Estimators that give rows (the tipping point gives a path, in results.tippingPoints). */
const rowEstimators: readonly EstimatorId[] = ['complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'logistic', 'two-proportion', 'negative-binomial', 'poisson'];

/** The imputation settings of the plan with the run's seed. */
export function miSettings(plan: AnalysisPlan, seed: number): MiSettings {
  const { m, method, donors, maxit, byArm, auxiliary } = plan.imputation;
  return { m, method, donors, maxit, byArm, seed, auxiliary };
}

/** The adjustment the plan asks for on one outcome, as frame covariates. */
export function adjustmentFor(frame: AnalysisFrame, op: ResolvedOutcomePlan): Adjustment {
  return { covariates: op.covariates.map((c) => frame.covariates.find((x) => x.column === c)!), baseline: op.adjustForBaseline };
}

interface RowSpec {
  readonly estimator: string;
  readonly population: Population;
  readonly run: (ctx: EstimatorContext) => EstimatorOutput;
  readonly missingData: string;
  readonly intercurrent: string;
  readonly summary: string;
}

/** The ITT strategy in the trial's own terms: sessions only where the spec records attendance (a drug trial has none). */
function treatmentPolicy(frame: AnalysisFrame): string {
  return `treatment policy: analysed as randomised whatever ${frame.adherence ? 'sessions were attended' : 'treatment was received'}`;
}

/** "baseline value, stratification factors and covariates (age, sex)" — what a model adjusts for, named by role. */
function adjustedFor(frame: AnalysisFrame, outcome: FrameOutcome, adjust: Adjustment): string {
  const parts = [
    ...(adjust.baseline && outcome.hasBaseline && frame.baselineVisit >= 0 ? ['baseline value'] : []),
    ...(frame.strata.length ? ['stratification factors'] : []),
    ...(adjust.covariates.length ? [`covariates (${adjust.covariates.map((c) => c.column).join(', ')})`] : []),
  ];
  if (parts.length === 0) return 'unadjusted';
  return `adjusted for ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}`;
}

/**
 * How the EMMs weight what the model adjusts for besides the baseline: equal weights over the
 * strata (and the levels of categorical covariates, as emmeans does); nothing to say without either.
 */
function emmWeights(frame: AnalysisFrame, adjust: Adjustment): string {
  if (frame.strata.length) return '; marginal means with equal weights over strata';
  return adjust.covariates.some((c) => c.kind === 'categorical') ? "; marginal means with equal weights over the categorical covariates' levels" : '';
}

function continuousSpecs(frame: AnalysisFrame, outcome: FrameOutcome, plan: AnalysisPlan, adjust: Adjustment, itt: Population, pp: Population | null, mi: MiSettings): Record<string, RowSpec> {
  const diffSummary = 'difference in means (intervention − control)';
  const weights = emmWeights(frame, adjust);
  const mm = plan.mmrm;
  const withBase = adjust.baseline && outcome.hasBaseline && frame.baselineVisit >= 0;
  const mar = [withBase ? 'baseline value' : null, frame.strata.length ? 'stratum' : null, adjust.covariates.length ? 'covariates' : null].filter(Boolean).join(', ');
  const ancovaSpec: RowSpec = {
    estimator: 'ancova', population: itt, run: (ctx) => ancova(ctx, { baseline: 'mean-impute', strata: true }),
    missingData: `participants with the outcome observed at the visit (valid under missing at random given ${mar ? `${mar} and arm` : 'arm'})${withBase ? '; missing baseline values mean-imputed' : ''}`,
    intercurrent: treatmentPolicy(frame),
    summary: `${diffSummary}, ${adjustedFor(frame, outcome, adjust)}${weights}`,
  };
  return {
    ancova: ancovaSpec,
    mmrm: {
      ...ancovaSpec, estimator: 'mmrm', run: (ctx) => mmrm(ctx, { covariance: mm.covariance, df: mm.df, method: mm.method, strata: true }),
      missingData: `every observed post-baseline value of participants with at least one (likelihood-based, valid under missing at random given arm, ${mar ? `${mar} and ` : ''}the outcome at other visits); ${mm.covariance} covariance over visits${withBase ? '; missing baseline values mean-imputed' : ''}`,
      summary: `${diffSummary} at the visit from a mixed model for repeated measures (arm × visit${withBase ? ', baseline × visit' : ''}${frame.strata.length ? ', stratification factors' : ''}${adjust.covariates.length ? `, covariates (${adjust.covariates.map((c) => c.column).join(', ')})` : ''}; ${mm.method}, ${mm.df} df)${weights}`,
    },
    'complete-case': { ...ancovaSpec, estimator: 'complete-case', run: (ctx) => ancova(ctx, { baseline: 'complete-case', strata: true }), missingData: withBase ? 'complete cases: participants with both the baseline value and the outcome observed' : 'complete cases: participants with the outcome observed' },
    'mi-ancova': {
      ...ancovaSpec, estimator: 'mi-ancova', run: (ctx) => miAncova(ctx, mi),
      missingData: `all randomised: missing outcome${withBase ? ' and baseline' : ''} values multiply imputed by chained equations (${mi.method}${mi.method === 'pmm' ? `, ${mi.donors} donors` : ''}, m = ${mi.m}, ${mi.maxit} iterations, seed ${mi.seed}) from ${imputationPredictors(frame, mi, adjust)} (missing at random); pooled by Rubin's rules`,
    },
    'per-protocol': { ...ancovaSpec, estimator: 'per-protocol', population: pp ?? itt, intercurrent: 'hypothetical: intervention participants below the attendance threshold excluded (per protocol)' },
    welch: { ...ancovaSpec, estimator: 'welch', run: (ctx) => welch(ctx), summary: `${diffSummary}, unadjusted (Welch)` },
  };
}

/** Words for the imputation model's predictors (as the MI rows' missingData always said for the twin). */
function imputationPredictors(frame: AnalysisFrame, mi: MiSettings, adjust: Adjustment): string {
  const extra = [...new Set([...(mi.auxiliary ?? []), ...adjust.covariates.map((c) => c.column)])].filter((c) => !frame.strata.some((s) => s.column === c));
  const named = extra.length ? `${extra.join(', ')} ` : '';
  if (!frame.strata.length) {
    // A trial randomised without strata has none to name.
    const lead = [mi.byArm ? null : 'arm', named ? `baseline covariates (${extra.join(', ')})` : null].filter((x) => x !== null);
    return `${lead.length ? `${lead.join(', ')} and ` : ''}the outcome at every visit${mi.byArm ? ', separately by arm' : ''}`;
  }
  return mi.byArm ? `stratum, ${named ? `baseline covariates (${extra.join(', ')}) ` : ''}and the outcome at every visit, separately by arm` : `arm, stratum, ${named ? `baseline covariates (${extra.join(', ')}) ` : ''}and the outcome at every visit`;
}

function binarySpecs(frame: AnalysisFrame, outcome: FrameOutcome, plan: AnalysisPlan, op: ResolvedOutcomePlan, adjust: Adjustment, itt: Population, pp: Population | null): Record<string, RowSpec> {
  const measure = op.measure.replace('-', ' ');
  const logistic: RowSpec = {
    estimator: 'logistic', population: itt, run: (ctx) => logisticStandardised(ctx, op.measure, plan.binary.variance),
    missingData: 'participants with the outcome observed at the visit (valid under missing at random given the covariates and arm); missing covariate values mean-imputed or coded as a level',
    intercurrent: treatmentPolicy(frame),
    summary: `${measure} (intervention vs control) of the standardised risks, from a logistic regression ${adjustedFor(frame, outcome, adjust)} (marginal standardisation)`,
  };
  return {
    logistic,
    'two-proportion': { ...logistic, estimator: 'two-proportion', run: (ctx) => twoProportions(ctx, op.measure), summary: `${measure} (intervention vs control) of the observed proportions, unadjusted`, missingData: 'participants with the outcome observed at the visit (complete cases; valid when missingness is unrelated to the outcome within arm)' },
    'per-protocol': { ...(op.primary === 'logistic' ? logistic : { ...logistic, run: (ctx: EstimatorContext) => twoProportions(ctx, op.measure) }), estimator: 'per-protocol', population: pp ?? itt, intercurrent: 'hypothetical: intervention participants below the attendance threshold excluded (per protocol)' },
  };
}

function countSpecs(frame: AnalysisFrame, outcome: FrameOutcome, op: ResolvedOutcomePlan, adjust: Adjustment, itt: Population, pp: Population | null): Record<string, RowSpec> {
  const per = outcome.exposure ? ` per ${outcome.exposureUnit ?? 'unit of exposure'} (log exposure as offset)` : '';
  const spec = (model: 'negative-binomial' | 'poisson'): RowSpec => ({
    estimator: model, population: itt, run: (ctx) => countRegression(ctx, model),
    missingData: 'participants with the count observed at the visit (valid under missing at random given the covariates and arm)',
    intercurrent: treatmentPolicy(frame),
    summary: `ratio of event rates${per} (intervention / control) from ${model === 'poisson' ? 'a Poisson' : 'a negative-binomial'} regression ${adjustedFor(frame, outcome, adjust)}`,
  });
  return {
    'negative-binomial': spec('negative-binomial'),
    poisson: spec('poisson'),
    'per-protocol': { ...spec(op.primary as 'negative-binomial' | 'poisson'), estimator: 'per-protocol', population: pp ?? itt, intercurrent: 'hypothetical: intervention participants below the attendance threshold excluded (per protocol)' },
  };
}

export function outcomeRows(frame: AnalysisFrame, outcome: FrameOutcome, plan: AnalysisPlan, itt: Population, pp: Population | null, visitNames: Record<string, { da: string; en: string }>, seed: number): OutcomeResult[] {
  return outcomeRowPlan(frame, outcome, plan, itt, pp, visitNames, seed).map((r) => r.compute());
}

/** One of an outcome's rows, not yet computed: whether it reads the outcome's imputations, and how to compute it. */
export interface PlannedRow {
  /** The MI ANCOVA, or a primary row that also pools its responders over the imputations. */
  readonly imputes: boolean;
  readonly compute: () => OutcomeResult;
}

/**
 * The outcome's rows in outcomeRows' order, each to be computed when the caller chooses: every
 * row is computed from the same inputs by the same code whenever it is computed (the fits and
 * imputations they share are cached by their inputs), so the order cannot change a value.
 */
export function outcomeRowPlan(frame: AnalysisFrame, outcome: FrameOutcome, plan: AnalysisPlan, itt: Population, pp: Population | null, visitNames: Record<string, { da: string; en: string }>, seed: number): PlannedRow[] {
  const op = outcomePlan(plan, outcome.id, outcome.kind);
  const adjust = adjustmentFor(frame, op);
  const visits = (op.visits ?? outcome.visits.filter((v) => v !== frame.visits[frame.baselineVisit])).map((v) => frame.visits.indexOf(v));
  const mi = miSettings(plan, seed);
  const family = estimatorFamily(outcome.kind);
  const specs = family === 'continuous' ? continuousSpecs(frame, outcome, plan, adjust, itt, pp, mi) : family === 'binary' ? binarySpecs(frame, outcome, plan, op, adjust, itt, pp) : countSpecs(frame, outcome, op, adjust, itt, pp);
  const primary = specs[op.primary];
  // The ANCOVA stays as a sensitivity analysis when the MMRM is primary.
  const sensitivity = [...(op.primary === 'mmrm' ? ['ancova' as const] : []), ...op.sensitivity.filter((e) => rowEstimators.includes(e) && e !== op.primary && e in specs)]
    .map((e) => specs[e])
    .filter((s) => s.estimator !== 'per-protocol' || pp !== null);
  const rows: PlannedRow[] = [];
  for (const comparison of frame.comparisons) {
    for (const v of visits) {
      const atPrimary = frame.visits[v] === outcome.primaryVisit;
      // The MMRM answers every visit from one fit, so its rows are given at every visit.
      const list = [primary, ...sensitivity.filter((s) => atPrimary || s.estimator === 'mmrm')];
      for (const r of list) {
        const isPrimary = r === primary && atPrimary;
        const miForResponders = isPrimary && sensitivity.some((s) => s.estimator === 'mi-ancova') ? mi : null;
        rows.push({
          imputes: r.estimator === 'mi-ancova' || (miForResponders !== null && outcome.responder !== null),
          compute: () => row(frame, outcome, v, r, isPrimary, comparison, adjust, { confLevel: plan.confLevel, visitNames, mi: miForResponders, standardiser: plan.cohensDStandardiser }),
        });
      }
    }
  }
  return rows;
}

/** What every row of a run shares. */
interface RowContext {
  readonly confLevel: number;
  readonly visitNames: Record<string, { da: string; en: string }>;
  /** Imputation settings when the responder risk difference is also pooled over imputations. */
  readonly mi: MiSettings | null;
  readonly standardiser: AnalysisPlan['cohensDStandardiser'];
}

/** SD behind Cohen's d: the estimator's pooled SD at the visit, or the pooled SD at baseline of the population. */
function standardisingSd(ctx: EstimatorContext, fromEstimator: number | null, standardiser: RowContext['standardiser']): { sd: number | null; label: string } {
  if (standardiser === 'pooled-visit') return { sd: fromEstimator, label: 'pooled SD of the observed outcome at the visit' };
  const { frame, comparison, include } = ctx;
  const b = adjustedBaseline({ ...ctx, adjust: { covariates: [], baseline: true } });
  if (!b) return { sd: null, label: 'pooled SD of the observed outcome at baseline' };
  const at = (arm: number) => {
    const out: number[] = [];
    for (let i = 0; i < frame.n; i++) if (frame.arm[i] === arm && include(i) && !Number.isNaN(b[i])) out.push(b[i]);
    return out;
  };
  const [x, y] = [at(comparison.intervention), at(comparison.control)];
  return { sd: x.length > 1 && y.length > 1 ? pooledSd(x, y) : null, label: 'pooled SD of the observed outcome at baseline' };
}

// The per-row counts depend only on the frame and the population, or the outcome's values at the
// visit: counted once (one pass each) and copied into every row that reports them, instead of
// two scans of the whole frame per row.
const populationCounts = new WeakMap<AnalysisFrame, WeakMap<object, Record<string, number>>>();
const observedCounts = new WeakMap<AnalysisFrame, WeakMap<Float64Array, Record<string, number>>>();

function perFrame<K extends object>(cache: WeakMap<AnalysisFrame, WeakMap<K, Record<string, number>>>, frame: AnalysisFrame, key: K, count: () => Record<string, number>): Record<string, number> {
  let byKey = cache.get(frame);
  if (!byKey) cache.set(frame, (byKey = new WeakMap()));
  let counts = byKey.get(key);
  if (!counts) byKey.set(key, (counts = count()));
  return { ...counts };
}

/** Participants per arm in the population. */
function populationByArm(frame: AnalysisFrame, include: (i: number) => boolean): Record<string, number> {
  return perFrame(populationCounts, frame, include, () => armCounts(frame, (i) => include(i)));
}

/** Participants per arm with a value (not NaN) in `values`. */
function observedByArm(frame: AnalysisFrame, values: Float64Array): Record<string, number> {
  return perFrame(observedCounts, frame, values, () => armCounts(frame, (i) => !Number.isNaN(values[i])));
}

/** Participants per arm label (every arm, in spec order) for whom `test` holds. */
function armCounts(frame: AnalysisFrame, test: (i: number) => boolean): Record<string, number> {
  const counts = new Float64Array(frame.arms.length);
  for (let i = 0; i < frame.n; i++) if (test(i)) counts[frame.arm[i]]++;
  return Object.fromEntries(frame.arms.map((a, k) => [a.label, counts[k]]));
}

function row(frame: AnalysisFrame, outcome: FrameOutcome, v: number, r: RowSpec, isPrimary: boolean, comparison: FrameComparison, adjust: Adjustment, rc: RowContext): OutcomeResult {
  const { confLevel, visitNames, mi } = rc;
  const ctx: EstimatorContext = { frame, outcome, visit: v, include: r.population.include, confLevel, comparison, adjust };
  const out = r.run(ctx);
  const visit = frame.visits[v];
  const I = frame.arms[comparison.intervention];
  const C = frame.arms[comparison.control];
  const measure = out.measure ?? 'mean-difference';
  const ratio = measure.endsWith('ratio');
  const benefitSign: 1 | -1 = outcome.higherIsBetter ? 1 : -1;
  let difference: Difference | null = null;
  if (out.difference) {
    const d = out.difference;
    const signed = (ratio ? Math.log(d.estimate) : d.estimate) * benefitSign;
    difference = { ...d, pAdjusted: d.p, direction: `${I.label} ${ratio ? '/' : '−'} ${C.label}`, benefitSign, favours: signed > 0 ? 'intervention' : signed < 0 ? 'control' : 'neither' };
  }
  const standard = measure === 'mean-difference' ? standardisingSd(ctx, out.sd, rc.standardiser) : { sd: null, label: '' };
  const cohensD = difference && standard.sd ? { ...dFromDifference(difference, standard.sd, confLevel), method: `difference / ${standard.label}; CI = CI of the difference / SD` } : null;
  let responder: ResponderResult | null = null;
  const warnings = [...out.warnings];
  if (isPrimary && outcome.responder) {
    const counts = responderCounts(frame, outcome, v, r.population.include);
    const res = counts ? responderResult(frame, outcome, counts, confLevel, comparison) : null;
    if (typeof res === 'string') warnings.push(`responder analysis not estimable: ${res}`);
    else responder = res;
    if (responder && mi) {
      try {
        responder = { ...responder, pooled: miResponderRiskDifference(ctx, mi) };
      } catch (e) {
        if (!(e instanceof StatsError)) throw e;
        warnings.push(`MI-pooled responder risk difference not estimable: ${e.message}`);
      }
    }
  }
  const withData = observedByArm(frame, outcome.values[v]);
  const digits = outcome.range && outcome.range[1] - outcome.range[0] <= 10 ? 2 : 1;
  const sentence = difference
    ? outcomeSentence({ outcome: outcome.name, visit: visitNames[visit], intervention: I.label, control: C.label, difference, cohensD: cohensD ? { estimate: cohensD.estimate, lower: cohensD.lower, upper: cohensD.upper } : null, digits: measure === 'mean-difference' ? digits : 2, confLevel, measure, unit: outcome.unit })
    : notEstimableSentence(outcome.name, out.reason ?? 'unknown reason');
  return {
    id: outcome.id,
    name: outcome.name,
    role: outcome.role,
    comparison: comparison.id,
    kind: outcome.kind,
    measure,
    higherIsBetter: outcome.higherIsBetter,
    visit,
    population: r.population.id,
    estimator: r.estimator,
    isPrimaryEstimator: isPrimary,
    status: out.status,
    reason: out.reason,
    n: { randomised: populationByArm(frame, r.population.include), withData, analysed: out.analysed },
    emm: out.emm,
    difference,
    binary: out.binary ?? null,
    cohensD: cohensD ? { estimate: cohensD.estimate, lower: cohensD.lower, upper: cohensD.upper, sd: cohensD.sd, method: cohensD.method } : null,
    multiplicity: null,
    estimand: {
      population: `${r.population.name.en}: ${r.population.description}`,
      treatment: `${I.name.en} versus ${C.name.en}`,
      variable: `${outcome.name.en} at ${visitNames[visit].en}`,
      intercurrentEvents: r.intercurrent,
      summaryMeasure: r.summary,
      missingData: r.missingData,
    },
    method: { name: r.estimator, model: out.model, covariates: out.covariates, dfMethod: out.dfMethod, confLevel, options: out.options },
    responder,
    sentence,
    warnings,
  };
}
