/**
 * MMRM over all post-baseline visits: outcome ~ arm * visit + baseline * visit + strata +
 * adjustment covariates (every arm with data; the comparison's EMMs are contrasted), a
 * marginal model with the covariance structure, REML/ML and df method of the plan (the
 * trial-standard primary analysis under MAR; Mallinckrodt et al. 2008). Everyone in the
 * population with at least one post-baseline value contributes the visits they have; a missing
 * baseline is mean-imputed as in the ANCOVA (White & Thompson 2005). EMMs per arm at the
 * requested visit, equal weights over strata, baseline at its mean over the analysed rows (as
 * emmeans on the long data).
 *
 * The pipeline asks once per visit; the fit covers every visit, so it is cached per frame, outcome
 * values array, population function and options, and the second visit reuses it.
 */
import { modelMatrix, type Design, type Variable } from '../../stats/design/model-matrix.ts';
import { fitMmrm, mmrmBasis, type CovarianceId, type MmrmDfMethod, type MmrmFit, type MmrmMethod } from '../../stats/models/mmrm/index.ts';
import { contrast, emmeans, type EmmResult } from '../../stats/emm/emmeans.ts';
import type { LinearBasis } from '../../stats/emm/basis.ts';
import { pooledSd } from '../../stats/effects/cohens-d.ts';
import { StatsError } from '../../stats/errors.ts';
import { adjustedBaseline, armFactor, comparedArms, countArms, covariateVariables, formula, notEstimable, strataFactors, type EstimatorContext, type EstimatorOutput } from './common.ts';
import { FitCache } from './fit-cache.ts';

export interface MmrmEstimatorOptions {
  readonly covariance: CovarianceId;
  readonly df: MmrmDfMethod;
  readonly method: MmrmMethod;
  readonly strata: boolean;
  /** A separate covariance matrix per arm (default false: one Σ shared by both arms). */
  readonly separateByArm?: boolean;
}

/** One fit over all post-baseline visits, or why there is none. */
export interface MmrmFitBundle {
  readonly model: string;
  readonly members: ArrayLike<number>;
  readonly analysed: Readonly<Record<string, number>>;
  readonly covariates: readonly string[];
  readonly warnings: readonly string[];
  readonly imputed: number;
  readonly visits: readonly string[];
  readonly result: { readonly fit: MmrmFit; readonly basis: LinearBasis; readonly emm: EmmResult } | { readonly error: string };
}

const cache = new FitCache<MmrmFitBundle>();

function anyObserved(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return true;
  return false;
}

/**
 * A participant-level variable (one value per member) as a long-format one: row q takes the
 * value of member pos[q]. The shared builders (armFactor, strataFactors, covariateVariables) run
 * once per participant — their levels, means and warnings are the same over members as over
 * rows, since every member has at least one row — and the rows only gather codes or values.
 */
function expand(v: Variable, pos: Int32Array): Variable {
  if (v.kind === 'numeric') {
    const values = new Float64Array(pos.length);
    for (let q = 0; q < pos.length; q++) values[q] = v.values[pos[q]];
    return { name: v.name, kind: 'numeric', values };
  }
  const codes = new Int32Array(pos.length);
  for (let q = 0; q < pos.length; q++) codes[q] = v.codes[pos[q]];
  return { name: v.name, kind: 'factor', levels: v.levels, codes };
}

/** The (cached) fit behind `mmrm(ctx, options)`; exported so callers and tests can inspect it. */
export function mmrmFitFor(ctx: EstimatorContext, options: MmrmEstimatorOptions): MmrmFitBundle {
  const adj = ctx.adjust;
  const key = `${options.covariance}|${options.df}|${options.method}|${options.strata}|${options.separateByArm ?? false}|${ctx.confLevel}|${adj ? `${adj.baseline}|${adj.covariates.map((c) => c.column).join(',')}` : ''}`;
  let bundle = cache.get(ctx.frame, ctx.outcome.values, ctx.include, key);
  if (!bundle) {
    bundle = fitBundle(ctx, options);
    cache.set(ctx.frame, ctx.outcome.values, ctx.include, key, bundle);
  }
  return bundle;
}

function fitBundle(ctx: EstimatorContext, options: MmrmEstimatorOptions): MmrmFitBundle {
  const { frame, outcome } = ctx;
  const strata = options.strata ? frame.strata : [];
  const base = adjustedBaseline(ctx);
  const declared = `${outcome.id} ~ arm * visit${base ? ` + ${outcome.id}@baseline * visit` : ''}${[...strata.map((s) => s.column), ...(ctx.adjust?.covariates ?? []).map((c) => c.column)].map((c) => ` + ${c}`).join('')}`;
  const post: number[] = [];
  for (let v = 0; v < frame.visits.length; v++) if (v !== frame.baselineVisit && anyObserved(outcome.values[v])) post.push(v);
  const postValues = post.map((v) => outcome.values[v]);
  // The population's participants with a post-baseline value, in participant order (typed, no
  // iterator per participant: at 10⁶ participants this loop was a third of the glue's time).
  const include = ctx.include;
  const picked = new Int32Array(frame.n);
  let count = 0;
  const nPost = postValues.length;
  for (let i = 0; i < frame.n; i++) {
    if (!include(i)) continue;
    for (let k = 0; k < nPost; k++) {
      if (!Number.isNaN(postValues[k][i])) {
        picked[count++] = i;
        break;
      }
    }
  }
  let members: Int32Array = picked.subarray(0, count);
  const analysed = countArms(frame, members);
  const warnings: string[] = [];
  const visits = post.map((v) => frame.visits[v]);
  const fail = (error: string, covariates: string[] = [], imputed = 0, model = declared): MmrmFitBundle => ({ model, members, analysed, covariates, warnings, imputed, visits, result: { error } });
  const arms = comparedArms(ctx);
  for (const a of arms) if (analysed[a] < 2) return fail(`fewer than 2 participants with a post-baseline ${outcome.id} in arm ${a}`);
  // Arms outside the comparison stay in the model only with enough participants.
  const armKept = frame.arms.map((a) => analysed[a.label] >= 2);
  if (armKept.some((k) => !k)) {
    let kept = 0;
    for (let r = 0; r < members.length; r++) if (armKept[frame.arm[members[r]]]) picked[kept++] = members[r];
    members = picked.subarray(0, kept);
  }

  let imputed = 0;
  let baseMean = Number.NaN;
  if (base) {
    let sum = 0;
    let observed = 0;
    for (let r = 0; r < members.length; r++) {
      const i = members[r];
      if (Number.isNaN(base[i])) continue;
      sum += base[i];
      observed++;
    }
    if (observed < 2) return fail('the baseline value is missing for nearly everyone analysed');
    baseMean = sum / observed;
    imputed = members.length - observed;
    if (imputed > 0) warnings.push(`${imputed} missing baseline value(s) replaced by the mean baseline of the participants analysed`);
  }

  // Long format, columnar: one row per member × observed post-baseline visit.
  let nRows = 0;
  for (let r = 0; r < members.length; r++) {
    const i = members[r];
    for (let k = 0; k < nPost; k++) if (!Number.isNaN(postValues[k][i])) nRows++;
  }
  const rowMember = new Int32Array(nRows);
  const rowPos = new Int32Array(nRows);
  const rowVisit = new Int32Array(nRows);
  const y = new Float64Array(nRows);
  let r = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m];
    for (let k = 0; k < post.length; k++) {
      const v = postValues[k][i];
      if (Number.isNaN(v)) continue;
      rowMember[r] = i;
      rowPos[r] = m;
      rowVisit[r] = k;
      y[r++] = v;
    }
  }
  const arm = expand(armFactor(frame, members), rowPos) as Extract<Variable, { kind: 'factor' }>;
  const variables: Variable[] = [arm, { name: 'visit', kind: 'factor', levels: visits, codes: rowVisit }];
  const terms: string[][] = [['arm'], ['visit']];
  const covariates: string[] = [];
  const formulaTerms = ['arm * visit'];
  if (base) {
    const baseline = new Float64Array(nRows);
    let constant = true;
    for (let q = 0; q < nRows; q++) {
      const b = base[rowMember[q]];
      baseline[q] = Number.isNaN(b) ? baseMean : b;
      if (baseline[q] !== baseline[0]) constant = false;
    }
    if (constant) return fail('the baseline value is constant for everyone analysed', [], imputed);
    variables.push({ name: 'baseline', kind: 'numeric', values: baseline });
    terms.push(['baseline']);
    covariates.push('baseline');
    formulaTerms.push(`${outcome.id}@baseline * visit`);
  }
  for (const v of [...strataFactors({ ...frame, strata }, members, warnings), ...covariateVariables(ctx.adjust, members, warnings)]) {
    variables.push(expand(v, rowPos));
    terms.push([v.name]);
    covariates.push(v.name);
    formulaTerms.push(v.name);
  }
  terms.push(['arm', 'visit']);
  if (base) terms.push(['visit', 'baseline']);
  const model = formula(outcome.id, formulaTerms);
  try {
    const design: Design = modelMatrix({ variables, terms });
    const covarianceGroup = options.separateByArm ? { name: 'arm', levels: arm.levels, codes: arm.codes } : undefined;
    const fit = fitMmrm(
      { X: design.X, columnNames: design.columnNames, y, subject: rowMember, visit: rowVisit, visits, covarianceGroup },
      { covariance: options.covariance, method: options.method, df: options.df },
    );
    if (fit.aliased.length > 0) warnings.push(`aliased model terms dropped: ${fit.aliased.join(', ')}`);
    if (!fit.convergence.converged) return fail(`the MMRM did not converge: ${fit.convergence.messages.join('; ')}`, covariates, imputed, model);
    if (fit.convergence.messages.length > 0) warnings.push(`MMRM optimizer fallback used (${fit.convergence.optimizer} converged): ${fit.convergence.messages.join('; ')}`);
    const basis = mmrmBasis(fit, design);
    const emm = emmeans(basis, { specs: ['arm'], by: ['visit'], weights: 'equal', confLevel: ctx.confLevel });
    return { model, members, analysed, covariates, warnings, imputed, visits, result: { fit, basis, emm } };
  } catch (e) {
    if (e instanceof StatsError) return fail(e.message, covariates, imputed, model);
    throw e;
  }
}

export function mmrm(ctx: EstimatorContext, options: MmrmEstimatorOptions): EstimatorOutput {
  const b = mmrmFitFor(ctx, options);
  const visit = ctx.frame.visits[ctx.visit];
  if ('error' in b.result) return { ...notEstimable(ctx, b.result.error, b.model, { ...b.analysed }), warnings: b.warnings };
  if (!b.visits.includes(visit)) return { ...notEstimable(ctx, `visit ${visit} is not a post-baseline visit with ${ctx.outcome.id} observed`, b.model, { ...b.analysed }), warnings: b.warnings };
  const { fit, basis, emm } = b.result;
  const { frame, comparison } = ctx;
  const arms = comparedArms(ctx);
  const [ctrl, intv] = arms.map((a) => emm.cells.find((c) => c.levels.visit === visit && c.levels.arm === a)!);
  const diff = contrast(basis, intv, ctrl, ctx.confLevel, `${arms[1]} - ${arms[0]}`);
  if (diff.estimate === null || diff.se === null || diff.p === null || diff.t === null || diff.lower === null || diff.upper === null || ctrl.estimate === null || intv.estimate === null) {
    return { ...notEstimable(ctx, `the arm difference at ${visit} is not estimable in this model`, b.model, { ...b.analysed }), warnings: b.warnings };
  }
  const y = ctx.outcome.values[ctx.visit];
  // The two arms' values at the visit, in member order, in one pass.
  const yI: number[] = [];
  const yC: number[] = [];
  const members = b.members;
  for (let r = 0; r < members.length; r++) {
    const i = members[r];
    if (Number.isNaN(y[i])) continue;
    if (frame.arm[i] === comparison.intervention) yI.push(y[i]);
    if (frame.arm[i] === comparison.control) yC.push(y[i]);
  }
  const cell = (c: typeof ctrl) => ({ estimate: c.estimate!, se: c.se!, df: c.df, lower: c.lower!, upper: c.upper! });
  return {
    status: 'estimated',
    reason: null,
    analysed: b.analysed,
    emm: { [arms[0]]: cell(ctrl), [arms[1]]: cell(intv) },
    difference: { estimate: diff.estimate, se: diff.se, df: diff.df, statistic: diff.t, p: diff.p, lower: diff.lower, upper: diff.upper },
    sd: yI.length > 1 && yC.length > 1 ? pooledSd(yI, yC) : null,
    covariates: b.covariates,
    model: b.model,
    dfMethod: fit.options.df,
    options: {
      covariance: fit.options.covariance,
      covarianceByArm: options.separateByArm ?? false,
      df: fit.options.df,
      method: fit.options.method,
      converged: fit.convergence.converged,
      optimizer: fit.convergence.optimizer,
      logLik: fit.logLik,
      AIC: fit.AIC,
      BIC: fit.BIC,
      visits: b.visits.join(', '),
      observations: fit.nObs,
      baselineMissing: adjustedBaseline(ctx) ? 'mean-impute' : null,
      baselineImputed: b.imputed,
      emmWeights: 'equal',
      strata: options.strata,
    },
    warnings: b.warnings,
  };
}
