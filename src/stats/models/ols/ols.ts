/**
 * Ordinary least squares through the Householder QR with R's limited pivoting (as `lm`):
 * coefficients, standard errors, t, p and t-based CIs, residual SE, R² and the covariance
 * matrix. Aliased (linearly dependent) columns are detected and named; their coefficients are
 * null (R prints NA) and every other quantity is still correct, or, with
 * `onRankDeficient: 'error'`, the fit is refused naming the columns.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { qrDecompose, qrQtyInPlace, qrQyInPlace, qrCoefFromQty, qrUnscaledCovariance, qrAliased, TALL_QR_CELLS, type QR } from '../../linalg/qr.ts';
import { olsGram, type GramSolution } from './ols-gram.ts';
import { StatsError, assertFinite } from '../../errors.ts';
import { refineLeastSquares } from '../../linalg/refine.ts';
import { scratch, Slot } from '../../linalg/scratch.ts';
import { studentT, tPValue } from '../../dist/continuous.ts';

export interface OlsOptions {
  readonly confLevel?: number;
  readonly onRankDeficient?: 'report' | 'error';
  /** QR pivoting tolerance (R's lm uses 1e-7). */
  readonly tol?: number;
  readonly columnNames?: readonly string[];
}

export interface Coefficient {
  readonly name: string;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly t: number | null;
  readonly p: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface OlsFit {
  readonly method: 'ols';
  readonly options: Required<Omit<OlsOptions, 'columnNames'>>;
  readonly n: number;
  readonly rank: number;
  readonly dfResidual: number;
  readonly columnNames: readonly string[];
  readonly coefficients: readonly Coefficient[];
  readonly aliased: readonly string[];
  readonly sigma: number;
  readonly rss: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** Coefficient vector with NaN for aliased columns (internal use by EMMs/tests). */
  readonly coef: Float64Array;
  /** σ²(XᵀX)⁻¹ with NaN rows/columns for aliased columns. */
  readonly vcov: Matrix;
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  readonly qr: QR;
}

/** max|r_kk| / min|r_kk| over the estimable columns: a lower bound on the condition number of X. */
export function conditionEstimate(qr: QR): number {
  let max = 0;
  let min = Infinity;
  for (let k = 0; k < qr.rank; k++) {
    const v = Math.abs(qr.qr.data[k + k * qr.qr.rows]);
    max = Math.max(max, v);
    min = Math.min(min, v);
  }
  return qr.rank === 0 ? Infinity : max / min;
}

// The last t quantile computed: the fits of one analysis share their confidence level and
// mostly their residual df, and the quantile (a beta-function inversion) was ~4 % of a
// 296 × 8 fit. A pure function's value, so the same bits.
let lastQuantile = { q: NaN, df: NaN, value: NaN };
function tQuantile(q: number, df: number): number {
  if (lastQuantile.q !== q || lastQuantile.df !== df) lastQuantile = { q, df, value: studentT.quantile(q, df) };
  return lastQuantile.value;
}

export function ols(X: Matrix, y: ArrayLike<number>, options: OlsOptions = {}): OlsFit {
  const confLevel = options.confLevel ?? 0.95;
  const tol = options.tol ?? 1e-7;
  const onRankDeficient = options.onRankDeficient ?? 'report';
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsError('INVALID_ARGUMENT', `confLevel must lie in (0, 1), got ${confLevel}`);
  const n = X.rows;
  const p = X.cols;
  if (y.length !== n) throw new StatsError('LENGTH_MISMATCH', `y has ${y.length} values but X has ${n} rows`);
  if (n === 0) throw new StatsError('EMPTY_INPUT', 'no observations to fit');
  let yMax = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) assertFinite(y, 'y'); // throws, naming the first non-finite value
    yMax = Math.max(yMax, Math.abs(v));
  }
  // `xSquaresFinite`: every column's sum of squares is finite — false for a value that is not
  // finite, and for finite values so large that the sums overflow (the QR or the normal equations
  // would then return NaN coefficients as if nothing were wrong).
  const checkInput = (xSquaresFinite: boolean): void => {
    if (!xSquaresFinite) {
      assertFinite(X.data, 'X'); // throws, naming the first non-finite value
      throw tooLarge(X, options.columnNames);
    }
    if (!Number.isFinite(yMax * yMax * n)) throw new StatsError('INVALID_ARGUMENT', `the outcome's largest magnitude is ${yMax}: too large for double precision sums of squares; rescale it (e.g. thousands instead of units)`, { largest: yMax });
    // Squares of such values underflow: sums of squares, R² and SEs would be meaningless.
    if (yMax > 0 && yMax < 1e-150) throw new StatsError('INVALID_ARGUMENT', `the outcome's largest magnitude is ${yMax}: too small for double precision sums of squares; rescale it`);
  };
  // Registry-sized, well-conditioned designs: the corrected semi-normal equations (ols-gram.ts);
  // the Householder QR is then built only if a caller asks for fit.qr. Their first pass checks X
  // (its column sums of squares are finite exactly when X is, barring overflow) before any solve.
  let gram: GramSolution | null = null;
  if (n * p > TALL_QR_CELLS && n >= 4 * p) gram = olsGram(X, y, checkInput);
  else checkInput(squaresFinite(X.data));
  const names = options.columnNames ?? defaultNames(p);
  let qrMemo: QR | null = null;
  const getQr = (): QR => (qrMemo ??= qrDecompose(X, tol));
  let rank: number;
  let aliased: string[];
  let coef: Float64Array;
  let fitted: Float64Array;
  let unscaled: Matrix;
  if (gram !== null) {
    rank = p;
    aliased = [];
    coef = gram.coef;
    fitted = gram.fitted;
    const pivot = Int32Array.from({ length: p }, (_, j) => j);
    unscaled = qrUnscaledCovariance({ qr: { rows: p, cols: p, data: gram.r }, v0: new Float64Array(p), beta: new Float64Array(p), pivot, rank: p, tol });
  } else {
    const qr = getQr();
    rank = qr.rank;
    aliased = qrAliased(qr).map((j) => names[j]);
    if (aliased.length > 0 && onRankDeficient === 'error') {
      throw new StatsError('RANK_DEFICIENT', `the model matrix is rank deficient: ${aliased.join(', ')} ${aliased.length === 1 ? 'is' : 'are'} a linear combination of other columns to within the pivoted QR's relative tolerance ${tol} — the columns are collinear, or too ill-conditioned to separate (e.g. high powers of one variable: centre or orthogonalise them)`, { aliased, tol });
    }
    if (n - rank <= 0) throw new StatsError('NOT_ESTIMABLE', `no residual degrees of freedom (n = ${n}, rank = ${rank})`, { n, rank });
    // Iterative refinement on the augmented system recovers digits lost to ill-conditioning
    // (NIST's Wampler sets). Trial-sized problems are always refined; very large ones only when the
    // spread of R's diagonal (a lower bound on the condition number) warns, keeping big fits fast.
    // Qᵀy once, for both the coefficients and the fitted values Q[Qᵀy₁; 0] (as qrFittedFromQty;
    // when the fit is refined, Q is applied to them alongside the refinement's first use of Q).
    const qty = qrQtyInPlace(qr, copyInto(scratch(Slot.Qty, n), y));
    const first = qrCoefFromQty(qr, qty);
    fitted = new Float64Array(n);
    for (let i = 0; i < rank; i++) fitted[i] = qty[i];
    if (n * p <= 2_000_000 || conditionEstimate(qr) > 1e3) {
      coef = refineLeastSquares(qr, X, y, first, 8, fitted);
    } else {
      coef = first;
      qrQyInPlace(qr, fitted);
    }
    unscaled = qrUnscaledCovariance(qr);
  }
  const df = n - rank;
  let residuals: Float64Array;
  let rss = 0;
  let mean = 0;
  if (gram !== null) {
    ({ residuals, rss, ySum: mean } = gram);
  } else {
    residuals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      residuals[i] = y[i] - fitted[i];
      rss += residuals[i] ** 2;
      mean += y[i];
    }
  }
  mean /= n;
  const hasIntercept = names[0] === '(Intercept)';
  let tss = 0;
  if (hasIntercept) for (let i = 0; i < n; i++) tss += (y[i] - mean) ** 2;
  else for (let i = 0; i < n; i++) tss += y[i] ** 2;
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = y[i] === y[0];
  if (constant && (hasIntercept || y[0] === 0)) throw new StatsError('CONSTANT_DATA', hasIntercept ? 'the outcome is constant: R² and every test are undefined' : 'the outcome is identically 0', { n });
  const sigma2 = rss / df;
  const vcov: Matrix = { rows: p, cols: p, data: new Float64Array(p * p) };
  for (let i = 0; i < p * p; i++) vcov.data[i] = unscaled.data[i] * sigma2;
  const tq = tQuantile(1 - (1 - confLevel) / 2, df);
  const coefficients: Coefficient[] = names.map((name, j) => {
    const b = coef[j];
    if (Number.isNaN(b)) return { name, estimate: null, se: null, t: null, p: null, lower: null, upper: null };
    const se = Math.sqrt(vcov.data[j + j * p]);
    // An exact fit (se = 0) with a coefficient of exactly 0 has no t statistic (0/0): null, not NaN.
    if (se === 0 && b === 0) return { name, estimate: b, se, t: null, p: null, lower: b, upper: b };
    const t = b / se;
    return { name, estimate: b, se, t, p: tPValue(t, df), lower: b - tq * se, upper: b + tq * se };
  });
  const dfModel = rank - (hasIntercept ? 1 : 0);
  const rSquared = 1 - rss / tss;
  const fit: OlsFit = {
    method: 'ols',
    options: { confLevel, onRankDeficient, tol },
    n,
    rank,
    dfResidual: df,
    columnNames: names,
    coefficients,
    aliased,
    sigma: Math.sqrt(sigma2),
    rss,
    rSquared,
    adjRSquared: dfModel > 0 ? 1 - (1 - rSquared) * ((n - (hasIntercept ? 1 : 0)) / df) : rSquared,
    coef,
    vcov,
    fitted,
    residuals,
    // The QR of X: a plain property when the fit used it (an accessor costs ~1 % of a small fit),
    // built on first use when the normal equations solved the fit.
    qr: qrMemo as unknown as QR,
  };
  return qrMemo !== null ? fit : Object.defineProperty(fit, 'qr', { get: getQr, enumerable: true });
}

/**
 * Whether the sum of squares of all values is finite, without a branch per value. It is NaN or ∞
 * when a value is not finite, and ∞ when finite values are too large to square and sum (|v| beyond
 * ≈ 1e154 / √n) — then no column's sums of squares, and so no QR, could be formed. A finite total
 * bounds every column's sum of squares, as the Gram path's finite diagonal does.
 */
function squaresFinite(x: Float64Array): boolean {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < x.length; i += 4) {
    s0 += x[i] * x[i];
    s1 += x[i + 1] * x[i + 1];
    s2 += x[i + 2] * x[i + 2];
    s3 += x[i + 3] * x[i + 3];
  }
  for (; i < x.length; i++) s0 += x[i] * x[i];
  return Number.isFinite(s0 + s1 + s2 + s3);
}

/** The error for finite values too large to square and sum: names the column holding the largest. */
function tooLarge(X: Matrix, names: readonly string[] | undefined): StatsError {
  let largest = 0;
  let column = 0;
  for (let j = 0; j < X.cols; j++) {
    for (let i = 0; i < X.rows; i++) {
      const v = Math.abs(X.data[i + j * X.rows]);
      if (v > largest) [largest, column] = [v, j];
    }
  }
  const name = names?.[column] ?? `x${column + 1}`;
  return new StatsError('INVALID_ARGUMENT', `the model matrix column ${name} holds values as large as ${largest}: too large for double precision sums of squares; rescale it (e.g. thousands instead of units)`, { column: name, largest });
}

function defaultNames(p: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < p; j++) out.push(`x${j + 1}`);
  return out;
}

function copyInto(out: Float64Array, y: ArrayLike<number>): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = y[i];
  return out;
}
