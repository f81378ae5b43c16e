/**
 * Covariate-adjusted effects on a binary outcome at one visit: logistic regression of the outcome
 * on arm (every arm with data), its baseline value (when measured at baseline and the plan adjusts
 * for it), the adjustment covariates and the stratification factors, then marginal
 * standardisation (g-computation: every analysed participant predicted under each arm and
 * averaged), with the risk difference, risk ratio and odds ratio of the comparison and their
 * delta-method SEs — the FDA's 2023 guidance on covariate adjustment. The numerics are
 * src/stats/models/glm's marginalBinaryEffects (pinned to R; docs/binary-and-count.md): the
 * variance is the unconditional one of Ye et al. (2023) by default, or Ge et al.'s (2011)
 * delta method over the HC0 sandwich (plan: binary.variance).
 */
import { marginalBinaryEffects, type MarginalVariance } from '../../stats/models/glm/index.ts';
import { numeric, type Variable } from '../../stats/design/model-matrix.ts';
import { StatsError } from '../../stats/errors.ts';
import type { BinaryMeasure } from '../plan/schema.ts';
import type { BinaryEffects } from '../results/types.ts';
import { adjustedBaseline, armFactor, comparedArms, countArms, covariateVariables, notEstimable, strataFactors, withOutcome, type EstimatorContext, type EstimatorOutput } from './common.ts';
import { pick } from './two-proportions.ts';

type FactorVariable = Extract<Variable, { kind: 'factor' }>;

export function logisticStandardised(ctx: EstimatorContext, measure: BinaryMeasure, variance: MarginalVariance = 'ye-2023'): EstimatorOutput {
  const { frame, outcome, comparison } = ctx;
  const y = outcome.values[ctx.visit];
  const [C, I] = comparedArms(ctx);
  const all = withOutcome(ctx);
  const counted = countArms(frame, all);
  const declared = `${outcome.id} ~ arm (logistic regression, marginal standardisation)`;
  for (const a of [C, I]) if (counted[a] === 0) return { ...notEstimable(ctx, `no participant with ${outcome.id} observed at this visit in arm ${a}`, declared, counted), measure };
  const warnings: string[] = [];
  const fit = (members: number[]) => {
    const base = adjustedBaseline(ctx);
    const covariates: Variable[] = [];
    if (base) {
      const seen = members.filter((i) => !Number.isNaN(base[i])).map((i) => base[i]);
      const m = seen.reduce((s, v) => s + v, 0) / Math.max(1, seen.length);
      if (seen.length < members.length) warnings.push(`${members.length - seen.length} missing baseline value(s) of ${outcome.id} replaced by the baseline proportion`);
      if (new Set(seen).size > 1) covariates.push(numeric(`${outcome.id}@baseline`, members.map((i) => (Number.isNaN(base[i]) ? m : base[i]))));
      else warnings.push(`the baseline ${outcome.id} is the same for everyone analysed and is left out of the model`);
    }
    covariates.push(...covariateVariables(ctx.adjust, members, warnings));
    const strata = strataFactors(frame, members, warnings) as FactorVariable[];
    const arm = armFactor(frame, members) as FactorVariable;
    return {
      members,
      result: marginalBinaryEffects({ y: members.map((i) => y[i]), arm, covariates, strata }, { confLevel: ctx.confLevel, variance, comparisons: [{ treatment: I, control: C }], outcomeName: outcome.id }),
    };
  };
  try {
    let out: ReturnType<typeof fit>;
    try {
      out = fit(all);
    } catch (e) {
      // An arm outside the comparison with all or no events cannot be in the logistic model: fit the two arms alone.
      const other = e instanceof StatsError && e.code === 'SEPARATION' ? (e.details as { arm?: string } | undefined)?.arm : undefined;
      if (other === undefined || other === C || other === I) throw e;
      warnings.push(`arm ${other} has a zero cell at this visit and is left out of the model`);
      out = fit(all.filter((i) => frame.arm[i] === comparison.intervention || frame.arm[i] === comparison.control));
    }
    const { result, members } = out;
    warnings.push(...result.warnings);
    const cmp = result.comparisons[0];
    const events = Object.fromEntries(result.risks.filter((r) => r.arm === C || r.arm === I).map((r) => [r.arm, r.events]));
    const rr = cmp.riskRatio;
    const or = cmp.oddsRatio;
    const how = `logistic regression ${result.formula}, marginal standardisation; delta-method SE (${variance === 'ye-2023' ? 'unconditional variance, Ye et al. 2023' : 'HC0 sandwich, Ge et al. 2011'}); Wald CI and z test`;
    const effects: BinaryEffects = {
      riskDifference: { estimate: cmp.riskDifference.estimate, lower: cmp.riskDifference.lower, upper: cmp.riskDifference.upper, se: cmp.riskDifference.se, p: cmp.riskDifference.p, method: how },
      riskRatio: { estimate: rr.estimate, lower: rr.lower, upper: rr.upper, se: rr.log.se, p: rr.p, method: `${how}; on the log scale` },
      oddsRatio: { estimate: or.estimate, lower: or.lower, upper: or.upper, se: or.log.se, p: or.p, method: `${how}; on the log scale` },
      events,
    };
    const chosen = pick(effects, measure)!;
    const statistic = measure === 'risk-difference' ? cmp.riskDifference.statistic : measure === 'risk-ratio' ? rr.log.statistic : or.log.statistic;
    const cell = (label: string) => {
      const r = result.risks.find((x) => x.arm === label)!;
      return { estimate: r.risk, se: r.se, df: null, lower: r.lower, upper: r.upper };
    };
    return {
      status: 'estimated',
      reason: null,
      analysed: countArms(frame, members),
      emm: { [C]: cell(C), [I]: cell(I) },
      difference: { estimate: chosen.estimate, se: chosen.se!, df: null, statistic, p: chosen.p!, lower: chosen.lower, upper: chosen.upper },
      sd: null,
      covariates: result.formula.split('~')[1].split('+').map((t) => t.trim()).filter((t) => t !== 'arm'),
      model: result.formula,
      dfMethod: 'normal approximation',
      options: { variance, randomization: result.options.randomization, measure, emm: 'standardised risk per arm (logit-scale Wald CI)' },
      warnings,
      measure,
      binary: effects,
    };
  } catch (e) {
    if (e instanceof StatsError) return { ...notEstimable(ctx, e.message, declared, counted), measure, warnings };
    throw e;
  }
}
