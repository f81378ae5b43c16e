/**
 * ANCOVA at one visit: outcome ~ arm + baseline value + stratification factors (the trial
 * standard; EMMs with equal weights over strata, baseline at its mean, as emmeans). Missing
 * baseline values are either mean-imputed (White & Thompson 2005; the randomised comparison
 * stays unbiased) or, for the complete-case estimator, the participant is left out.
 */
import { factor, modelMatrix, numeric, type Variable } from '../../stats/design/model-matrix.ts';
import { ols } from '../../stats/models/ols/ols.ts';
import { olsBasis } from '../../stats/emm/from-ols.ts';
import { contrast, emmeans } from '../../stats/emm/emmeans.ts';
import { pooledSd } from '../../stats/effects/cohens-d.ts';
import { StatsError } from '../../stats/errors.ts';
import { countArms, notEstimable, strataFactors, withOutcome, type EstimatorContext, type EstimatorOutput } from './common.ts';

export interface AncovaOptions {
  readonly baseline: 'mean-impute' | 'complete-case';
  readonly strata: boolean;
}

export function ancova(ctx: EstimatorContext, options: AncovaOptions): EstimatorOutput {
  const { frame, outcome } = ctx;
  const model = `${outcome.id} ~ arm + ${outcome.id}@baseline${options.strata && frame.strata.length ? ` + ${frame.strata.map((s) => s.column).join(' + ')}` : ''}`;
  const y = outcome.values[ctx.visit];
  const base = outcome.values[frame.baselineVisit];
  let members = withOutcome(ctx);
  const warnings: string[] = [];
  let imputed = 0;
  if (options.baseline === 'complete-case') members = members.filter((i) => !Number.isNaN(base[i]));
  const analysed = countArms(frame, members);
  const arms = [frame.arms[frame.control].label, frame.arms[frame.intervention].label];
  for (const a of arms) if (analysed[a] < 2) return notEstimable(ctx, `fewer than 2 participants with ${outcome.id} at this visit in arm ${a}`, model, analysed);

  const observedBase = members.filter((i) => !Number.isNaN(base[i])).map((i) => base[i]);
  const baseMean = observedBase.reduce((a, b) => a + b, 0) / Math.max(1, observedBase.length);
  const baseline = members.map((i) => {
    if (!Number.isNaN(base[i])) return base[i];
    imputed++;
    return baseMean;
  });
  if (imputed > 0) warnings.push(`${imputed} missing baseline value(s) replaced by the mean baseline`);
  const variables: Variable[] = [factor('arm', members.map((i) => frame.arms[frame.arm[i]].label), arms), numeric('baseline', baseline)];
  const terms: string[][] = [['arm'], ['baseline']];
  const covariates = ['baseline'];
  if (options.strata) {
    for (const v of strataFactors(frame, members, warnings)) {
      variables.push(v);
      terms.push([v.name]);
      covariates.push(v.name);
    }
  }
  if (observedBase.length < 2 || new Set(baseline).size < 2) return notEstimable(ctx, 'the baseline value is constant or missing for everyone analysed', model, analysed);
  try {
    const design = modelMatrix({ variables, terms });
    const fit = ols(design.X, members.map((i) => y[i]), { columnNames: design.columnNames, confLevel: ctx.confLevel });
    if (fit.aliased.length > 0) warnings.push(`aliased model terms dropped: ${fit.aliased.join(', ')}`);
    const basis = olsBasis(fit, design);
    const emm = emmeans(basis, { specs: ['arm'], weights: 'equal', confLevel: ctx.confLevel });
    const [ctrl, intv] = emm.cells;
    const diff = contrast(basis, intv, ctrl, ctx.confLevel, `${arms[1]} - ${arms[0]}`);
    if (diff.estimate === null || diff.se === null || diff.p === null || diff.t === null || diff.lower === null || diff.upper === null) {
      return notEstimable(ctx, 'the arm difference is not estimable in this model', model, analysed);
    }
    const yI = members.filter((i) => frame.arm[i] === frame.intervention).map((i) => y[i]);
    const yC = members.filter((i) => frame.arm[i] === frame.control).map((i) => y[i]);
    const cell = (c: typeof ctrl) => ({ estimate: c.estimate!, se: c.se!, df: c.df, lower: c.lower!, upper: c.upper! });
    return {
      status: 'estimated',
      reason: null,
      analysed,
      emm: { [arms[0]]: cell(ctrl), [arms[1]]: cell(intv) },
      difference: { estimate: diff.estimate, se: diff.se, df: diff.df, statistic: diff.t, p: diff.p, lower: diff.lower, upper: diff.upper },
      sd: pooledSd(yI, yC),
      covariates,
      model,
      dfMethod: 'residual',
      options: { baselineMissing: options.baseline, baselineImputed: imputed, emmWeights: 'equal', strata: options.strata },
      warnings,
    };
  } catch (e) {
    if (e instanceof StatsError) return { ...notEstimable(ctx, e.message, model, analysed), warnings };
    throw e;
  }
}
