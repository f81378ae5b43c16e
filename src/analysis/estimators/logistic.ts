/**
 * Covariate-adjusted binary effects by logistic regression with marginal standardisation.
 * The numerics (g-computation with its delta-method variance) come from
 * src/stats/models/glm (marginalBinaryEffects); until that module is on main this estimator
 * reports itself as not available, and a primary use of it is an input error, never a silent gap.
 */
import type { BinaryMeasure } from '../plan/schema.ts';
import { countArms, notEstimable, withOutcome, type EstimatorContext, type EstimatorOutput } from './common.ts';

export function logisticStandardised(ctx: EstimatorContext, measure: BinaryMeasure): EstimatorOutput {
  const analysed = countArms(ctx.frame, withOutcome(ctx));
  return { ...notEstimable(ctx, 'logistic regression with marginal standardisation is not available in this build (choose "two-proportion" in the plan)', `${ctx.outcome.id} ~ arm (logistic)`, analysed), measure };
}
