/**
 * The corrected semi-normal equations as first written (src/stats/models/ols/ols-gram.ts before
 * its passes over X were fused): kept as the bit-for-bit reference for the faster version.
 */
import type { Matrix } from '../../../src/stats/linalg/matrix.ts';

/** Rows per block: a block of every column fits in L1/L2 while all its cross products are summed. */
const BLOCK = 256;
const COLLINEAR = 1e-4;

interface GramSolution {
  readonly coef: Float64Array;
  readonly fitted: Float64Array;
  /** R (p × p, upper, column-major) of XᵀX = RᵀR: the R of a QR of X up to the signs of its rows. */
  readonly r: Float64Array;
}

/** Σ_i a[i]·b[i] over rows [i0, i1) of two columns of `x`, with four partial sums. */
function blockDot(x: Float64Array, offA: number, offB: number, i0: number, i1: number): number {
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
  return (s0 + s1) + (s2 + s3);
}

/** Xᵀv over all rows, v given as a separate vector. */
function crossVector(x: Float64Array, n: number, p: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[off + i] * v[i];
      s1 += x[off + i + 1] * v[i + 1];
      s2 += x[off + i + 2] * v[i + 2];
      s3 += x[off + i + 3] * v[i + 3];
    }
    for (; i < n; i++) s0 += x[off + i] * v[i];
    out[j] = (s0 + s1) + (s2 + s3);
  }
  return out;
}

/** XᵀX (upper triangle, column-major p × p), summed block by block of rows. */
function gram(x: Float64Array, n: number, p: number): Float64Array {
  const g = new Float64Array(p * p);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let l = 0; l < p; l++) for (let j = 0; j <= l; j++) g[j + l * p] += blockDot(x, j * n, l * n, i0, i1);
  }
  return g;
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

/** Xb over all rows. */
function times(x: Float64Array, n: number, p: number, b: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    const bj = b[j];
    for (let i = 0; i < n; i++) out[i] += x[off + i] * bj;
  }
  return out;
}

export function olsGramReference(X: Matrix, y: ArrayLike<number>): GramSolution | null {
  const n = X.rows;
  const p = X.cols;
  const x = X.data;
  const g = gram(x, n, p);
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
  const coef = crossVector(x, n, p, y);
  solveNormal(r, p, coef);
  const fitted0 = times(x, n, p, coef);
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = y[i] - fitted0[i];
  const delta = crossVector(x, n, p, res);
  solveNormal(r, p, delta);
  for (let j = 0; j < p; j++) coef[j] += delta[j];
  return { coef, fitted: times(x, n, p, coef), r };
}
