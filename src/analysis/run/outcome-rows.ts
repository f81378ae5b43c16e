/**
 * The estimate rows of one outcome: the primary estimator (ITT ANCOVA, or the MMRM when the plan
 * says so) at every post-baseline visit; the MMRM (as sensitivity) also at every visit, since one
 * fit covers them all; and at the outcome's primary visit the other sensitivity estimators the
 * plan asks for (complete case, multiple imputation, per protocol, unadjusted Welch). Every row
 * carries its estimand and method.
 */
import { outcomePlan, type AnalysisPlan, type EstimatorId } from '../plan/schema.ts';
import type { AnalysisFrame, FrameOutcome } from '../frame/frame.ts';
import type { Population } from '../populations.ts';
import type { Difference, OutcomeResult, ResponderResult } from '../results/types.ts';
import { ancova } from '../estimators/ancova.ts';
import { welch } from '../estimators/welch.ts';
import { mmrm } from '../estimators/mmrm.ts';
import { miAncova, miResponderRiskDifference, type MiSettings } from '../estimators/mi-ancova.ts';
import { StatsError } from '../../stats/errors.ts';
import { countArms, type EstimatorContext, type EstimatorOutput } from '../estimators/common.ts';
import { dFromDifference, pooledSd } from '../../stats/effects/cohens-d.ts';
import { outcomeSentence, notEstimableSentence } from '../text/sentences.ts';
import { responderCounts, responderResult } from '../responders.ts';

/** Estimators this version implements; others in a plan are reported as not run. */
export const implementedSensitivity: readonly EstimatorId[] = ['ancova', 'complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'tipping-point'];

/** Estimators that give rows (the tipping point gives a path, in results.tippingPoints). */
const rowEstimators: readonly EstimatorId[] = ['complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch'];

/** The imputation settings of the plan with the run's seed. */
export function miSettings(plan: AnalysisPlan, seed: number): MiSettings {
  const { m, method, donors, maxit, byArm } = plan.imputation;
  return { m, method, donors, maxit, byArm, seed };
}

interface RowSpec {
  readonly estimator: string;
  readonly population: Population;
  readonly run: (ctx: EstimatorContext) => EstimatorOutput;
  readonly missingData: string;
  readonly intercurrent: string;
  readonly summary: string;
}

export function outcomeRows(frame: AnalysisFrame, outcome: FrameOutcome, plan: AnalysisPlan, itt: Population, pp: Population | null, visitNames: Record<string, { da: string; en: string }>, seed: number): OutcomeResult[] {
  const op = outcomePlan(plan, outcome.id);
  const visits = (op.visits ?? frame.visits.filter((_, v) => v !== frame.baselineVisit)).map((v) => frame.visits.indexOf(v));
  const diffSummary = 'difference in means (intervention − control)';
  const mi = miSettings(plan, seed);
  const mm = plan.mmrm;
  const ancovaSpec: RowSpec = {
    estimator: 'ancova', population: itt, run: (ctx) => ancova(ctx, { baseline: 'mean-impute', strata: true }),
    missingData: 'participants with the outcome observed at the visit (valid under missing at random given baseline value, stratum and arm); missing baseline values mean-imputed',
    intercurrent: 'treatment policy: analysed as randomised whatever sessions were attended',
    summary: `${diffSummary}, adjusted for baseline value and stratification factors; marginal means with equal weights over strata`,
  };
  const specs: Record<string, RowSpec> = {
    ancova: ancovaSpec,
    mmrm: {
      ...ancovaSpec, estimator: 'mmrm', run: (ctx) => mmrm(ctx, { covariance: mm.covariance, df: mm.df, method: mm.method, strata: true }),
      missingData: `every observed post-baseline value of participants with at least one (likelihood-based, valid under missing at random given arm, baseline value, stratum and the outcome at other visits); ${mm.covariance} covariance over visits; missing baseline values mean-imputed`,
      summary: `${diffSummary} at the visit from a mixed model for repeated measures (arm × visit, baseline × visit, stratification factors; ${mm.method}, ${mm.df} df); marginal means with equal weights over strata`,
    },
    'complete-case': { ...ancovaSpec, estimator: 'complete-case', run: (ctx) => ancova(ctx, { baseline: 'complete-case', strata: true }), missingData: 'complete cases: participants with both the baseline value and the outcome observed' },
    'mi-ancova': {
      ...ancovaSpec, estimator: 'mi-ancova', run: (ctx) => miAncova(ctx, mi),
      missingData: `all randomised: missing outcome and baseline values multiply imputed by chained equations (${mi.method}${mi.method === 'pmm' ? `, ${mi.donors} donors` : ''}, m = ${mi.m}, ${mi.maxit} iterations, seed ${mi.seed}) from ${mi.byArm ? 'stratum, baseline severity (when the spec has it) and the outcome at every visit, separately by arm' : 'arm, stratum, baseline severity (when the spec has it) and the outcome at every visit'} (missing at random); pooled by Rubin's rules`,
    },
    'per-protocol': { ...ancovaSpec, estimator: 'per-protocol', population: pp ?? itt, intercurrent: 'hypothetical: intervention participants below the attendance threshold excluded (per protocol)' },
    welch: { ...ancovaSpec, estimator: 'welch', run: (ctx) => welch(ctx), summary: `${diffSummary}, unadjusted (Welch)` },
  };
  const primary = specs[op.primary];
  // The ANCOVA stays as a sensitivity analysis when the MMRM is primary.
  const sensitivity = [...(op.primary === 'ancova' ? [] : ['ancova' as const]), ...op.sensitivity.filter((e) => rowEstimators.includes(e) && e !== op.primary)]
    .map((e) => specs[e])
    .filter((s) => s.estimator !== 'per-protocol' || pp !== null);
  const rows: OutcomeResult[] = [];
  for (const v of visits) {
    const atPrimary = frame.visits[v] === outcome.primaryVisit;
    // The MMRM answers every visit from one fit, so its rows are given at every visit.
    const list = [primary, ...sensitivity.filter((s) => atPrimary || s.estimator === 'mmrm')];
    for (const r of list) {
      const isPrimary = r === primary && atPrimary;
      const miForResponders = isPrimary && sensitivity.some((s) => s.estimator === 'mi-ancova') ? mi : null;
      rows.push(row(frame, outcome, v, r, isPrimary, { confLevel: plan.confLevel, visitNames, mi: miForResponders, standardiser: plan.cohensDStandardiser }));
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
function standardisingSd(frame: AnalysisFrame, outcome: FrameOutcome, include: (i: number) => boolean, fromEstimator: number | null, standardiser: RowContext['standardiser']): { sd: number | null; label: string } {
  if (standardiser === 'pooled-visit') return { sd: fromEstimator, label: 'pooled SD of the observed outcome at the visit' };
  const b = outcome.values[frame.baselineVisit];
  const at = (arm: number) => [...Array(frame.n).keys()].filter((i) => include(i) && frame.arm[i] === arm && !Number.isNaN(b[i])).map((i) => b[i]);
  const [x, y] = [at(frame.intervention), at(frame.control)];
  return { sd: x.length > 1 && y.length > 1 ? pooledSd(x, y) : null, label: 'pooled SD of the observed outcome at baseline' };
}

function row(frame: AnalysisFrame, outcome: FrameOutcome, v: number, r: RowSpec, isPrimary: boolean, rc: RowContext): OutcomeResult {
  const { confLevel, visitNames, mi } = rc;
  const ctx: EstimatorContext = { frame, outcome, visit: v, include: r.population.include, confLevel };
  const out = r.run(ctx);
  const visit = frame.visits[v];
  const I = frame.arms[frame.intervention];
  const C = frame.arms[frame.control];
  const benefitSign: 1 | -1 = outcome.higherIsBetter ? 1 : -1;
  let difference: Difference | null = null;
  if (out.difference) {
    const d = out.difference;
    const signed = d.estimate * benefitSign;
    difference = { ...d, pAdjusted: d.p, direction: `${I.label} − ${C.label}`, benefitSign, favours: signed > 0 ? 'intervention' : signed < 0 ? 'control' : 'neither' };
  }
  const standard = standardisingSd(frame, outcome, r.population.include, out.sd, rc.standardiser);
  const cohensD = difference && standard.sd ? { ...dFromDifference(difference, standard.sd, confLevel), method: `difference / ${standard.label}; CI = CI of the difference / SD` } : null;
  let responder: ResponderResult | null = null;
  const warnings = [...out.warnings];
  if (isPrimary && outcome.responder) {
    const counts = responderCounts(frame, outcome, v, r.population.include);
    const res = counts ? responderResult(frame, outcome, counts, confLevel) : null;
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
  const withData = countArms(frame, [...Array(frame.n).keys()].filter((i) => !Number.isNaN(outcome.values[v][i])));
  const sentence = difference
    ? outcomeSentence({ outcome: outcome.name, visit: visitNames[visit], intervention: I.label, control: C.label, difference, cohensD: cohensD ? { estimate: cohensD.estimate, lower: cohensD.lower, upper: cohensD.upper } : null, digits: outcome.range && outcome.range[1] - outcome.range[0] <= 10 ? 2 : 1, confLevel })
    : notEstimableSentence(outcome.name, out.reason ?? 'unknown reason');
  return {
    id: outcome.id,
    name: outcome.name,
    role: outcome.role,
    higherIsBetter: outcome.higherIsBetter,
    visit,
    population: r.population.id,
    estimator: r.estimator,
    isPrimaryEstimator: isPrimary,
    status: out.status,
    reason: out.reason,
    n: { randomised: countArms(frame, [...Array(frame.n).keys()].filter(r.population.include)), withData, analysed: out.analysed },
    emm: out.emm,
    difference,
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
