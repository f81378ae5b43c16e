/**
 * ANCOVA at one visit: outcome ~ arm + baseline value + stratification factors + adjustment
 * covariates (the trial standard; EMMs with equal weights over strata and categorical
 * covariates, numeric ones at their mean, as emmeans). Every arm with data is in the model and
 * the comparison's two EMMs are contrasted. Missing baseline values are either mean-imputed
 * (White & Thompson 2005; the randomised comparison stays unbiased) or, for the complete-case
 * estimator, the participant is left out. An outcome without a baseline (none in the trial, or
 * not measured there, or the plan says not to adjust) is modelled without it.
 */
import { modelMatrix, type Variable } from '../../stats/design/model-matrix.ts';
import { ols } from '../../stats/models/ols/ols.ts';
import { olsBasis } from '../../stats/emm/from-ols.ts';
import { contrast, emmeans } from '../../stats/emm/emmeans.ts';
import { pooledSd } from '../../stats/effects/cohens-d.ts';
import { StatsError } from '../../stats/errors.ts';
import { adjustedBaseline, armFactor, armValues, comparedArms, countArms, covariateVariables, formula, notEstimable, strataFactors, type EstimatorContext, type EstimatorOutput } from './common.ts';

export interface AncovaOptions {
  readonly baseline: 'mean-impute' | 'complete-case';
  readonly strata: boolean;
}

export function ancova(ctx: EstimatorContext, options: AncovaOptions): EstimatorOutput {
  const { frame, outcome, comparison } = ctx;
  const base = adjustedBaseline(ctx);
  const baseTerm = base ? [`${outcome.id}@baseline`] : [];
  const declared = formula(outcome.id, ['arm', ...baseTerm, ...(options.strata ? frame.strata.map((s) => s.column) : []), ...(ctx.adjust?.covariates ?? []).map((c) => c.column)]);
  const y = outcome.values[ctx.visit];
  const completeCase = base !== null && options.baseline === 'complete-case';
  // One pass over the population (typed rows, no per-row closures): the participants with the
  // outcome (and, for complete cases, the baseline) observed, in participant order.
  const include = ctx.include;
  const arm = frame.arm;
  const picked = new Int32Array(frame.n);
  let count = 0;
  for (let i = 0; i < frame.n; i++) if (include(i) && !Number.isNaN(y[i]) && !(completeCase && Number.isNaN(base[i]))) picked[count++] = i;
  let members = picked.subarray(0, count);
  const warnings: string[] = [];
  let imputed = 0;
  const analysed = countArms(frame, members);
  const arms = comparedArms(ctx);
  for (const a of arms) if (analysed[a] < 2) return notEstimable(ctx, `fewer than 2 participants with ${outcome.id} at this visit in arm ${a}`, declared, analysed);
  // Arms outside the comparison stay in the model only with enough data to estimate their mean.
  const keep = Uint8Array.from(frame.arms, (a, k) => (k === comparison.control || k === comparison.intervention || analysed[a.label] >= 2 ? 1 : 0));
  if (keep.some((x) => x === 0)) {
    let kept = 0;
    for (let r = 0; r < members.length; r++) if (keep[arm[members[r]]] === 1) picked[kept++] = members[r];
    members = picked.subarray(0, kept);
  }
  const m = members.length;

  const variables: Variable[] = [armFactor(frame, members)];
  const terms: string[][] = [['arm']];
  const covariates: string[] = [];
  const formulaTerms = ['arm'];
  if (base) {
    let sum = 0;
    let observed = 0;
    for (let r = 0; r < m; r++) {
      const b = base[members[r]];
      if (!Number.isNaN(b)) {
        sum += b;
        observed++;
      }
    }
    const baseMean = sum / Math.max(1, observed);
    const baseline = new Float64Array(m);
    let varies = false;
    for (let r = 0; r < m; r++) {
      const b = base[members[r]];
      if (Number.isNaN(b)) {
        imputed++;
        baseline[r] = baseMean;
      } else baseline[r] = b;
      if (baseline[r] !== baseline[0]) varies = true;
    }
    if (imputed > 0) warnings.push(`${imputed} missing baseline value(s) replaced by the mean baseline`);
    if (observed < 2 || !varies) return notEstimable(ctx, 'the baseline value is constant or missing for everyone analysed', declared, analysed);
    variables.push({ name: 'baseline', kind: 'numeric', values: baseline });
    terms.push(['baseline']);
    covariates.push('baseline');
    formulaTerms.push(`${outcome.id}@baseline`);
  }
  const extra = [...(options.strata ? strataFactors(frame, members, warnings) : []), ...covariateVariables(ctx.adjust, members, warnings)];
  for (const v of extra) {
    variables.push(v);
    terms.push([v.name]);
    covariates.push(v.name);
    formulaTerms.push(v.name);
  }
  const model = formula(outcome.id, formulaTerms);
  try {
    const design = modelMatrix({ variables, terms });
    const yy = new Float64Array(m);
    for (let r = 0; r < m; r++) yy[r] = y[members[r]];
    const fit = ols(design.X, yy, { columnNames: design.columnNames, confLevel: ctx.confLevel });
    if (fit.aliased.length > 0) warnings.push(`aliased model terms dropped: ${fit.aliased.join(', ')}`);
    const basis = olsBasis(fit, design);
    const emm = emmeans(basis, { specs: ['arm'], weights: 'equal', confLevel: ctx.confLevel });
    const ctrl = emm.cells.find((c) => c.levels.arm === arms[0])!;
    const intv = emm.cells.find((c) => c.levels.arm === arms[1])!;
    const diff = contrast(basis, intv, ctrl, ctx.confLevel, `${arms[1]} - ${arms[0]}`);
    if (diff.estimate === null || diff.se === null || diff.p === null || diff.t === null || diff.lower === null || diff.upper === null) {
      return notEstimable(ctx, 'the arm difference is not estimable in this model', model, analysed);
    }
    const yI = armValues(members, arm, comparison.intervention, y);
    const yC = armValues(members, arm, comparison.control, y);
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
      options: { baselineMissing: base ? options.baseline : null, baselineImputed: imputed, emmWeights: 'equal', strata: options.strata },
      warnings,
    };
  } catch (e) {
    if (e instanceof StatsError) return { ...notEstimable(ctx, e.message, model, analysed), warnings };
    throw e;
  }
}
