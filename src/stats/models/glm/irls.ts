/**
 * Generalised linear models by iteratively reweighted least squares (Nelder & Wedderburn 1972),
 * each step a weighted least-squares solve through the pivoted QR. Converges on the relative
 * change in deviance (R's criterion, here with a tighter default ε = 1e-14, or a step that no longer
 * lowers the deviance beyond the rounding of its n-term sum), halves the step when
 * the deviance is not finite or μ leaves its domain (needed for the log-binomial), and reports
 * non-convergence and — for binomial models — separation (fitted probabilities at 0 or 1),
 * never a silently wrong estimate.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { qrDecompose, qrDecomposeInPlace, qrCoef, qrUnscaledCovariance, qrAliased } from '../../linalg/qr.ts';
import { StatsError, assertFinite } from '../../errors.ts';
import { normal, studentT, tPValue } from '../../dist/continuous.ts';
import { family as familyOf, type FamilyId } from './family.ts';
import { devianceOf, devianceTerms, irlsWork, kernelOf, linearPredictor, validMu, type Kernel, type Rows } from './kernels.ts';
import { perGroup, rowGroups, spread, sumByRow, type RowGroups } from './row-groups.ts';

const EPS = Number.EPSILON;

export interface GlmOptions {
  readonly offset?: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  readonly epsilon?: number;
  readonly maxit?: number;
  readonly confLevel?: number;
  readonly columnNames?: readonly string[];
  /** For negbin-log: the fixed θ. */
  readonly theta?: number;
  /** Starting coefficients (e.g. from a previous fit). */
  readonly start?: Float64Array;
  /**
   * Whether to fit the intercept-only model for the null deviance (default true). It is a second
   * IRLS run (up to maxit iterations: at ε = 1e-14 it often ends on last-bit oscillation), so
   * callers that do not report it (the negative binomial's inner fits, the safety models) skip it
   * and get null.
   */
  readonly nullDeviance?: boolean;
}

export interface GlmCoefficient {
  readonly name: string;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly statistic: number | null;
  readonly p: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface GlmFit {
  readonly family: FamilyId;
  readonly options: { readonly epsilon: number; readonly maxit: number; readonly confLevel: number; readonly theta: number | null };
  readonly coefficients: readonly GlmCoefficient[];
  readonly coef: Float64Array;
  readonly vcov: Matrix;
  readonly deviance: number;
  /** null when not asked for (options.nullDeviance false). */
  readonly nullDeviance: number | null;
  readonly dfResidual: number;
  readonly dispersion: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly aliased: readonly string[];
  readonly mu: Float64Array;
  readonly eta: Float64Array;
  readonly warnings: readonly string[];
}

/** Below this many rows a count model is fitted row by row (grouping would not pay). */
const GROUP_MIN_ROWS = 4096;

/**
 * The row groups of a count model (row-groups.ts): when the log-link count families' fast loops
 * apply and there are at most n / 4 distinct rows, else null (fitted row by row). Grouped or
 * not, the fit is the same to the last bit.
 */
export function countModelGroups(familyId: FamilyId, X: Matrix, y: ArrayLike<number>, offset?: ArrayLike<number>, weights?: ArrayLike<number>): RowGroups | null {
  const n = X.rows;
  if ((familyId !== 'poisson-log' && familyId !== 'negbin-log') || n < GROUP_MIN_ROWS) return null;
  const cols: ArrayLike<number>[] = [];
  for (let j = 0; j < X.cols; j++) cols.push(X.data.subarray(j * n, (j + 1) * n));
  cols.push(y);
  if (offset) cols.push(offset);
  if (weights) cols.push(weights);
  return rowGroups(cols, n, Math.floor(n / 4));
}

export function glm(X: Matrix, y: ArrayLike<number>, familyId: FamilyId, options: GlmOptions = {}): GlmFit {
  return glmFit(X, y, familyId, options).fit;
}

/**
 * glm, with the row groups to fit over (undefined: found here; null: row by row). For a grouped
 * fit also μ per group (the negative binomial's θ step reads it).
 */
export function glmFit(X: Matrix, y: ArrayLike<number>, familyId: FamilyId, options: GlmOptions = {}, groupsIn?: RowGroups | null): { fit: GlmFit; groupMu: Float64Array | null } {
  const n = X.rows;
  const p = X.cols;
  const eps = options.epsilon ?? 1e-14;
  const maxit = options.maxit ?? 100;
  const confLevel = options.confLevel ?? 0.95;
  const names = options.columnNames ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const offset = options.offset ?? new Float64Array(n);
  const prior = options.weights ?? new Float64Array(n).fill(1);
  const theta = options.theta ?? 1;
  if (y.length !== n) throw new StatsError('LENGTH_MISMATCH', `y has ${y.length} values but X has ${n} rows`);
  assertFinite(y, 'y');
  assertFinite(X.data, 'X');
  if (offset.length !== n || prior.length !== n) throw new StatsError('LENGTH_MISMATCH', `offset and weights need ${n} values (got ${offset.length} and ${prior.length})`);
  assertFinite(offset, 'offset');
  assertFinite(prior, 'weights');
  const fam = familyOf(familyId, theta);
  const binomial = familyId.startsWith('binomial');
  for (let i = 0; i < n; i++) {
    if (binomial && !(y[i] >= 0 && y[i] <= 1)) throw new StatsError('INVALID_ARGUMENT', `y[${i}] = ${y[i]}: a binomial outcome lies in [0, 1]`);
    if (!binomial && familyId !== 'gaussian-identity' && !(y[i] >= 0)) throw new StatsError('INVALID_ARGUMENT', `y[${i}] = ${y[i]}: a count outcome is ≥ 0`);
  }
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const kernel = kernelOf(fam, theta);
  const rows = { n, p, X: X.data, y, offset, prior };
  const groups = kernel.kind === 'generic' ? null : groupsIn === undefined ? countModelGroups(familyId, X, y, options.offset, options.weights) : groupsIn;
  // Grouped: every per-row loop runs over the groups' representative rows (gRows, gEta, gMu), and
  // sums add the groups' terms back in row order (row-groups.ts); eta and mu are spread to the
  // rows after the iterations.
  const gRows = groups ? groupRows(groups, rows) : rows;
  const gEta = groups ? new Float64Array(groups.count) : eta;
  const gMu = groups ? new Float64Array(groups.count) : mu;
  const devTerms = groups ? new Float64Array(groups.count) : null;
  const dev = groups ? () => groupedDeviance(kernel, gRows, gMu, groups, devTerms!) : () => devianceOf(kernel, rows, mu);
  const gn = gRows.n;
  const gX = gRows.X;
  if (options.start) {
    // The start with aliased (NaN) coefficients as 0, once rather than per row.
    const b0 = Float64Array.from(options.start, (v) => (Number.isNaN(v) ? 0 : v));
    for (let i = 0; i < gn; i++) {
      let s = gRows.offset[i];
      for (let j = 0; j < p; j++) s += gX[i + j * gn] * b0[j];
      gEta[i] = s;
      gMu[i] = fam.linkinv(s);
    }
  } else {
    for (let i = 0; i < gn; i++) {
      gMu[i] = fam.start(gRows.y[i]);
      gEta[i] = fam.link(gMu[i]);
    }
  }
  let devOld = dev();
  // Step halving falls back towards these: the supplied start, else zeros.
  let coef: Float64Array = options.start ? Float64Array.from(options.start, (v) => (Number.isNaN(v) ? 0 : v)) : new Float64Array(p);
  let converged = false;
  let iterations = 0;
  const warnings: string[] = [];
  const wx = { rows: n, cols: p, data: new Float64Array(n * p) };
  const wz = new Float64Array(n);
  const wRoot = new Float64Array(gn);
  const gWz = groups ? new Float64Array(gn) : wz;
  const gWx = groups ? new Float64Array(gn * p) : wx.data;
  // (n − 1)·ε bounds the relative rounding error of summing n non-negative terms in order.
  const stallFloor = n * EPS;
  // Every iteration decomposes the weighted design; X's own QR only when there is no iteration.
  let qr: ReturnType<typeof qrDecompose> | null = null;
  for (let it = 1; it <= maxit; it++) {
    iterations = it;
    // μ = expFloor(η) for the log-link count families except on a first step from fam.start (μ from y).
    irlsWork(kernel, gRows, gEta, gMu, wRoot, gWz, gWx, options.start !== undefined || it > 1);
    if (groups) {
      spread(gWz, groups.of, wz);
      for (let j = 0; j < p; j++) spread(gWx.subarray(j * gn, (j + 1) * gn), groups.of, wx.data, j * n);
    }
    // wx is this iteration's scratch (rewritten by the next irlsWork): decomposed where it lies.
    qr = qrDecomposeInPlace(wx);
    let next: Float64Array = qrCoef(qr, wz);
    const etaOf = (b: Float64Array) => linearPredictor(kernel, gRows, b, gEta, gMu);
    etaOf(next);
    let devNew = dev();
    // Step halving towards the previous coefficients while the deviance is not finite or μ is invalid.
    for (let h = 0; h < 50 && (!Number.isFinite(devNew) || !validMu(kernel, gMu)); h++) {
      next = next.map((b, j) => (b + coef[j]) / 2);
      etaOf(next);
      devNew = dev();
    }
    if (!Number.isFinite(devNew)) throw new StatsError('NOT_CONVERGED', 'the deviance is not finite even after step halving: no valid coefficients found — supply starting values (e.g. for a log-binomial model: the log of the overall rate and zero slopes)', { family: familyId });
    coef = next;
    const change = (devNew - devOld) / (Math.abs(devNew) + 0.1);
    // ε = 1e-14 is below what an n-term deviance sum resolves once n is large (at n = 10⁵ the
    // relative change wanders ±1e-13…1e-12 at the optimum, or cycles through the same values
    // ±1.2e-12, and the fit ran all maxit iterations and called itself unconverged): a step that
    // no longer lowers the deviance, by less than n·ε_mach (the summation's rounding bound;
    // 2.2e-11 at n = 10⁵), is at the rounding floor. Normal convergence lowers the deviance at
    // every step until the first test holds, so fits that converged before stop at the same
    // iteration (the twin's, Kolding's and the R fixtures' fits never reach this rule).
    if (Math.abs(change) < eps || (change >= 0 && change < stallFloor)) {
      converged = true;
      devOld = devNew;
      break;
    }
    devOld = devNew;
  }
  if (!converged) warnings.push(`IRLS did not converge in ${maxit} iterations (relative deviance change above ${eps})`);
  if (groups) {
    spread(gEta, groups.of, eta);
    spread(gMu, groups.of, mu);
  }
  if (binomial) {
    const extreme = Array.from(mu).filter((m) => m < 10 * EPS || m > 1 - 10 * EPS).length;
    if (extreme > 0) {
      const big = names.filter((_, j) => Math.abs(coef[j]) > 15);
      throw new StatsError('SEPARATION', `fitted probabilities of 0 or 1 for ${extreme} observation(s): the outcome is (quasi-)separated${big.length ? ` by ${big.join(', ')}` : ''}; estimates would diverge`, { columns: big });
    }
  } else if (familyId === 'poisson-log' || familyId === 'negbin-log') {
    // A fitted mean of 0 means every count in some cell is 0: the log-rate diverges to −∞ (R returns
    // a large negative coefficient with a huge SE); report it instead of a meaningless number.
    let zero = 0;
    for (let i = 0; i < n; i++) if (mu[i] < 10 * EPS) zero++;
    if (zero > 0) {
      const big = names.filter((_, j) => Math.abs(coef[j]) > 15);
      throw new StatsError('NOT_ESTIMABLE', `fitted mean of 0 for ${zero} observation(s): all counts are 0 in some group${big.length ? ` (${big.join(', ')})` : ''}; the rate ratio is not estimable`, { columns: big });
    }
  }
  qr ??= qrDecompose(X);
  const dfResidual = n - qr.rank;
  let dispersion = 1;
  if (!fam.fixedDispersion) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (prior[i] * (y[i] - mu[i]) ** 2) / fam.variance(mu[i]);
    dispersion = s / dfResidual;
  }
  const unscaled = qrUnscaledCovariance(qr);
  const vcov = { rows: p, cols: p, data: unscaled.data.map((v) => v * dispersion) };
  const useT = !fam.fixedDispersion;
  const q = useT ? studentT.quantile(1 - (1 - confLevel) / 2, dfResidual) : normal.quantile(1 - (1 - confLevel) / 2);
  const coefficients = names.map((name, j) => {
    const b = coef[j];
    if (Number.isNaN(b)) return { name, estimate: null, se: null, statistic: null, p: null, lower: null, upper: null };
    const se = Math.sqrt(vcov.data[j + j * p]);
    const stat = b / se;
    return { name, estimate: b, se, statistic: stat, p: tPValue(stat, useT ? dfResidual : Infinity), lower: b - q * se, upper: b + q * se };
  });
  // Null deviance: the intercept-only (plus offset) model, fitted by the same routine when needed.
  let nullDeviance: number | null = null;
  if (options.nullDeviance === false) nullDeviance = null;
  else if (names[0] === '(Intercept)' && p > 1) nullDeviance = glm({ rows: n, cols: 1, data: new Float64Array(n).fill(1) }, y, familyId, { offset, weights: prior, epsilon: eps, maxit, theta }).deviance;
  else nullDeviance = devOld;
  const fit: GlmFit = {
    family: familyId,
    options: { epsilon: eps, maxit, confLevel, theta: familyId === 'negbin-log' ? theta : null },
    coefficients, coef, vcov, deviance: devOld, nullDeviance, dfResidual, dispersion, iterations, converged,
    aliased: qrAliased(qr).map((j) => names[j]), mu, eta, warnings,
  };
  return { fit, groupMu: groups ? gMu : null };
}

/** The groups' representative rows: X (column-major, one row per group), y, offset and prior. */
function groupRows(groups: RowGroups, r: Rows): Rows {
  const G = groups.count;
  const X = new Float64Array(G * r.p);
  for (let j = 0; j < r.p; j++) for (let g = 0; g < G; g++) X[j * G + g] = r.X[j * r.n + groups.first[g]];
  return { n: G, p: r.p, X, y: perGroup(r.y, groups), offset: perGroup(r.offset, groups), prior: perGroup(r.prior, groups) };
}

/** devianceOf over the rows: its terms computed once per group, added in row order. */
function groupedDeviance(kernel: Kernel, gRows: Rows, gMu: Float64Array, groups: RowGroups, term: Float64Array): number {
  devianceTerms(kernel, gRows, gMu, term);
  return sumByRow(term, groups.of);
}
