/**
 * Rate ratios of a count outcome by negative-binomial or Poisson regression with log exposure as
 * offset. The numerics come from src/stats/models/glm (countRateRatios); until that module is
 * on main this estimator reports itself as not available (an input error when it is primary).
 */
import { countArms, notEstimable, withOutcome, type EstimatorContext, type EstimatorOutput } from './common.ts';

export function countRegression(ctx: EstimatorContext, model: 'negative-binomial' | 'poisson'): EstimatorOutput {
  const analysed = countArms(ctx.frame, withOutcome(ctx));
  return { ...notEstimable(ctx, `${model} rate ratios are not available in this build`, `${ctx.outcome.id} ~ arm (${model})`, analysed), measure: 'rate-ratio' };
}
