/**
 * ANCOVA after multiple imputation (Rubin 1987; van Buuren, FIMD 2nd ed.): the outcome at every
 * visit (baseline included) is imputed by chained equations from arm, the stratification factors,
 * the plan's auxiliary and adjustment covariates, and the outcome's other visits; the primary
 * ANCOVA (y ~ arm + baseline + strata + covariates, EMMs with equal weights over strata — the model
 * of ancova.ts, every arm in it) is fitted on each completed dataset, and the comparison's
 * difference and both EMMs are pooled by Rubin's rules with Barnard–Rubin df (complete-data df =
 * the residual df of the completed-data fit).
 *
 * Imputations are cached per (frame, outcome values, population, imputation settings): the ANCOVA at
 * another visit, a δ-adjusted refit, the tipping-point search or the pooled responder risk
 * difference reuse them. Because imputation k's random stream depends only on (seed, k), a
 * request for fewer imputations is served by the first m of a larger cached run.
 */
import { factor, modelMatrix, numeric, type Variable } from '../../stats/design/model-matrix.ts';
import { ols } from '../../stats/models/ols/ols.ts';
import { olsBasis } from '../../stats/emm/from-ols.ts';
import { contrast, emmeans } from '../../stats/emm/emmeans.ts';
import { pooledSd } from '../../stats/effects/cohens-d.ts';
import { poolScalar, type PooledScalar } from '../../stats/pool/rubin.ts';
import { StatsError } from '../../stats/errors.ts';
import { fcs, prefetchFcs, type FcsData, type FcsResult } from '../../stats/mi/fcs.ts';
import type { MiMethod } from '../../stats/mi/options.ts';
import { shiftImputed } from '../../stats/mi/delta.ts';
import { linearPredictor } from '../../stats/mi/methods/norm-draw.ts';
import { qrCoef, qrUnscaledCovariance, type QR } from '../../stats/linalg/qr.ts';
import type { Matrix } from '../../stats/linalg/matrix.ts';
import { adjustedBaseline, armFactor, comparedArms, countArms, covariateVariables, formula, notEstimable, strataFactors, type EstimatorContext, type EstimatorOutput } from './common.ts';
import { FitCache } from './fit-cache.ts';
import type { ResponderResult } from '../results/types.ts';

export type DeltaArm = 'intervention' | 'control' | 'both';

export interface MiSettings {
  readonly m: number;
  readonly method: 'pmm' | 'norm';
  readonly donors: number;
  readonly maxit: number;
  readonly byArm: boolean;
  readonly seed: number;
  /** Baseline covariates (frame covariate columns) added to the imputation model besides the adjustment covariates. */
  readonly auxiliary?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

export interface MiAncovaOptions extends MiSettings {
  /** Shift added (in outcome units, sign as given) to the values imputed at the analysed visit. */
  readonly delta?: { readonly arm: DeltaArm; readonly value: number };
}

/** The imputed outcome of one population: member rows, the FCS input and its m imputations. */
export interface ImputedOutcome {
  /** Frame rows of the population, in frame order; row r of the FCS data is participant members[r]. */
  readonly members: readonly number[];
  readonly data: FcsData;
  readonly result: FcsResult;
  /** FCS column of each visit (index = visit index of the frame). */
  readonly visitColumn: readonly number[];
  /** Names of the imputation model's predictors besides the outcome's visits. */
  readonly auxiliary: readonly string[];
  readonly warnings: readonly string[];
}

const cache = new FitCache<ImputedOutcome>();
/** FCS inputs built by prefetchOutcome, for the imputeOutcome call that follows (same key as `cache`). */
const built = new FitCache<Omit<ImputedOutcome, 'result'>>();

/** Dummy columns for a categorical variable (missing as its own level), all but the first level present. */
function dummies(name: string, codes: ArrayLike<number>, levels: readonly string[], members: readonly number[]): { names: string[]; cols: Float64Array[] } {
  const n = members.length;
  // Plain loops over the members (10⁵ at registry scale; the mapping callbacks of Set/from were ≈ 1 s of the N = 10⁵ MI plan).
  const seen = new Set<number>();
  for (let r = 0; r < n; r++) seen.add(codes[members[r]]);
  const present = [...seen].sort((a, b) => a - b);
  const names: string[] = [];
  const cols: Float64Array[] = [];
  for (const lv of present.slice(1)) {
    names.push(`${name}=${lv < 0 ? '(missing)' : levels[lv]}`);
    const col = new Float64Array(n);
    for (let r = 0; r < n; r++) if (codes[members[r]] === lv) col[r] = 1;
    cols.push(col);
  }
  return { names, cols };
}

function buildData(ctx: EstimatorContext, settings: MiSettings): Omit<ImputedOutcome, 'result'> {
  const { frame, outcome } = ctx;
  const members: number[] = [];
  for (let i = 0; i < frame.n; i++) if (ctx.include(i)) members.push(i);
  const columns: Float64Array[] = [];
  const names: string[] = [];
  const methods: MiMethod[] = [];
  const warnings: string[] = [];
  const visitColumn: number[] = [];
  for (let v = 0; v < frame.visits.length; v++) {
    // Visits the outcome is not measured at have nothing to impute from or to.
    if (!outcome.visits.includes(frame.visits[v])) {
      visitColumn.push(-1);
      continue;
    }
    const y = Float64Array.from(members, (i) => outcome.values[v][i]);
    const nMissing = y.filter(Number.isNaN).length;
    const nObserved = y.length - nMissing;
    if (nObserved < 2) {
      warnings.push(`${outcome.id} at ${frame.visits[v]} has fewer than 2 observed values and is left out of the imputation model`);
      visitColumn.push(-1);
      continue;
    }
    visitColumn.push(columns.length);
    columns.push(y);
    names.push(`${outcome.id}@${frame.visits[v]}`);
    methods.push(nMissing > 0 ? settings.method : '');
  }
  const auxiliary: string[] = [];
  if (!settings.byArm) {
    // Two arms: one 0/1 column "arm"; more: an indicator per non-control arm.
    const others = frame.arms.map((_, k) => k).filter((k) => k !== frame.control);
    for (const k of others) {
      columns.push(Float64Array.from(members, (i) => (frame.arm[i] === k ? 1 : 0)));
      names.push(others.length === 1 ? 'arm' : `arm=${frame.arms[k].label}`);
      methods.push('');
    }
    auxiliary.push('arm');
  }
  const strataColumns = new Set(frame.strata.map((s) => s.column));
  for (const s of frame.strata) {
    const d = dummies(s.column, s.values, s.levels, members);
    columns.push(...d.cols);
    names.push(...d.names);
    methods.push(...d.cols.map((): MiMethod => ''));
    if (d.cols.length) auxiliary.push(s.column);
  }
  // Auxiliary and adjustment covariates: numeric or binary ones are imputed if missing; a
  // categorical one with more levels keeps "missing" as a level (missing-indicator coding).
  const wanted = [...new Set([...(settings.auxiliary ?? []), ...(ctx.adjust?.covariates ?? []).map((c) => c.column)])];
  for (const c of wanted.map((w) => frame.covariates.find((x) => x.column === w)!).filter((x) => x !== undefined && !strataColumns.has(x.column))) {
    if (c.kind === 'numeric') {
      const x = Float64Array.from(members, (i) => c.values[i]);
      if (x.length - x.filter(Number.isNaN).length < 2) continue;
      columns.push(x);
      names.push(c.column);
      methods.push(x.some(Number.isNaN) ? settings.method : '');
    } else if (c.levels.length === 2 && members.some((i) => c.values[i] < 0)) {
      columns.push(Float64Array.from(members, (i) => (c.values[i] < 0 ? Number.NaN : c.values[i])));
      names.push(c.column);
      methods.push('logreg');
    } else {
      const d = dummies(c.column, c.values, c.levels, members);
      if (!d.cols.length) continue;
      columns.push(...d.cols);
      names.push(...d.names);
      methods.push(...d.cols.map((): MiMethod => ''));
    }
    auxiliary.push(c.column);
  }
  const data: FcsData = { columns, names, methods, groups: settings.byArm ? Int32Array.from(members, (i) => frame.arm[i]) : undefined };
  return { members, data, visitColumn, auxiliary, warnings };
}

/** The m imputations of the context's outcome in its population (cached; see the file comment). */
function cacheKey(ctx: EstimatorContext, settings: MiSettings): string {
  return JSON.stringify([settings.method, settings.donors, settings.maxit, settings.byArm, settings.seed, settings.auxiliary ?? [], (ctx.adjust?.covariates ?? []).map((c) => c.column)]);
}

export function imputeOutcome(ctx: EstimatorContext, settings: MiSettings): ImputedOutcome {
  const key = cacheKey(ctx, settings);
  const hit = cache.get(ctx.frame, ctx.outcome.values, ctx.include, key);
  if (hit && hit.result.imputations.length >= settings.m) {
    settings.onProgress?.(settings.m, settings.m);
    const result = hit.result.imputations.length === settings.m ? hit.result : { ...hit.result, options: { ...hit.result.options, m: settings.m }, imputations: hit.result.imputations.slice(0, settings.m) };
    return { ...hit, result };
  }
  const input = built.get(ctx.frame, ctx.outcome.values, ctx.include, key) ?? buildData(ctx, settings);
  const result = fcs(input.data, { m: settings.m, maxit: settings.maxit, donors: settings.donors, seed: settings.seed, onProgress: settings.onProgress });
  const out = { ...input, result };
  cache.set(ctx.frame, ctx.outcome.values, ctx.include, key, out);
  return out;
}

/**
 * Lets helper threads start the imputations imputeOutcome(ctx, settings) will ask for, while this
 * thread does other work (stats/mi/parallel.ts); the values cannot differ. Input that fcs refuses
 * is left for imputeOutcome to report.
 */
export function prefetchOutcome(ctx: EstimatorContext, settings: MiSettings): void {
  const key = cacheKey(ctx, settings);
  const hit = cache.get(ctx.frame, ctx.outcome.values, ctx.include, key);
  if (hit && hit.result.imputations.length >= settings.m) return;
  try {
    const input = built.get(ctx.frame, ctx.outcome.values, ctx.include, key) ?? buildData(ctx, settings);
    built.set(ctx.frame, ctx.outcome.values, ctx.include, key, input);
    prefetchFcs(input.data, { m: settings.m, maxit: settings.maxit, donors: settings.donors, seed: settings.seed });
  } catch (e) {
    if (!(e instanceof StatsError)) throw e;
  }
}

/** Completed values (frame-member order) of the outcome at a visit in imputation k. */
export function completedVisit(imp: ImputedOutcome, visit: number, k: number): Float64Array {
  const j = imp.visitColumn[visit];
  if (j < 0) throw new StatsError('NOT_ESTIMABLE', `visit ${visit} was not imputed (fewer than 2 observed values)`);
  const out = Float64Array.from(imp.data.columns[j]);
  const rows = imp.result.missing[j];
  const vals = imp.result.imputations[k][j];
  for (let t = 0; t < rows.length; t++) out[rows[t]] = vals[t];
  return out;
}

/** Rows (member positions) imputed at a visit. */
export function imputedRows(imp: ImputedOutcome, visit: number): Int32Array {
  const j = imp.visitColumn[visit];
  return j < 0 ? new Int32Array(0) : imp.result.missing[j];
}

/** Selects the member rows (FCS row positions) of one or both arms of the comparison. */
export function armSelector(ctx: EstimatorContext, imp: ImputedOutcome, arm: DeltaArm): (row: number) => boolean {
  const { frame, comparison } = ctx;
  if (arm === 'both') return (r) => frame.arm[imp.members[r]] === comparison.intervention || frame.arm[imp.members[r]] === comparison.control;
  const target = arm === 'intervention' ? comparison.intervention : comparison.control;
  return (r) => frame.arm[imp.members[r]] === target;
}

interface CompletedFit {
  readonly diff: number;
  readonly diffVar: number;
  readonly emm: readonly [number, number, number, number];
  readonly dfCom: number;
  readonly aliased: readonly string[];
}

/**
 * What the refits share when only y changes between completed datasets (baseline complete, so
 * the design is the same): the QR of X, (XᵀX)⁻¹ and the contrast vectors of the EMMs and the
 * difference. Aliased columns (NaN in the QR coefficients) count as 0, as in emmeans.ts.
 */
interface SharedDesign {
  readonly qr: QR;
  readonly x: Matrix;
  readonly unscaled: Float64Array;
  readonly l: readonly [Float64Array, Float64Array, Float64Array];
  readonly dfCom: number;
  readonly aliased: readonly string[];
}

/** The primary ANCOVA on one completed dataset (equal-weight EMMs, as ancova.ts). */
function fitCompleted(ctx: EstimatorContext, arm: Variable, y: Float64Array, baseline: Float64Array | null, adjusters: readonly Variable[]): CompletedFit & { readonly shared: SharedDesign } {
  const arms = comparedArms(ctx);
  const variables: Variable[] = [arm, ...(baseline ? [numeric('baseline', baseline)] : []), ...adjusters];
  const design = modelMatrix({ variables, terms: variables.map((v) => [v.name]) });
  const fit = ols(design.X, y, { columnNames: design.columnNames, confLevel: ctx.confLevel });
  const basis = olsBasis(fit, design);
  const emm = emmeans(basis, { specs: ['arm'], weights: 'equal', confLevel: ctx.confLevel });
  const ctrl = emm.cells.find((c) => c.levels.arm === arms[0])!;
  const intv = emm.cells.find((c) => c.levels.arm === arms[1])!;
  const diff = contrast(basis, intv, ctrl, ctx.confLevel);
  if (diff.estimate === null || diff.se === null || ctrl.estimate === null || ctrl.se === null || intv.estimate === null || intv.se === null) {
    throw new StatsError('NOT_ESTIMABLE', 'the arm difference is not estimable in a completed dataset');
  }
  const lDiff = Float64Array.from(intv.l, (v, j) => v - ctrl.l[j]);
  const unscaled = qrUnscaledCovariance(fit.qr).data.map((v) => (Number.isNaN(v) ? 0 : v));
  const shared = { qr: fit.qr, x: design.X, unscaled, l: [lDiff, ctrl.l, intv.l] as const, dfCom: fit.dfResidual, aliased: fit.aliased };
  return { diff: diff.estimate, diffVar: diff.se ** 2, emm: [ctrl.estimate, ctrl.se ** 2, intv.estimate, intv.se ** 2], dfCom: fit.dfResidual, aliased: fit.aliased, shared };
}

/** The same fit for a new y over a shared design: β = QR solve, σ² = RSS/df, var(lᵀβ) = σ² lᵀ(XᵀX)⁻¹l. */
function refitSharedDesign(s: SharedDesign, y: Float64Array): CompletedFit {
  const coef = qrCoef(s.qr, y).map((b) => (Number.isNaN(b) ? 0 : b));
  const fitted = linearPredictor(s.x, coef);
  let rss = 0;
  for (let i = 0; i < y.length; i++) rss += (y[i] - fitted[i]) ** 2;
  const sigma2 = rss / s.dfCom;
  const p = coef.length;
  const est = (l: Float64Array) => {
    let e = 0;
    for (let j = 0; j < p; j++) e += l[j] * coef[j];
    let q = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) q += l[a] * s.unscaled[a + b * p] * l[b];
    return [e, sigma2 * q] as const;
  };
  const [d, dv] = est(s.l[0]);
  const [c, cv] = est(s.l[1]);
  const [t, tv] = est(s.l[2]);
  return { diff: d, diffVar: dv, emm: [c, cv, t, tv], dfCom: s.dfCom, aliased: s.aliased };
}

export interface PooledAncova {
  readonly difference: PooledScalar;
  readonly control: PooledScalar;
  readonly intervention: PooledScalar;
  readonly covariates: readonly string[];
  readonly warnings: readonly string[];
}


/**
 * Fits the ANCOVA on each of the m completed datasets (optionally δ-shifted) and pools by Rubin's
 * rules. When no baseline value was imputed the design is the same in every dataset: the first
 * fit goes through ols/emmeans and the others reuse its QR and contrast vectors
 * (`reuseDesign: false` forces the full fit every time — the tests compare the two).
 */
export function pooledAncova(ctx: EstimatorContext, imp: ImputedOutcome, shiftOf?: (row: number) => number, options: { readonly reuseDesign?: boolean } = {}): PooledAncova {
  const m = imp.result.imputations.length;
  const warnings: string[] = [];
  const adjusters = [...strataFactors(ctx.frame, imp.members, warnings), ...covariateVariables(ctx.adjust, imp.members, warnings)];
  // The same members in every completed dataset: one arm factor for all m fits.
  const arm = armFactor(ctx.frame, imp.members);
  const withBaseline = adjustedBaseline(ctx) !== null;
  const rows = imputedRows(imp, ctx.visit);
  const q = new Float64Array(m);
  const u = new Float64Array(m);
  const e = [new Float64Array(m), new Float64Array(m), new Float64Array(m), new Float64Array(m)];
  let dfCom = Infinity;
  const aliased = new Set<string>();
  const sameDesign = options.reuseDesign !== false && (!withBaseline || imputedRows(imp, ctx.frame.baselineVisit).length === 0);
  let shared: SharedDesign | null = null;
  for (let k = 0; k < m; k++) {
    let y = completedVisit(imp, ctx.visit, k);
    if (shiftOf) y = shiftImputed(y, rows, shiftOf);
    let fit: CompletedFit;
    if (shared) fit = refitSharedDesign(shared, y);
    else {
      const full = fitCompleted(ctx, arm, y, withBaseline ? completedVisit(imp, ctx.frame.baselineVisit, k) : null, adjusters);
      if (sameDesign) shared = full.shared;
      fit = full;
    }
    q[k] = fit.diff;
    u[k] = fit.diffVar;
    for (let c = 0; c < 4; c++) e[c][k] = fit.emm[c];
    dfCom = fit.dfCom;
    for (const a of fit.aliased) aliased.add(a);
  }
  if (aliased.size) warnings.push(`aliased model terms dropped in some completed datasets: ${[...aliased].join(', ')}`);
  const opts = { dfCom, confLevel: ctx.confLevel };
  return { difference: poolScalar(q, u, opts), control: poolScalar(e[0], e[1], opts), intervention: poolScalar(e[2], e[3], opts), covariates: [...(withBaseline ? ['baseline'] : []), ...adjusters.map((s) => s.name)], warnings };
}

/**
 * The pooled arm difference of the completed datasets with δ·shift(row) added at the imputed rows
 * of the visit, for any number of δ (the tipping-point search). When no baseline value was imputed
 * the design is the same in every completed dataset, and least squares is linear in y: dataset
 * k's coefficients and residuals at δ are those at 0 plus δ times those of the shift vector
 * itself. So each dataset is solved once, the shift once, and every δ costs a sum over the
 * residuals — instead of a refit of every dataset at every δ. The same estimates as pooledAncova
 * with that shift up to rounding (the sums are formed in another order); Rubin's rules as there.
 * Null when the designs differ (an imputed baseline value): then pooledAncova refits per δ.
 */
export function shiftedDifference(ctx: EstimatorContext, imp: ImputedOutcome, shift: (row: number) => number): ((delta: number) => PooledScalar) | null {
  const withBaseline = adjustedBaseline(ctx) !== null;
  if (withBaseline && imputedRows(imp, ctx.frame.baselineVisit).length > 0) return null;
  const m = imp.result.imputations.length;
  const warnings: string[] = [];
  const adjusters = [...strataFactors(ctx.frame, imp.members, warnings), ...covariateVariables(ctx.adjust, imp.members, warnings)];
  const arm = armFactor(ctx.frame, imp.members);
  const baseline = withBaseline ? completedVisit(imp, ctx.frame.baselineVisit, 0) : null;
  const s = fitCompleted(ctx, arm, completedVisit(imp, ctx.visit, 0), baseline, adjusters).shared;
  const p = s.x.cols;
  const solve = (y: Float64Array) => {
    const coef = qrCoef(s.qr, y).map((b) => (Number.isNaN(b) ? 0 : b));
    const fitted = linearPredictor(s.x, coef);
    return { coef, residual: y.map((v, i) => v - fitted[i]) };
  };
  const unit = new Float64Array(imp.members.length);
  const rows = imputedRows(imp, ctx.visit);
  for (let t = 0; t < rows.length; t++) unit[rows[t]] = shift(rows[t]);
  const byUnit = solve(unit);
  const datasets = Array.from({ length: m }, (_, k) => solve(completedVisit(imp, ctx.visit, k)));
  const dot = (a: Float64Array, b: Float64Array) => {
    let t = 0;
    for (let j = 0; j < p; j++) t += a[j] * b[j];
    return t;
  };
  const [lDiff] = s.l;
  const lVl = dot(lDiff, quadratic(lDiff, s.unscaled, p));
  const perUnit = dot(lDiff, byUnit.coef);
  const atZero = datasets.map((d) => dot(lDiff, d.coef));
  return (delta: number) => {
    const q = new Float64Array(m);
    const u = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const d = datasets[k];
      let rss = 0;
      for (let i = 0; i < d.residual.length; i++) rss += (d.residual[i] + delta * byUnit.residual[i]) ** 2;
      q[k] = atZero[k] + delta * perUnit;
      u[k] = (rss / s.dfCom) * lVl;
    }
    return poolScalar(q, u, { dfCom: s.dfCom, confLevel: ctx.confLevel });
  };
}

/** (XᵀX)⁻¹ l for the quadratic form lᵀ(XᵀX)⁻¹l (column-major p × p). */
function quadratic(l: Float64Array, unscaled: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out[a] += unscaled[a + b * p] * l[b];
  return out;
}

export function miAncova(ctx: EstimatorContext, options: MiAncovaOptions): EstimatorOutput {
  const { frame, outcome, comparison } = ctx;
  const withBaseline = adjustedBaseline(ctx) !== null;
  const pooledBy = `, fitted on each of ${options.m} imputed datasets and pooled by Rubin's rules`;
  const model = `${formula(outcome.id, ['arm', ...(withBaseline ? [`${outcome.id}@baseline`] : []), ...frame.strata.map((s) => s.column), ...(ctx.adjust?.covariates ?? []).map((c) => c.column)])}${pooledBy}`;
  const members = [...Array(frame.n).keys()].filter(ctx.include);
  const analysed = countArms(frame, members);
  if (ctx.visit === frame.baselineVisit) return notEstimable(ctx, 'the ANCOVA is for post-baseline visits', model, analysed);
  if (options.m < 2) return notEstimable(ctx, `Rubin's rules need at least 2 imputations (m = ${options.m})`, model, analysed);
  const arms = comparedArms(ctx);
  for (const a of arms) if (analysed[a] < 2) return notEstimable(ctx, `fewer than 2 participants in arm ${a}`, model, analysed);
  try {
    const imp = imputeOutcome(ctx, options);
    if (imp.visitColumn[ctx.visit] < 0 || (withBaseline && imp.visitColumn[frame.baselineVisit] < 0)) return { ...notEstimable(ctx, 'fewer than 2 observed values at the visit or at baseline: nothing to impute from', model, analysed), warnings: imp.warnings };
    const delta = options.delta;
    if (delta && !Number.isFinite(delta.value)) throw new StatsError('NON_FINITE', `the δ shift must be finite, got ${delta.value}`);
    const select = delta ? armSelector(ctx, imp, delta.arm) : null;
    const pooled = pooledAncova(ctx, imp, delta && select ? (row) => (select(row) ? delta.value : 0) : undefined);
    const d = pooled.difference;
    const cell = (p: PooledScalar) => ({ estimate: p.estimate, se: p.se, df: p.df, lower: p.lower, upper: p.upper });
    const y = outcome.values[ctx.visit];
    const obs = (arm: number) => members.filter((i) => frame.arm[i] === arm && !Number.isNaN(y[i])).map((i) => y[i]);
    const yI = obs(comparison.intervention);
    const yC = obs(comparison.control);
    const rows = imputedRows(imp, ctx.visit);
    return {
      status: 'estimated',
      reason: null,
      analysed,
      emm: { [arms[0]]: cell(pooled.control), [arms[1]]: cell(pooled.intervention) },
      difference: { estimate: d.estimate, se: d.se, df: d.df, statistic: d.statistic, p: d.p, lower: d.lower, upper: d.upper },
      sd: yI.length > 1 && yC.length > 1 ? pooledSd(yI, yC) : null,
      covariates: pooled.covariates,
      // The strata and covariates actually in the model (one with a single level among the analysed is left out).
      model: `${formula(outcome.id, ['arm', ...pooled.covariates.map((c) => (c === 'baseline' ? `${outcome.id}@baseline` : c))])}${pooledBy}`,
      dfMethod: 'Barnard-Rubin',
      options: {
        m: options.m, method: options.method, donors: options.method === 'pmm' ? options.donors : null, maxit: options.maxit, byArm: options.byArm, seed: options.seed,
        fmi: d.fmi, riv: d.riv, dfCom: d.options.dfCom, imputedAtVisit: rows.length,
        imputationPredictors: [...imp.data.names.filter((_, j) => imp.visitColumn.includes(j)), ...imp.auxiliary].join(', '),
        deltaArm: delta ? delta.arm : null, deltaValue: delta ? delta.value : null, emmWeights: 'equal',
      },
      warnings: [...imp.warnings, ...pooled.warnings],
    };
  } catch (e) {
    if (e instanceof StatsError) return notEstimable(ctx, e.message, model, analysed);
    throw e;
  }
}

/** The responder risk difference (intervention − control) pooled over the imputations. */
export type PooledRiskDifference = NonNullable<ResponderResult['pooled']>;

/**
 * Responder risk difference under MI: on each completed dataset every member's responder status
 * is derived from the completed baseline and visit values by the outcome's rule (as
 * responders.ts: change or level, oriented so larger is better, same 1e-9 tolerance), the risk
 * difference gets its Wald variance p₁(1 − p₁)/n₁ + p₀(1 − p₀)/n₀, and the m results are pooled
 * by Rubin's rules with Rubin's (1987) large-sample df (complete-data df = ∞). Imputing the score
 * and deriving the status afterwards ("passive" imputation) keeps the responder consistent with
 * the imputed scores. Throws NOT_ESTIMABLE when the outcome has no responder rule or every
 * imputation gives the same 0 % or 100 % rates.
 */
export function miResponderRiskDifference(ctx: EstimatorContext, settings: MiSettings): PooledRiskDifference {
  const { frame, outcome } = ctx;
  const rule = outcome.responder;
  if (!rule) throw new StatsError('NOT_ESTIMABLE', `${outcome.id} has no responder definition`);
  if (settings.m < 2) throw new StatsError('INVALID_ARGUMENT', `Rubin's rules need at least 2 imputations (m = ${settings.m})`);
  const imp = imputeOutcome(ctx, settings);
  if (imp.visitColumn[ctx.visit] < 0 || (rule.type === 'change' && imp.visitColumn[frame.baselineVisit] < 0)) throw new StatsError('NOT_ESTIMABLE', `${outcome.id}: too few observed values to impute`);
  const sign = outcome.higherIsBetter ? 1 : -1;
  const { comparison } = ctx;
  const isI = imp.members.map((i) => frame.arm[i] === comparison.intervention);
  const isC = imp.members.map((i) => frame.arm[i] === comparison.control);
  const n1 = isI.filter(Boolean).length;
  const n0 = isC.filter(Boolean).length;
  if (n1 === 0 || n0 === 0) throw new StatsError('NOT_ESTIMABLE', 'an arm has no participants in the population');
  const m = imp.result.imputations.length;
  const q = new Float64Array(m);
  const u = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const y = completedVisit(imp, ctx.visit, k);
    const b = rule.type === 'change' ? completedVisit(imp, frame.baselineVisit, k) : null;
    let e1 = 0;
    let e0 = 0;
    for (let r = 0; r < y.length; r++) {
      const reached = b ? sign * (y[r] - b[r]) >= rule.threshold - 1e-9 : sign * (y[r] - rule.threshold) >= -1e-9;
      if (!reached) continue;
      if (isI[r]) e1++;
      else if (isC[r]) e0++;
    }
    const p1 = e1 / n1;
    const p0 = e0 / n0;
    q[k] = p1 - p0;
    u[k] = (p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0;
  }
  try {
    const p = poolScalar(q, u, { dfCom: Infinity, confLevel: ctx.confLevel });
    return { estimate: p.estimate, lower: p.lower, upper: p.upper, se: p.se, df: p.df, fmi: p.fmi, m };
  } catch (e) {
    if (e instanceof StatsError && e.code === 'CONSTANT_DATA') throw new StatsError('NOT_ESTIMABLE', 'the responder rates are 0 % or 100 % in every imputation: the risk difference has no variance');
    throw e;
  }
}
