/**
 * Rate ratios of a count outcome at one visit: negative-binomial (θ by maximum likelihood) or
 * Poisson regression of the count on arm (every arm with data), the baseline count (when measured
 * at baseline and the plan adjusts for it), the adjustment covariates and the stratification
 * factors, with log exposure as offset when the spec declares one; the comparison's rate ratio
 * with a Wald CI from the model-based covariance. The numerics are src/stats/models/glm's
 * countRateRatios (pinned to MASS::glm.nb and glm(poisson); docs/binary-and-count.md). The arms'
 * "means" are their crude rates (events / exposure) with a log-scale Poisson CI (1/√events).
 */
import { countRateRatios } from '../../stats/models/glm/index.ts';
import { numeric, type Variable } from '../../stats/design/model-matrix.ts';
import { normal } from '../../stats/dist/continuous.ts';
import { StatsError } from '../../stats/errors.ts';
import { adjustedBaseline, armFactor, comparedArms, countArms, covariateVariables, notEstimable, strataFactors, withOutcome, type EstimatorContext, type EstimatorOutput } from './common.ts';

type FactorVariable = Extract<Variable, { kind: 'factor' }>;

export function countRegression(ctx: EstimatorContext, model: 'negative-binomial' | 'poisson'): EstimatorOutput {
  const { frame, outcome } = ctx;
  const y = outcome.values[ctx.visit];
  const t = outcome.exposure?.[ctx.visit] ?? null;
  const [C, I] = comparedArms(ctx);
  const members = withOutcome(ctx).filter((i) => t === null || t[i] > 0);
  const analysed = countArms(frame, members);
  const declared = `${outcome.id} ~ arm (${model})`;
  for (const a of [C, I]) if (analysed[a] === 0) return { ...notEstimable(ctx, `no participant with ${outcome.id}${t ? ' and its exposure' : ''} observed at this visit in arm ${a}`, declared, analysed), measure: 'rate-ratio' };
  const warnings: string[] = [];
  const missingExposure = t ? withOutcome(ctx).length - members.length : 0;
  if (missingExposure > 0) warnings.push(`${missingExposure} participant(s) with a count but no exposure left out`);
  try {
    const base = adjustedBaseline(ctx);
    const covariates: Variable[] = [];
    if (base) {
      const seen = members.filter((i) => !Number.isNaN(base[i])).map((i) => base[i]);
      const m = seen.reduce((s, v) => s + v, 0) / Math.max(1, seen.length);
      if (seen.length < members.length) warnings.push(`${members.length - seen.length} missing baseline count(s) replaced by the mean baseline count`);
      if (new Set(seen).size > 1) covariates.push(numeric(`${outcome.id}@baseline`, members.map((i) => (Number.isNaN(base[i]) ? m : base[i]))));
      else warnings.push(`the baseline ${outcome.id} is the same for everyone analysed and is left out of the model`);
    }
    covariates.push(...covariateVariables(ctx.adjust, members, warnings));
    const strata = strataFactors(frame, members, warnings) as FactorVariable[];
    const arm = armFactor(frame, members) as FactorVariable;
    const result = countRateRatios(
      { y: members.map((i) => y[i]), arm, covariates, strata, ...(t ? { exposure: members.map((i) => t[i]) } : {}) },
      model,
      { confLevel: ctx.confLevel, comparisons: [{ treatment: I, control: C }], outcomeName: outcome.id, exposureName: 'exposure' },
    );
    warnings.push(...result.warnings);
    const rr = result.comparisons[0].rateRatio;
    const q = normal.quantile(1 - (1 - ctx.confLevel) / 2);
    const cell = (label: string) => {
      const r = result.rates.find((x) => x.arm === label)!;
      const se = r.events > 0 ? 1 / Math.sqrt(r.events) : Number.NaN;
      return { estimate: r.crudeRate, se: r.crudeRate * se, df: null, lower: r.crudeRate * Math.exp(-q * se), upper: r.crudeRate * Math.exp(q * se) };
    };
    return {
      status: 'estimated',
      reason: null,
      analysed,
      emm: { [C]: cell(C), [I]: cell(I) },
      difference: { estimate: rr.estimate, se: rr.log.se, df: null, statistic: rr.log.statistic, p: rr.p, lower: rr.lower, upper: rr.upper },
      sd: null,
      covariates: covariates.map((v) => v.name).concat(strata.map((s) => s.name)),
      model: result.formula,
      dfMethod: 'normal approximation',
      options: { model, theta: result.theta, thetaSe: result.thetaSe, exposure: t ? (outcome.exposureUnit ?? 'declared') : null, emm: 'crude rate per arm (events / exposure) with a log-scale Poisson CI' },
      warnings,
      measure: 'rate-ratio',
    };
  } catch (e) {
    if (e instanceof StatsError) return { ...notEstimable(ctx, e.message, declared, analysed), measure: 'rate-ratio', warnings };
    throw e;
  }
}
