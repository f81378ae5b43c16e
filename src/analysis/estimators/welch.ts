/** Unadjusted comparison at one visit: Welch's t test on the observed values of the two compared arms (no covariates). */
import { tTest } from '../../stats/hypothesis/t-test.ts';
import { studentT } from '../../stats/dist/continuous.ts';
import { mean, variance } from '../../stats/descriptive/descriptive.ts';
import { pooledSd } from '../../stats/effects/cohens-d.ts';
import { armValues, countArms, notEstimable, type EstimatorContext, type EstimatorOutput } from './common.ts';

export function welch(ctx: EstimatorContext): EstimatorOutput {
  const { frame, outcome, comparison } = ctx;
  const y = outcome.values[ctx.visit];
  const include = ctx.include;
  const arm = frame.arm;
  const picked = new Int32Array(frame.n);
  let count = 0;
  for (let i = 0; i < frame.n; i++) if ((arm[i] === comparison.intervention || arm[i] === comparison.control) && include(i) && !Number.isNaN(y[i])) picked[count++] = i;
  const members = picked.subarray(0, count);
  const analysed = countArms(frame, members);
  const model = `${outcome.id}: Welch two-sample t-test`;
  const [yI, yC] = [armValues(members, arm, comparison.intervention, y), armValues(members, arm, comparison.control, y)];
  if (yI.length < 2 || yC.length < 2) return notEstimable(ctx, 'fewer than 2 participants with data in an arm', model, analysed);
  if (variance(yI) === 0 && variance(yC) === 0) return notEstimable(ctx, 'the outcome is constant in both arms', model, analysed);
  const t = tTest(yI, yC, { confLevel: ctx.confLevel });
  const armCell = (v: Float64Array) => {
    const se = Math.sqrt(variance(v) / v.length);
    const q = studentT.quantile(1 - (1 - ctx.confLevel) / 2, v.length - 1);
    const m = mean(v);
    return { estimate: m, se, df: v.length - 1, lower: m - q * se, upper: m + q * se };
  };
  return {
    status: 'estimated',
    reason: null,
    analysed,
    emm: { [frame.arms[comparison.control].label]: armCell(yC), [frame.arms[comparison.intervention].label]: armCell(yI) },
    difference: { estimate: t.estimate, se: t.se, df: t.df, statistic: t.statistic, p: t.p, lower: t.lower, upper: t.upper },
    sd: pooledSd(yI, yC),
    covariates: [],
    model,
    dfMethod: 'Welch–Satterthwaite',
    options: { varEqual: false },
    warnings: [],
  };
}
