/**
 * Cholesky factorisation A = LLᵀ of a symmetric positive-definite matrix and the solves and
 * inverses built on it (covariance matrices in GLS/MMRM, Bayesian regression draws in MI).
 */
import type { Matrix } from './matrix.ts';
import { zeros } from './matrix.ts';
import { StatsError } from '../errors.ts';

/**
 * The factorisation, reading only A's lower triangle; stops at the first pivot that is not above
 * relTol × its diagonal element (0: not positive) and says which.
 */
function factor(a: Matrix, relTol: number): { l: Matrix; failed: null } | { l: null; failed: { pivot: number; value: number } } {
  const n = a.rows;
  if (a.cols !== n) throw new StatsError('INVALID_ARGUMENT', `cholesky needs a square matrix, got ${a.rows}×${a.cols}`);
  const l = zeros(n, n);
  const L = l.data;
  const A = a.data;
  for (let j = 0; j < n; j++) {
    let d = A[j + j * n];
    for (let k = 0; k < j; k++) d -= L[j + k * n] ** 2;
    if (!(d > 0) || (relTol > 0 && !(d > relTol * A[j + j * n]))) return { l: null, failed: { pivot: j, value: d } };
    const ljj = Math.sqrt(d);
    L[j + j * n] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i + j * n];
      for (let k = 0; k < j; k++) s -= L[i + k * n] * L[j + k * n];
      L[i + j * n] = s / ljj;
    }
  }
  return { l, failed: null };
}

/** Lower-triangular L (column-major, zeros above the diagonal). Throws NOT_POSITIVE_DEFINITE. */
export function cholesky(a: Matrix): Matrix {
  const r = factor(a, 0);
  if (r.failed) {
    const { pivot, value } = r.failed;
    throw new StatsError('NOT_POSITIVE_DEFINITE', `matrix is not positive definite (pivot ${pivot} is ${value})`, { pivot, value });
  }
  return r.l;
}

/**
 * L, or null when a pivot falls to relTol of its diagonal element or below: for callers with a
 * fallback for (nearly) collinear columns, such as the MI regression draw.
 */
export function tryCholesky(a: Matrix, relTol: number): Matrix | null {
  return factor(a, relTol).l;
}

/** Solves Lx = b (forward substitution). */
export function solveLower(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l.data[i + k * n] * x[k];
    x[i] = s / l.data[i + i * n];
  }
  return x;
}

/** Solves Lᵀx = b (back substitution with the transpose of a lower factor). */
export function solveLowerTranspose(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const x = Float64Array.from(b);
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l.data[k + i * n] * x[k];
    x[i] = s / l.data[i + i * n];
  }
  return x;
}

/** Solves Ax = b given L from cholesky(A). */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): Float64Array {
  return solveLowerTranspose(l, solveLower(l, b));
}

/** A⁻¹ given L from cholesky(A). */
export function choleskyInverse(l: Matrix): Matrix {
  const n = l.rows;
  const out = zeros(n, n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    out.data.set(choleskySolve(l, e), j * n);
  }
  // Symmetrise against rounding.
  for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) {
    const v = (out.data[i + j * n] + out.data[j + i * n]) / 2;
    out.data[i + j * n] = v;
    out.data[j + i * n] = v;
  }
  return out;
}

/** log det A given L from cholesky(A). */
export function choleskyLogDet(l: Matrix): number {
  let s = 0;
  for (let i = 0; i < l.rows; i++) s += Math.log(l.data[i + i * l.rows]);
  return 2 * s;
}

/** Inverse of a symmetric positive-definite matrix. */
export function inverseSPD(a: Matrix): Matrix {
  return choleskyInverse(cholesky(a));
}
