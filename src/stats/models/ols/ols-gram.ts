/**
 * Least squares for very tall, well-conditioned designs (registry-sized data: a million rows)
 * by the corrected semi-normal equations (Björck 1987; Björck 1996, §2.8.4): XᵀX = RᵀR by
 * Cholesky, b₀ = R⁻¹R⁻ᵀXᵀy, then one correction b = b₀ + R⁻¹R⁻ᵀXᵀ(y − Xb₀). For κ(X) well
 * below 1/√ε one correction gives the accuracy of a Householder QR solution, and the work is
 * three passes over X in cache-sized blocks of rows — XᵀX with Xᵀy, the correction Xᵀ(y − Xb₀),
 * the fitted values with the residuals — about a third of Householder's flops and memory traffic.
 * Each sum keeps the terms and order it had when every product was a pass of its own (a test
 * checks the bits against that version), and the first pass's column sums of squares let ols
 * check X for non-finite values without another pass.
 *
 * It declines (returns null, and ols falls back to the Householder QR with R's pivoting and
 * iterative refinement) whenever that accuracy is not assured: a column whose part not
 * explained by the earlier columns is below 10⁻⁴ of its norm. That bounds the condition number
 * of the column-scaled X (which is what Cholesky's accuracy depends on) far below 1/√ε, and
 * keeps clear of R's aliasing test at 10⁻⁷, which the normal equations cannot resolve.
 */
import type { Matrix } from '../../linalg/matrix.ts';

/** Rows per block: a block of every column fits in L1/L2 while all its cross products are summed. */
const BLOCK = 256;
const COLLINEAR = 1e-4;

export interface GramSolution {
  readonly coef: Float64Array;
  readonly fitted: Float64Array;
  /** y − fitted, Σ residuals² and Σ y, each summed over the rows in order (as ols does for the QR path). */
  readonly residuals: Float64Array;
  readonly rss: number;
  readonly ySum: number;
  /** R (p × p, upper, column-major) of XᵀX = RᵀR: the R of a QR of X up to the signs of its rows. */
  readonly r: Float64Array;
}

/**
 * XᵀX (upper triangle, column-major p × p) and Xᵀy, one pass over X in blocks of rows.
 *
 * XᵀX: each entry is a sum over blocks of rows, in order, of the block's dot product taken with
 * four partial sums ((s0 + s1) + (s2 + s3)). Xᵀy: one dot product per column over all rows with
 * four partial sums (rows i ≡ 0, 1, 2, 3 mod 4; a tail of n mod 4 rows goes to the first) kept
 * across blocks, combined at the end. Blocks start at multiples of 4, so each sum sees the same
 * terms in the same order as a pass of its own would; here the rows of a block are read from
 * cache by all of them, and three entries of XᵀX are formed per pass over the block.
 */
function gramAndCross(x: Float64Array, n: number, p: number, y: ArrayLike<number>, g: Float64Array, xty: Float64Array): void {
  const part = new Float64Array(4 * p);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let l = 0; l < p; l++) {
      const offB = l * n;
      let j = 0;
      // Three entries per pass over the block: column l's rows are read once for all three.
      for (; j + 2 <= l; j += 3) {
        const offA = j * n;
        const offC = offA + n;
        const offD = offC + n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        let u0 = 0;
        let u1 = 0;
        let u2 = 0;
        let u3 = 0;
        let i = i0;
        for (; i + 3 < i1; i += 4) {
          const b0 = x[offB + i];
          const b1 = x[offB + i + 1];
          const b2 = x[offB + i + 2];
          const b3 = x[offB + i + 3];
          s0 += x[offA + i] * b0;
          s1 += x[offA + i + 1] * b1;
          s2 += x[offA + i + 2] * b2;
          s3 += x[offA + i + 3] * b3;
          t0 += x[offC + i] * b0;
          t1 += x[offC + i + 1] * b1;
          t2 += x[offC + i + 2] * b2;
          t3 += x[offC + i + 3] * b3;
          u0 += x[offD + i] * b0;
          u1 += x[offD + i + 1] * b1;
          u2 += x[offD + i + 2] * b2;
          u3 += x[offD + i + 3] * b3;
        }
        for (; i < i1; i++) {
          s0 += x[offA + i] * x[offB + i];
          t0 += x[offC + i] * x[offB + i];
          u0 += x[offD + i] * x[offB + i];
        }
        g[j + l * p] += (s0 + s1) + (s2 + s3);
        g[j + 1 + l * p] += (t0 + t1) + (t2 + t3);
        g[j + 2 + l * p] += (u0 + u1) + (u2 + u3);
      }
      for (; j <= l; j++) {
        const offA = j * n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let i = i0;
        for (; i + 3 < i1; i += 4) {
          s0 += x[offA + i] * x[offB + i];
          s1 += x[offA + i + 1] * x[offB + i + 1];
          s2 += x[offA + i + 2] * x[offB + i + 2];
          s3 += x[offA + i + 3] * x[offB + i + 3];
        }
        for (; i < i1; i++) s0 += x[offA + i] * x[offB + i];
        g[j + l * p] += (s0 + s1) + (s2 + s3);
      }
    }
    crossBlock(x, n, p, y, 0, i0, i1, part);
  }
  for (let j = 0; j < p; j++) xty[j] = (part[4 * j] + part[4 * j + 1]) + (part[4 * j + 2] + part[4 * j + 3]);
}

/** Rows [i0, i1) of Xᵀv into the four partial sums per column in `part` (see gramAndCross); row i's value is v[i − vOff]. */
function crossBlock(x: Float64Array, n: number, p: number, v: ArrayLike<number>, vOff: number, i0: number, i1: number, part: Float64Array): void {
  for (let j = 0; j < p; j++) {
    const off = j * n;
    let s0 = part[4 * j];
    let s1 = part[4 * j + 1];
    let s2 = part[4 * j + 2];
    let s3 = part[4 * j + 3];
    let i = i0;
    for (; i + 3 < i1; i += 4) {
      const at = i - vOff;
      s0 += x[off + i] * v[at];
      s1 += x[off + i + 1] * v[at + 1];
      s2 += x[off + i + 2] * v[at + 2];
      s3 += x[off + i + 3] * v[at + 3];
    }
    for (; i < i1; i++) s0 += x[off + i] * v[i - vOff];
    part[4 * j] = s0;
    part[4 * j + 1] = s1;
    part[4 * j + 2] = s2;
    part[4 * j + 3] = s3;
  }
}

/** Solves RᵀR z = v in place (R upper, column-major p × p). */
function solveNormal(r: Float64Array, p: number, v: Float64Array): void {
  for (let t = 0; t < p; t++) {
    let s = v[t];
    for (let u = 0; u < t; u++) s -= r[u + t * p] * v[u];
    v[t] = s / r[t + t * p];
  }
  for (let t = p - 1; t >= 0; t--) {
    let s = v[t];
    for (let u = t + 1; u < p; u++) s -= r[t + u * p] * v[u];
    v[t] = s / r[t + t * p];
  }
}

/**
 * Rows [i0, i1) of X b into out[i − i0]: 0, then + X[i, j]·b_j over the columns in order (as a
 * column-at-a-time pass adds them), a row at a time with its sum in a register.
 */
function timesBlock(x: Float64Array, n: number, p: number, b: Float64Array, i0: number, i1: number, out: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[i + j * n] * b[j];
    out[i - i0] = s;
  }
}

/**
 * Xᵀ(y − X b) (as a pass of its own over X b, then the residuals, then Xᵀ of them), block by
 * block of rows: the fitted values and residuals of a block are used while in cache and never stored whole.
 */
function crossResiduals(x: Float64Array, n: number, p: number, y: ArrayLike<number>, b: Float64Array): Float64Array {
  const part = new Float64Array(4 * p);
  const w = new Float64Array(BLOCK);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    timesBlock(x, n, p, b, i0, i1, w);
    for (let i = i0; i < i1; i++) w[i - i0] = y[i] - w[i - i0];
    crossBlock(x, n, p, w, i0, i0, i1, part);
  }
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) out[j] = (part[4 * j] + part[4 * j + 1]) + (part[4 * j + 2] + part[4 * j + 3]);
  return out;
}

/**
 * The fitted values X b (each row's sum as in a column-at-a-time pass) and, while a block of them
 * is in cache, the residuals with Σ residuals² and Σ y over the rows in order.
 */
function fittedAndResiduals(x: Float64Array, n: number, p: number, y: ArrayLike<number>, b: Float64Array): Pick<GramSolution, 'fitted' | 'residuals' | 'rss' | 'ySum'> {
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const w = new Float64Array(BLOCK);
  let rss = 0;
  let ySum = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    timesBlock(x, n, p, b, i0, i1, w);
    for (let i = i0; i < i1; i++) {
      fitted[i] = w[i - i0];
      const e = y[i] - fitted[i];
      residuals[i] = e;
      rss += e ** 2;
      ySum += y[i];
    }
  }
  return { fitted, residuals, rss, ySum };
}

/**
 * `afterFirstPass`, when given, is called once XᵀX is summed, with whether its diagonal (each
 * column's sum of squares) is finite — which it is exactly when every value of X is finite, unless
 * a sum overflows — so the caller can check X without a pass of its own (and raise its input
 * errors in their usual order) before anything is solved.
 */
export function olsGram(X: Matrix, y: ArrayLike<number>, afterFirstPass?: (finiteDiagonal: boolean) => void): GramSolution | null {
  const n = X.rows;
  const p = X.cols;
  const x = X.data;
  const g = new Float64Array(p * p);
  const coef = new Float64Array(p);
  gramAndCross(x, n, p, y, g, coef);
  if (afterFirstPass !== undefined) {
    let finite = true;
    for (let k = 0; k < p; k++) finite &&= Number.isFinite(g[k + k * p]);
    afterFirstPass(finite);
  }
  // Cholesky, column by column in the design's order (R's pivoting never moves a column of a full-rank design).
  const r = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const norm2 = g[k + k * p];
    for (let i = 0; i < k; i++) {
      let s = g[i + k * p];
      for (let u = 0; u < i; u++) s -= r[u + i * p] * r[u + k * p];
      r[i + k * p] = s / r[i + i * p];
    }
    let d = norm2;
    for (let u = 0; u < k; u++) d -= r[u + k * p] ** 2;
    if (!(norm2 > 0) || !(d > (COLLINEAR ** 2) * norm2)) return null;
    r[k + k * p] = Math.sqrt(d);
  }
  solveNormal(r, p, coef);
  const delta = crossResiduals(x, n, p, y, coef);
  solveNormal(r, p, delta);
  for (let j = 0; j < p; j++) coef[j] += delta[j];
  return { coef, r, ...fittedAndResiduals(x, n, p, y, coef) };
}
