/**
 * Householder QR with R's limited column pivoting (LINPACK dqrdc2, as used by `lm`):
 * columns are taken in order, and a column whose norm, after removing its projection on the
 * columns already taken, falls below `tol` × its original norm is moved to the end. The result
 * states the rank and which columns were aliased, so a caller can name them instead of
 * returning silently wrong coefficients.
 */
import type { Matrix } from './matrix.ts';
import { StatsError } from '../errors.ts';

export interface QR {
  /** n × p working matrix: R on and above the diagonal, Householder vectors below. */
  readonly qr: Matrix;
  /** First element of each Householder vector. */
  readonly v0: Float64Array;
  /** 2 / ‖v‖² for each reflection (0 when the reflection is the identity). */
  readonly beta: Float64Array;
  /** pivot[k] = original index of the column now in position k. */
  readonly pivot: Int32Array;
  readonly rank: number;
  readonly tol: number;
}

export function qrDecompose(x: Matrix, tol = 1e-7): QR {
  const n = x.rows;
  const p = x.cols;
  const a = x.data.slice();
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) pivot[j] = j;
  const original = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i + j * n] ** 2;
    original[j] = Math.sqrt(s) || 1;
  }
  const v0 = new Float64Array(p);
  const beta = new Float64Array(p);
  let lup = p; // columns at positions ≥ lup are aliased
  const steps = Math.min(n, p);
  let k = 0;
  while (k < Math.min(lup, steps)) {
    let norm2 = 0;
    for (let i = k; i < n; i++) norm2 += a[i + k * n] ** 2;
    const norm = Math.sqrt(norm2);
    if (norm < tol * original[pivot[k]]) {
      // Rotate column k to the end; columns k+1…p-1 move one to the left.
      const col = a.slice(k * n, (k + 1) * n);
      a.copyWithin(k * n, (k + 1) * n, p * n);
      a.set(col, (p - 1) * n);
      const pk = pivot[k];
      pivot.copyWithin(k, k + 1, p);
      pivot[p - 1] = pk;
      lup--;
      continue;
    }
    const akk = a[k + k * n];
    const alpha = akk >= 0 ? -norm : norm;
    const first = akk - alpha;
    const vnorm2 = norm2 - akk * akk + first * first;
    const b = vnorm2 > 0 ? 2 / vnorm2 : 0;
    for (let j = k + 1; j < p; j++) {
      const off = j * n;
      let s = first * a[k + off];
      for (let i = k + 1; i < n; i++) s += a[i + k * n] * a[i + off];
      s *= b;
      a[k + off] -= s * first;
      for (let i = k + 1; i < n; i++) a[i + off] -= s * a[i + k * n];
    }
    a[k + k * n] = alpha;
    v0[k] = first;
    beta[k] = b;
    k++;
  }
  return { qr: { rows: n, cols: p, data: a }, v0, beta, pivot, rank: k, tol };
}

/** Applies Householder reflection k (H_k = I − β v vᵀ) to `out` in place. */
function reflect(qr: QR, k: number, out: Float64Array): void {
  const n = qr.qr.rows;
  const a = qr.qr.data;
  const b = qr.beta[k];
  if (b === 0) return;
  let s = qr.v0[k] * out[k];
  for (let i = k + 1; i < n; i++) s += a[i + k * n] * out[i];
  s *= b;
  out[k] -= s * qr.v0[k];
  for (let i = k + 1; i < n; i++) out[i] -= s * a[i + k * n];
}

/** Qᵀy (length n). */
export function qrQty(qr: QR, y: ArrayLike<number>): Float64Array {
  const n = qr.qr.rows;
  if (y.length !== n) throw new StatsError('LENGTH_MISMATCH', `y has ${y.length} values, the QR has ${n} rows`);
  const out = Float64Array.from(y);
  for (let k = 0; k < qr.rank; k++) reflect(qr, k, out);
  return out;
}

/** Qz (length n): applies the reflections in reverse order. */
export function qrQy(qr: QR, z: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(z);
  for (let k = qr.rank - 1; k >= 0; k--) reflect(qr, k, out);
  return out;
}

/**
 * Least-squares coefficients in the original column order; aliased columns get NaN
 * (callers must report them by name, never pass the NaN on).
 */
export function qrCoef(qr: QR, y: ArrayLike<number>): Float64Array {
  const n = qr.qr.rows;
  const r = qr.rank;
  const a = qr.qr.data;
  const qty = qrQty(qr, y);
  const b = new Float64Array(r);
  for (let k = r - 1; k >= 0; k--) {
    let s = qty[k];
    for (let j = k + 1; j < r; j++) s -= a[k + j * n] * b[j];
    b[k] = s / a[k + k * n];
  }
  const out = new Float64Array(qr.qr.cols).fill(Number.NaN);
  for (let k = 0; k < r; k++) out[qr.pivot[k]] = b[k];
  return out;
}

/** Fitted values Xb (length n) via Q: exact in the column space even with aliasing. */
export function qrFitted(qr: QR, y: ArrayLike<number>): Float64Array {
  const qty = qrQty(qr, y);
  for (let i = qr.rank; i < qty.length; i++) qty[i] = 0;
  return qrQy(qr, qty);
}

/**
 * (XᵀX)⁻¹ = R⁻¹R⁻ᵀ for the estimable columns, in the original column order;
 * rows/columns of aliased columns are NaN.
 */
export function qrUnscaledCovariance(qr: QR): Matrix {
  const n = qr.qr.rows;
  const p = qr.qr.cols;
  const r = qr.rank;
  const a = qr.qr.data;
  // Rinv: upper-triangular inverse of R[0:r, 0:r], column-major r × r.
  const rinv = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    rinv[j + j * r] = 1 / a[j + j * n];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += a[i + k * n] * rinv[k + j * r];
      rinv[i + j * r] = -s / a[i + i * n];
    }
  }
  const out = new Float64Array(p * p).fill(Number.NaN);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < r; k++) s += rinv[i + k * r] * rinv[j + k * r];
      const pi = qr.pivot[i];
      const pj = qr.pivot[j];
      out[pi + pj * p] = s;
      out[pj + pi * p] = s;
    }
  }
  return { rows: p, cols: p, data: out };
}

/** Original indices of the aliased (linearly dependent) columns. */
export function qrAliased(qr: QR): number[] {
  return Array.from(qr.pivot.subarray(qr.rank));
}
