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
  const fixed = (j: number) => known !== null && !known.varying[j];
  const done = new Uint8Array(p * p);
  for (let j = 0; j < p; j++) {
    if (fixed(j)) xty[j] = known!.xty![j];
    for (let k = 0; k <= j; k++) {
      if (fixed(j) && fixed(k)) {
        xtx.data[j + k * p] = known!.xtx![j + k * p];
        done[j + k * p] = 1;
      }
    }
  }
  // The other sums (XᵀX's lower triangle — all the factorisation reads — and Xᵀy), grouped by
  // an anchor column a: one pass over the rows reads a once and runs up to six sums a·b (b a
  // column of x or y). Changing columns anchor first, so with a cache every pass is one of
  // theirs. Each sum still runs over i in order from 0 (the same bits as one sum at a time); six
  // independent sums also keep the adder busy where one running sum would wait on it.
  const partners: Float64Array[] = [];
  const offsets: number[] = [];
  const targets: number[] = [];
  const anchors = [...Array(p).keys()].sort((u, v) => Number(fixed(u)) - Number(fixed(v)) || u - v);
  const sums = new Float64Array(GROUP);
  for (const a of anchors) {
    partners.length = 0;
    offsets.length = 0;
    targets.length = 0;
    if (!fixed(a)) {
      partners.push(y);
      offsets.push(0);
      targets.push(-1);
    }
    for (let b = 0; b < p; b++) {
      const e = a >= b ? a + b * p : b + a * p;
      if (done[e]) continue;
      done[e] = 1;
      partners.push(d);
      offsets.push(b * n);
      targets.push(e);
    }
    for (let c = 0; c < partners.length; c += GROUP) {
      // Unused slots read the anchor itself (no extra memory traffic); their sums are dropped.
      const slot = (s: number) => (c + s < partners.length ? c + s : -1);
      const off = (s: number) => (slot(s) >= 0 ? offsets[slot(s)] : a * n);
      // Only the first partner can be y; the others are columns of x (see dots6).
      if (partners[c] === y) dots6y(n, d, a * n, y, off(1), off(2), off(3), off(4), off(5), sums);
      else dots6(n, d, a * n, off(0), off(1), off(2), off(3), off(4), off(5), sums);
      for (let s = 0; s < GROUP && c + s < partners.length; s++) {
        const e = targets[c + s];
        if (e < 0) xty[a] = sums[s];
        else xtx.data[e] = sums[s];
      }
    }
  }
  if (gram && !known) {
    gram.xtx = xtx.data.slice();
    gram.xty = xty.slice();
  }
  const l = tryCholesky(xtx, 1e-9);
  if (!l) return null;
  const coef = choleskySolve(l, xty);
  const fitted = new Float64Array(n);
  const rss = fittedValuesInto(x, coef, fitted, y);
  const sigma = Math.sqrt(rss / rng.chisq(Math.max(n - p, 1)));
  const z = new Float64Array(p);
  for (let j = 0; j < p; j++) z[j] = rng.normal();
  const w = solveLowerTranspose(l, z);
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) beta[j] = coef[j] + sigma * w[j];
  return { coef, beta, sigma, fitted };
}

/** Sums per pass of dots6. */
const GROUP = 6;

/**
 * out[s] = Σ_i d[oa + i]·d[o_s + i] for s = 0…5, each summed over i in order from 0: six
 * independent running sums over one pass of the anchor column. Every operand is a column of the
 * same array: with one array per operand (as this took before) the compiled loop carried a base
 * and a bound per operand, and ran ≈ 1.8× slower (4 passes over 78,212 rows: 3.0–3.6 ms against
 * 1.5–2.0 ms).
 */
function dots6(n: number, d: Float64Array, oa: number, o0: number, o1: number, o2: number, o3: number, o4: number, o5: number, out: Float64Array): void {
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  let t5 = 0;
  for (let i = 0; i < n; i++) {
    const v = d[oa + i];
    t0 += v * d[o0 + i];
    t1 += v * d[o1 + i];
    t2 += v * d[o2 + i];
    t3 += v * d[o3 + i];
    t4 += v * d[o4 + i];
    t5 += v * d[o5 + i];
  }
  out[0] = t0;
  out[1] = t1;
  out[2] = t2;
  out[3] = t3;
  out[4] = t4;
  out[5] = t5;
}

/** dots6 with y as the first partner: out[0] = Σ_i d[oa + i]·y[i]. */
function dots6y(n: number, d: Float64Array, oa: number, y: Float64Array, o1: number, o2: number, o3: number, o4: number, o5: number, out: Float64Array): void {
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  let t5 = 0;
  for (let i = 0; i < n; i++) {
    const v = d[oa + i];
    t0 += v * y[i];
    t1 += v * d[o1 + i];
    t2 += v * d[o2 + i];
    t3 += v * d[o3 + i];
    t4 += v * d[o4 + i];
    t5 += v * d[o5 + i];
  }
  out[0] = t0;
  out[1] = t1;
  out[2] = t2;
  out[3] = t3;
  out[4] = t4;
  out[5] = t5;
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
  const out = new Float64Array(x.rows);
  fittedValuesInto(x, b, out);
  return out;
}

/**
 * fittedValues into out (zeros), in blocks of rows so that the block of sums stays in the
 * first-level cache while the columns stream past (one pass over out per column was most of the
 * traffic). With y, also returns Σ (y_i − fitted_i)² summed over i in order from 0, each block
 * as soon as its fitted values are complete.
 */
function fittedValuesInto(x: Matrix, b: Float64Array, out: Float64Array, y?: Float64Array, skipZero = false): number {
  const n = x.rows;
  const d = x.data;
  const cols: number[] = [];
  for (let j = 0; j < x.cols; j++) if (!(skipZero && b[j] === 0)) cols.push(j);
  let rss = 0;
  for (let i0 = 0; i0 < n; i0 += ROW_BLOCK) {
    const i1 = Math.min(n, i0 + ROW_BLOCK);
    // Up to four columns per pass, each row's sum kept in a register: out[i] + x_i0·b0 + x_i1·b1
    // + …, the additions in column order as one column at a time would make them.
    let c = 0;
    for (; c + 4 <= cols.length; c += 4) {
      const o0 = cols[c] * n;
      const o1 = cols[c + 1] * n;
      const o2 = cols[c + 2] * n;
      const o3 = cols[c + 3] * n;
      const b0 = b[cols[c]];
      const b1 = b[cols[c + 1]];
      const b2 = b[cols[c + 2]];
      const b3 = b[cols[c + 3]];
      for (let i = i0; i < i1; i++) {
        let s = out[i];
        s += d[o0 + i] * b0;
        s += d[o1 + i] * b1;
        s += d[o2 + i] * b2;
        s += d[o3 + i] * b3;
        out[i] = s;
      }
    }
    for (; c < cols.length; c++) {
      const bj = b[cols[c]];
      const off = cols[c] * n;
      for (let i = i0; i < i1; i++) out[i] += d[off + i] * bj;
    }
    if (y) for (let i = i0; i < i1; i++) rss += (y[i] - out[i]) ** 2;
  }
  return rss;
}

/** Rows per block of fittedValues and linearPredictor (16 kB of sums). */
const ROW_BLOCK = 2048;

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
  const out = new Float64Array(x.rows);
  // Columns with a zero coefficient are skipped (they would only turn a −0 sum into +0).
  fittedValuesInto(x, b, out, undefined, true);
  return out;
}
