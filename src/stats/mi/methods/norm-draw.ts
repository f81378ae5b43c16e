/**
 * One draw of (β, σ) from the posterior of a normal linear regression under the standard
 * non-informative prior (Rubin 1987, p. 167; van Buuren, FIMD 2nd ed., Algorithm 3.1; mice's
 * `.norm.draw` with least squares by QR):
 *   σ̂² residual mean square with ν = n_obs − rank, σ*² = ν σ̂² / g with g ~ χ²_ν,
 *   β* = β̂ + σ* L z, z ~ N(0, I), LLᵀ = (XᵀX)⁻¹.
 * Computed by the normal equations when XᵀX is comfortably positive definite, else through the
 * pivoted QR, where aliased columns (constant or collinear predictors) get coefficient 0 and are
 * not drawn — as mice, which removes linearly dependent predictors before the draw.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { qrDecompose, qrCoef, qrUnscaledCovariance } from '../../linalg/qr.ts';
import { cholesky, choleskySolve, solveLowerTranspose, tryCholesky } from '../../linalg/cholesky.ts';
import { zeros } from '../../linalg/matrix.ts';
import type { Rng } from '../../random/rng.ts';

export interface NormDraw {
  /** Least-squares estimate β̂ (0 for aliased columns). */
  readonly coef: Float64Array;
  /** Posterior draw β*. */
  readonly beta: Float64Array;
  /** Posterior draw σ*. */
  readonly sigma: number;
  /** Xβ̂ for the rows of x. */
  readonly fitted: Float64Array;
}

/**
 * The draw by the normal equations: XᵀX = LLᵀ, β̂ = (XᵀX)⁻¹Xᵀy, β* = β̂ + σ* L⁻ᵀz (whose
 * covariance is σ*²(XᵀX)⁻¹). Four times cheaper than the QR for the narrow designs of
 * imputation models, and precise enough for a random draw; null when a Cholesky pivot falls below
 * 1e-9 of its diagonal element (collinear or constant predictors), and the QR path handles it.
 */
function normDrawCholesky(x: Matrix, y: Float64Array, rng: Rng, gram?: GramCache): NormDraw | null {
  const n = x.rows;
  const p = x.cols;
  const d = x.data;
  const xtx = zeros(p, p);
  const xty = new Float64Array(p);
  // Entries among columns that have not changed since the cache was filled are copied: each entry
  // is its own sum, so it has the same bits whichever of them are computed in one pass.
  const known = gram && gram.xtx && gram.xty ? gram : null;
  const need = new Int32Array(p);
  // XᵀX (lower triangle: all the factorisation reads) and Xᵀy. Each sum runs over i in order
  // from 0 (so the same bits as one sum at a time), but up to four sums share a pass over column
  // j: one running sum waits on the adder for every row; four independent ones do not.
  for (let j = 0; j < p; j++) {
    const oj = j * n;
    if (known && !known.varying[j]) xty[j] = known.xty![j];
    else {
      let s = 0;
      for (let i = 0; i < n; i++) s += d[oj + i] * y[i];
      xty[j] = s;
    }
    let count = 0;
    for (let k = 0; k <= j; k++) {
      if (known && !known.varying[j] && !known.varying[k]) xtx.data[j + k * p] = known.xtx![j + k * p];
      else need[count++] = k;
    }
    let c = 0;
    for (; c + 4 <= count; c += 4) {
      const o0 = need[c] * n;
      const o1 = need[c + 1] * n;
      const o2 = need[c + 2] * n;
      const o3 = need[c + 3] * n;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = 0; i < n; i++) {
        const v = d[oj + i];
        t0 += v * d[o0 + i];
        t1 += v * d[o1 + i];
        t2 += v * d[o2 + i];
        t3 += v * d[o3 + i];
      }
      xtx.data[j + need[c] * p] = t0;
      xtx.data[j + need[c + 1] * p] = t1;
      xtx.data[j + need[c + 2] * p] = t2;
      xtx.data[j + need[c + 3] * p] = t3;
    }
    for (; c < count; c++) {
      const ok = need[c] * n;
      let t = 0;
      for (let i = 0; i < n; i++) t += d[oj + i] * d[ok + i];
      xtx.data[j + need[c] * p] = t;
    }
  }
  if (gram && !known) {
    gram.xtx = xtx.data.slice();
    gram.xty = xty.slice();
  }
  const l = tryCholesky(xtx, 1e-9);
  if (!l) return null;
  const coef = choleskySolve(l, xty);
  const fitted = fittedValues(x, coef);
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - fitted[i]) ** 2;
  const sigma = Math.sqrt(rss / rng.chisq(Math.max(n - p, 1)));
  const z = new Float64Array(p);
  for (let j = 0; j < p; j++) z[j] = rng.normal();
  const w = solveLowerTranspose(l, z);
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) beta[j] = coef[j] + sigma * w[j];
  return { coef, beta, sigma, fitted };
}

/**
 * What a caller that draws again and again for the same rows (an FCS chain: one column's
 * regression at every iteration) lets the draw keep: XᵀX and Xᵀy among the columns of x that do
 * not change between calls (`varying[j]` = 0; y must not change either). Filled by the first call.
 */
export interface GramCache {
  readonly varying: Uint8Array;
  xtx: Float64Array | null;
  xty: Float64Array | null;
}

/**
 * The GramCache of x's unchanging columns, filled before any draw (entries with a changing column
 * are left 0: every draw computes them). An FCS run's chains share the unchanging columns of a
 * column's design, so one filling serves them all and their first draws skip those sums. Each
 * entry is the same sum, in the same order from i = 0, as the draw's own, so the same bits.
 */
export function unchangingGram(x: Matrix, y: Float64Array, varying: Uint8Array): GramCache {
  const n = x.rows;
  const p = x.cols;
  const d = x.data;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (varying[j]) continue;
    const oj = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += d[oj + i] * y[i];
    xty[j] = s;
    for (let k = 0; k <= j; k++) {
      if (varying[k]) continue;
      const ok = k * n;
      let t = 0;
      for (let i = 0; i < n; i++) t += d[oj + i] * d[ok + i];
      xtx[j + k * p] = t;
    }
  }
  return { varying, xtx, xty };
}

export function normDraw(x: Matrix, y: Float64Array, rng: Rng, gram?: GramCache): NormDraw {
  return normDrawCholesky(x, y, rng, gram) ?? normDrawQr(x, y, rng);
}

/**
 * Xb row by row as Σ_j x_ij b_j summed in j order from 0 — the bits of a per-row loop, computed a
 * column at a time (contiguous in the column-major data).
 */
function fittedValues(x: Matrix, b: Float64Array): Float64Array {
  const n = x.rows;
  const out = new Float64Array(n);
  for (let j = 0; j < x.cols; j++) {
    const bj = b[j];
    const off = j * n;
    for (let i = 0; i < n; i++) out[i] += x.data[off + i] * bj;
  }
  return out;
}

/** The draw through the pivoted QR, dropping aliased columns (see the file comment). */
export function normDrawQr(x: Matrix, y: Float64Array, rng: Rng): NormDraw {
  const n = x.rows;
  const p = x.cols;
  const qr = qrDecompose(x);
  const raw = qrCoef(qr, y);
  const coef = Float64Array.from(raw, (b) => (Number.isNaN(b) ? 0 : b));
  const fitted = fittedValues(x, coef);
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - fitted[i]) ** 2;
  const df = Math.max(n - qr.rank, 1);
  const sigma = Math.sqrt(rss / rng.chisq(df));
  // Cholesky of (XᵀX)⁻¹ over the estimable columns only.
  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (!Number.isNaN(raw[j])) keep.push(j);
  const v = qrUnscaledCovariance(qr);
  const r = keep.length;
  const sub = { rows: r, cols: r, data: new Float64Array(r * r) };
  for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) sub.data[a + b * r] = v.data[keep[a] + keep[b] * p];
  const l = cholesky(sub);
  const z = new Float64Array(r);
  for (let a = 0; a < r; a++) z[a] = rng.normal();
  const beta = coef.slice();
  for (let a = 0; a < r; a++) {
    let s = 0;
    for (let b = 0; b <= a; b++) s += l.data[a + b * r] * z[b];
    beta[keep[a]] += s * sigma;
  }
  return { coef, beta, sigma, fitted };
}

/** Xb for every row of x. */
export function linearPredictor(x: Matrix, b: Float64Array): Float64Array {
  const n = x.rows;
  const out = new Float64Array(n);
  for (let j = 0; j < x.cols; j++) {
    const bj = b[j];
    if (bj === 0) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) out[i] += x.data[off + i] * bj;
  }
  return out;
}
