/**
 * Iterative refinement of a least-squares solution on the augmented system
 * [I X; Xᵀ 0][r; b] = [y; 0] (Björck 1967), with both block residuals computed in doubled
 * precision. Unlike refining b alone, this also corrects the κ²-term that dominates
 * ill-conditioned problems with large residuals (NIST's Wampler4/5). Uses the pivoted QR of X.
 *
 * The doubled-precision sums are Dot2 (compensated.ts) written out over local variables: the
 * same operations in the same order, so the same bits, without an accumulator object per sum.
 * Veltkamp splits of −X, b and r are computed once per solve or step instead of once per
 * product, which takes most of the work out of the inner loops — this routine dominated small
 * OLS fits.
 */
import type { Matrix } from './matrix.ts';
import type { QR } from './qr.ts';
import { qrQty, qrQy } from './qr.ts';

const SPLITTER = 134217729; // 2^27 + 1

interface Split {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
}

/** High and low halves of each value (Veltkamp), of −x when `negate`: v = hi + lo exactly, each with ≤ 26 significant bits. */
function split(x: ArrayLike<number>, negate = false, out?: Split): Split {
  const hi = out?.hi ?? new Float64Array(x.length);
  const lo = out?.lo ?? new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = negate ? -x[i] : x[i];
    const h = SPLITTER * v;
    hi[i] = h - (h - v);
    lo[i] = v - hi[i];
  }
  return { hi, lo };
}

/**
 * y − extra − Σ_j X[i, j]·b_j for every row i, in doubled precision: Dot2 started with y, then
 * −extra (when nonzero), then the products −X[i, j]·b_j over the columns with b_j ≠ 0 in order.
 */
function residuals(y: ArrayLike<number>, x: Float64Array, xs: Split, n: number, b: Float64Array, bs: Split, extra: Float64Array | null, out: Float64Array): void {
  const cols: number[] = [];
  for (let j = 0; j < b.length; j++) if (b[j] !== 0 && !Number.isNaN(b[j])) cols.push(j);
  const m = cols.length;
  const xhi = xs.hi;
  const xlo = xs.lo;
  const bhi = bs.hi;
  const blo = bs.lo;
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    // add(y)
    let v = y[i];
    let t = s + v;
    let z = t - s;
    c += (s - (t - z)) + (v - z);
    s = t;
    if (extra !== null && extra[i] !== 0) {
      v = -extra[i];
      t = s + v;
      z = t - s;
      c += (s - (t - z)) + (v - z);
      s = t;
    }
    for (let q = 0; q < m; q++) {
      const j = cols[q];
      const at = i + j * n;
      // addProduct(−x, b), xs being the split of −X.
      const ah = xhi[at];
      const al = xlo[at];
      const bj = b[j];
      const bh = bhi[j];
      const bl = blo[j];
      const p = -x[at] * bj;
      c += al * bl - (((p - ah * bh) - al * bh) - ah * bl);
      t = s + p;
      z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    out[i] = s + c;
  }
}

/** g_t = Σ_i (−X[i, pivot_t])·r_i in doubled precision (Dot2 over i in order), t < k; two columns per pass for the adder's latency. */
function negCross(x: Float64Array, xs: Split, n: number, pivot: Int32Array, k: number, r: Float64Array, rs: Split, g: Float64Array): void {
  const xhi = xs.hi;
  const xlo = xs.lo;
  const rhi = rs.hi;
  const rlo = rs.lo;
  let t = 0;
  for (; t + 1 < k; t += 2) {
    const off = pivot[t] * n;
    const off1 = pivot[t + 1] * n;
    let s = 0;
    let c = 0;
    let s1 = 0;
    let c1 = 0;
    for (let i = 0; i < n; i++) {
      const bh = rhi[i];
      const bl = rlo[i];
      const ri = r[i];
      const ah = xhi[off + i];
      const al = xlo[off + i];
      const pr = -x[off + i] * ri;
      c += al * bl - (((pr - ah * bh) - al * bh) - ah * bl);
      const u = s + pr;
      const z = u - s;
      c += (s - (u - z)) + (pr - z);
      s = u;
      const ah1 = xhi[off1 + i];
      const al1 = xlo[off1 + i];
      const pr1 = -x[off1 + i] * ri;
      c1 += al1 * bl - (((pr1 - ah1 * bh) - al1 * bh) - ah1 * bl);
      const u1 = s1 + pr1;
      const z1 = u1 - s1;
      c1 += (s1 - (u1 - z1)) + (pr1 - z1);
      s1 = u1;
    }
    g[t] = s + c;
    g[t + 1] = s1 + c1;
  }
  for (; t < k; t++) {
    const off = pivot[t] * n;
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const ah = xhi[off + i];
      const al = xlo[off + i];
      const bh = rhi[i];
      const bl = rlo[i];
      const pr = -x[off + i] * r[i];
      c += al * bl - (((pr - ah * bh) - al * bh) - ah * bl);
      const u = s + pr;
      const z = u - s;
      c += (s - (u - z)) + (pr - z);
      s = u;
    }
    g[t] = s + c;
  }
}

export function refineLeastSquares(qr: QR, X: Matrix, y: ArrayLike<number>, coef: Float64Array, steps = 8): Float64Array {
  const n = X.rows;
  const p = X.cols;
  const k = qr.rank;
  const a = qr.qr.data;
  const x = X.data;
  const xs = split(x, true);
  const b = Float64Array.from(coef, (v) => (Number.isNaN(v) ? 0 : v));
  const r = new Float64Array(n);
  residuals(y, x, xs, n, b, split(b), null, r);
  const f = new Float64Array(n);
  const rs: Split = { hi: new Float64Array(n), lo: new Float64Array(n) };
  for (let step = 0; step < steps; step++) {
    // f = y − r − X b ; g = −Xᵀ r (on the estimable columns), both in doubled precision.
    residuals(y, x, xs, n, b, split(b), r, f);
    const g = new Float64Array(k);
    negCross(x, xs, n, qr.pivot, k, r, split(r, false, rs), g);
    // h = R⁻ᵀ g (forward substitution with Rᵀ).
    const h = new Float64Array(k);
    for (let t = 0; t < k; t++) {
      let s = g[t];
      for (let u = 0; u < t; u++) s -= a[u + t * n] * h[u];
      h[t] = s / a[t + t * n];
    }
    const d = qrQty(qr, f);
    // δb = R⁻¹(d₁ − h); δr = Q [h; d₂].
    const rhs = new Float64Array(k);
    for (let t = 0; t < k; t++) rhs[t] = d[t] - h[t];
    const db = new Float64Array(k);
    for (let t = k - 1; t >= 0; t--) {
      let s = rhs[t];
      for (let u = t + 1; u < k; u++) s -= a[t + u * n] * db[u];
      db[t] = s / a[t + t * n];
    }
    let change = 0;
    let moved = false;
    for (let t = 0; t < k; t++) {
      const j = qr.pivot[t];
      const before = b[j];
      b[j] += db[t];
      moved ||= b[j] !== before;
      change = Math.max(change, Math.abs(db[t]) / (Math.abs(b[j]) + Number.MIN_VALUE));
    }
    // Converged when the correction no longer moves any coefficient by a bit: later steps only
    // polish r, which is not returned (before this test all 8 steps ran on most problems).
    if (change < 1e-17 || !moved) break;
    const z = d;
    for (let t = 0; t < k; t++) z[t] = h[t];
    const dr = qrQy(qr, z);
    for (let i = 0; i < n; i++) r[i] += dr[i];
  }
  for (let t = k; t < p; t++) b[qr.pivot[t]] = Number.NaN;
  return b;
}
