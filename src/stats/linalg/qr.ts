/**
 * Householder QR with R's limited column pivoting (LINPACK dqrdc2, as used by `lm`):
 * columns are taken in order, and a column whose norm, after removing its projection on the
 * columns already taken, falls below `tol` × its original norm is moved to the end. The result
 * states the rank and which columns were aliased, so a caller can name them instead of
 * returning silently wrong coefficients.
 */
import type { Matrix } from './matrix.ts';
import { StatsError } from '../errors.ts';
import { qrDecomposeTall } from './qr-tall.ts';

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

/** Above this many cells (n·p) a tall matrix is decomposed by qr-tall.ts (same result up to the last bits, half the memory traffic). */
export const TALL_QR_CELLS = 2_000_000;

/**
 * out[j] = Σ_i a[i, j]² (one running sum per column, over i in order), four columns per pass:
 * a single sum waits on the previous addition every row, four side by side do not.
 */
function columnSquares(a: Float64Array, n: number, p: number, out: Float64Array): void {
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const o0 = j * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      s0 += a[o0 + i] ** 2;
      s1 += a[o1 + i] ** 2;
      s2 += a[o2 + i] ** 2;
      s3 += a[o3 + i] ** 2;
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < p; j++) {
    const o0 = j * n;
    let s0 = 0;
    for (let i = 0; i < n; i++) s0 += a[o0 + i] ** 2;
    out[j] = s0;
  }
}

export function qrDecompose(x: Matrix, tol = 1e-7): QR {
  return decompose(x, tol, x.data.slice());
}

/**
 * qrDecompose working in x's own storage (the same arithmetic, so the same bits): for a scratch
 * matrix the caller no longer needs (IRLS's weighted design), it saves a copy of n × p values —
 * at registry scale an allocation of tens of MB per iteration. x.data then holds the QR.
 */
export function qrDecomposeInPlace(x: Matrix, tol = 1e-7): QR {
  return decompose(x, tol, x.data);
}

function decompose(x: Matrix, tol: number, a: Float64Array): QR {
  const n = x.rows;
  const p = x.cols;
  if (n * p > TALL_QR_CELLS && n >= 4 * p) return qrDecomposeTall(x, tol, a);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) pivot[j] = j;
  const original = new Float64Array(p);
  columnSquares(a, n, p, original);
  let norm2 = original[0]; // Σ a[i, k]² over i ≥ k for the column at position k, when `haveNorm` (position 0's: the same sum)
  for (let j = 0; j < p; j++) original[j] = Math.sqrt(original[j]) || 1;
  const v0 = new Float64Array(p);
  const beta = new Float64Array(p);
  // dots[j]: reflection k's dot product v_kᵀa_j for each column j > k (before scaling by β), when `haveDots`.
  const dots = new Float64Array(p);
  let haveNorm = p > 0;
  let haveDots = false;
  let lup = p; // columns at positions ≥ lup are aliased
  const steps = Math.min(n, p);
  let k = 0;
  while (k < Math.min(lup, steps)) {
    const kn = k * n;
    if (!haveNorm) {
      norm2 = 0;
      for (let i = k; i < n; i++) norm2 += a[i + kn] ** 2;
    }
    const norm = Math.sqrt(norm2);
    if (norm < tol * original[pivot[k]]) {
      // Rotate column k to the end; columns k+1…p-1 move one to the left.
      const col = a.slice(kn, kn + n);
      a.copyWithin(kn, kn + n, p * n);
      a.set(col, (p - 1) * n);
      const pk = pivot[k];
      pivot.copyWithin(k, k + 1, p);
      pivot[p - 1] = pk;
      lup--;
      haveNorm = false;
      haveDots = false;
      continue;
    }
    const akk = a[k + kn];
    const alpha = akk >= 0 ? -norm : norm;
    const first = akk - alpha;
    const vnorm2 = norm2 - akk * akk + first * first;
    const b = vnorm2 > 0 ? 2 / vnorm2 : 0;
    if (!haveDots) {
      // Two columns per pass: each dot product is one chain of dependent additions (its time is
      // the adder's latency), so two independent chains side by side take little longer than one.
      let j = k + 1;
      for (; j + 1 < p; j += 2) {
        const off = j * n;
        const off1 = off + n;
        let s = first * a[k + off];
        let s1 = first * a[k + off1];
        for (let i = k + 1; i < n; i++) {
          const v = a[i + kn];
          s += v * a[i + off];
          s1 += v * a[i + off1];
        }
        dots[j] = s;
        dots[j + 1] = s1;
      }
      for (; j < p; j++) {
        const off = j * n;
        let s = first * a[k + off];
        for (let i = k + 1; i < n; i++) s += a[i + kn] * a[i + off];
        dots[j] = s;
      }
    }
    haveNorm = false;
    haveDots = false;
    const next = k + 1;
    let j = next;
    if (next < Math.min(lup, steps)) {
      // Look ahead: reflection k applied to column k + 1 gathers that column's norm for the next
      // step in the same pass (the sum runs over the same rows in the same order).
      const nn = next * n;
      const s = dots[next] * b;
      a[k + nn] -= s * first;
      let q = 0;
      for (let i = next; i < n; i++) {
        const u = a[i + nn] - s * a[i + kn];
        a[i + nn] = u;
        q += u ** 2;
      }
      norm2 = q;
      haveNorm = true;
      j = next + 1;
      const nextNorm = Math.sqrt(q);
      if (!(nextNorm < tol * original[pivot[next]])) {
        // Column k + 1 will be reflection k + 1: the update of each further column by reflection k
        // and its dot product with reflection k + 1 share a pass. The dot product starts with
        // row k + 1 (first′·a[k+1, j]) and adds rows k + 2, … in order, each after the update
        // has written it, as the next step's own pass would.
        const akk1 = a[next + nn];
        const first1 = akk1 - (akk1 >= 0 ? -nextNorm : nextNorm);
        for (; j + 1 < p; j += 2) {
          const off = j * n;
          const off1 = off + n;
          const s0 = dots[j] * b;
          const s1 = dots[j + 1] * b;
          a[k + off] -= s0 * first;
          a[k + off1] -= s1 * first;
          const w = a[next + kn];
          const u0 = a[next + off] - s0 * w;
          const u1 = a[next + off1] - s1 * w;
          a[next + off] = u0;
          a[next + off1] = u1;
          let t0 = first1 * u0;
          let t1 = first1 * u1;
          for (let i = next + 1; i < n; i++) {
            const v = a[i + kn];
            const vn = a[i + nn];
            const e0 = a[i + off] - s0 * v;
            const e1 = a[i + off1] - s1 * v;
            a[i + off] = e0;
            a[i + off1] = e1;
            t0 += vn * e0;
            t1 += vn * e1;
          }
          dots[j] = t0;
          dots[j + 1] = t1;
        }
        for (; j < p; j++) {
          const off = j * n;
          const s0 = dots[j] * b;
          a[k + off] -= s0 * first;
          const u0 = a[next + off] - s0 * a[next + kn];
          a[next + off] = u0;
          let t0 = first1 * u0;
          for (let i = next + 1; i < n; i++) {
            const e0 = a[i + off] - s0 * a[i + kn];
            a[i + off] = e0;
            t0 += a[i + nn] * e0;
          }
          dots[j] = t0;
        }
        haveDots = true;
      }
    }
    // Plain update of the remaining columns (no lookahead).
    for (; j + 1 < p; j += 2) {
      const off = j * n;
      const off1 = off + n;
      const s0 = dots[j] * b;
      const s1 = dots[j + 1] * b;
      a[k + off] -= s0 * first;
      a[k + off1] -= s1 * first;
      for (let i = k + 1; i < n; i++) {
        const v = a[i + kn];
        a[i + off] -= s0 * v;
        a[i + off1] -= s1 * v;
      }
    }
    for (; j < p; j++) {
      const off = j * n;
      const s0 = dots[j] * b;
      a[k + off] -= s0 * first;
      for (let i = k + 1; i < n; i++) a[i + off] -= s0 * a[i + kn];
    }
    a[k + kn] = alpha;
    v0[k] = first;
    beta[k] = b;
    k++;
  }
  return { qr: { rows: n, cols: p, data: a }, v0, beta, pivot, rank: k, tol };
}

/*
 * Householder reflection k (H_k = I − β v vᵀ, v = (v0[k], a[k+1.., k])) applied to `out`:
 * s = β·(v0·out[k] + Σ_{i>k} a[i,k]·out[i]), then out[k] −= s·v0 and out[i] −= s·a[i,k].
 * Applying them one after another makes two passes per reflection; below, the update of one
 * reflection and the dot product of the next share a pass (the dot product reads each element
 * after the update has written it, and adds in the same order), so the bits are those of
 * applying each reflection on its own.
 */

function copyOf(y: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n); // not Float64Array.from: its iterator protocol cost more than the reflections
  for (let i = 0; i < n; i++) out[i] = y[i];
  return out;
}

/** Qᵀy (length n): reflections 0, 1, …, rank − 1. */
export function qrQty(qr: QR, y: ArrayLike<number>): Float64Array {
  const n = qr.qr.rows;
  if (y.length !== n) throw new StatsError('LENGTH_MISMATCH', `y has ${y.length} values, the QR has ${n} rows`);
  return qrQtyInPlace(qr, copyOf(y, n));
}

/** Qᵀ applied to `out` (length n) in place; returns `out`. */
export function qrQtyInPlace(qr: QR, out: Float64Array): Float64Array {
  const n = qr.qr.rows;
  const a = qr.qr.data;
  const { v0, beta, rank } = qr;
  // s: reflection k's dot product (unscaled), computed by the previous pass when `have`.
  let s = 0;
  let have = false;
  for (let k = 0; k < rank; k++) {
    const kn = k * n;
    const b = beta[k];
    if (!have) {
      s = v0[k] * out[k];
      for (let i = k + 1; i < n; i++) s += a[i + kn] * out[i];
    }
    have = false;
    if (b === 0) continue;
    s *= b;
    out[k] -= s * v0[k];
    const next = k + 1;
    if (next < rank && beta[next] !== 0 && next < n) {
      const nn = next * n;
      out[next] -= s * a[next + kn];
      let t = v0[next] * out[next];
      for (let i = next + 1; i < n; i++) {
        const u = out[i] - s * a[i + kn];
        out[i] = u;
        t += a[i + nn] * u;
      }
      s = t;
      have = true;
    } else {
      for (let i = k + 1; i < n; i++) out[i] -= s * a[i + kn];
    }
  }
  return out;
}

/** Qz (length n): the reflections in reverse order, rank − 1, …, 0. */
export function qrQy(qr: QR, z: ArrayLike<number>): Float64Array {
  return qrQyInPlace(qr, copyOf(z, qr.qr.rows));
}

/** Q applied to `out` (length n) in place; returns `out`. */
export function qrQyInPlace(qr: QR, out: Float64Array): Float64Array {
  const n = qr.qr.rows;
  const a = qr.qr.data;
  const { v0, beta } = qr;
  let s = 0;
  let have = false;
  for (let k = qr.rank - 1; k >= 0; k--) {
    const kn = k * n;
    const b = beta[k];
    if (!have) {
      s = v0[k] * out[k];
      for (let i = k + 1; i < n; i++) s += a[i + kn] * out[i];
    }
    have = false;
    if (b === 0) continue;
    s *= b;
    out[k] -= s * v0[k];
    const prev = k - 1;
    if (prev >= 0 && beta[prev] !== 0) {
      // Reflection k − 1's dot product starts at element k − 1 (untouched by reflection k).
      const pn = prev * n;
      let t = v0[prev] * out[prev];
      t += a[k + pn] * out[k];
      for (let i = k + 1; i < n; i++) {
        const u = out[i] - s * a[i + kn];
        out[i] = u;
        t += a[i + pn] * u;
      }
      s = t;
      have = true;
    } else {
      for (let i = k + 1; i < n; i++) out[i] -= s * a[i + kn];
    }
  }
  return out;
}

/**
 * qrQyInPlace on two vectors at once: the same operations on each, in the same order, with one
 * pass over each reflection for both (and their two dot products side by side).
 */
export function qrQyInPlace2(qr: QR, out: Float64Array, out1: Float64Array): void {
  const n = qr.qr.rows;
  const a = qr.qr.data;
  const { v0, beta } = qr;
  let s = 0;
  let s1 = 0;
  let have = false;
  for (let k = qr.rank - 1; k >= 0; k--) {
    const kn = k * n;
    const b = beta[k];
    if (!have) {
      s = v0[k] * out[k];
      s1 = v0[k] * out1[k];
      for (let i = k + 1; i < n; i++) {
        const v = a[i + kn];
        s += v * out[i];
        s1 += v * out1[i];
      }
    }
    have = false;
    if (b === 0) continue;
    s *= b;
    s1 *= b;
    out[k] -= s * v0[k];
    out1[k] -= s1 * v0[k];
    const prev = k - 1;
    if (prev >= 0 && beta[prev] !== 0) {
      const pn = prev * n;
      let t = v0[prev] * out[prev];
      let t1 = v0[prev] * out1[prev];
      t += a[k + pn] * out[k];
      t1 += a[k + pn] * out1[k];
      for (let i = k + 1; i < n; i++) {
        const v = a[i + kn];
        const w = a[i + pn];
        const u = out[i] - s * v;
        const u1 = out1[i] - s1 * v;
        out[i] = u;
        out1[i] = u1;
        t += w * u;
        t1 += w * u1;
      }
      s = t;
      s1 = t1;
      have = true;
    } else {
      for (let i = k + 1; i < n; i++) {
        const v = a[i + kn];
        out[i] -= s * v;
        out1[i] -= s1 * v;
      }
    }
  }
}

/**
 * Least-squares coefficients in the original column order; aliased columns get NaN
 * (callers must report them by name, never pass the NaN on).
 */
export function qrCoef(qr: QR, y: ArrayLike<number>): Float64Array {
  return qrCoefFromQty(qr, qrQty(qr, y));
}

/** qrCoef from Qᵀy computed once (qrQty) and shared with qrFittedFromQty. */
export function qrCoefFromQty(qr: QR, qty: Float64Array): Float64Array {
  const n = qr.qr.rows;
  const r = qr.rank;
  const a = qr.qr.data;
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
  return qrFittedFromQty(qr, qrQty(qr, y));
}

/** qrFitted from Qᵀy computed once (qrQty); `qty` is not changed. */
export function qrFittedFromQty(qr: QR, qty: Float64Array): Float64Array {
  const z = new Float64Array(qty.length); // zero beyond the rank
  for (let i = 0; i < qr.rank; i++) z[i] = qty[i];
  return qrQyInPlace(qr, z);
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
  const out: number[] = [];
  for (let t = qr.rank; t < qr.pivot.length; t++) out.push(qr.pivot[t]);
  return out;
}
