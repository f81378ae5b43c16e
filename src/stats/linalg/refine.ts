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
import { qrQtyInPlace, qrQyInPlace, qrQyInPlace2 } from './qr.ts';
import { scratch, Slot } from './scratch.ts';

const SPLITTER = 134217729; // 2^27 + 1

interface Split {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
}

/** High and low halves of each value (Veltkamp): v = hi + lo exactly, each with ≤ 26 significant bits. */
function split(x: ArrayLike<number>, out?: Split): Split {
  const len = x.length;
  const hi = out?.hi ?? new Float64Array(len);
  const lo = out?.lo ?? new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const v = x[i];
    const h = SPLITTER * v;
    const vh = h - (h - v);
    hi[i] = vh;
    lo[i] = v - vh;
  }
  return { hi, lo };
}

/** The split of −x (as `split` of the negated values) for column j of the n-row column-major x, into xs. */
function splitColumn(x: Float64Array, n: number, j: number, xs: Split): void {
  const hi = xs.hi;
  const lo = xs.lo;
  for (let i = j * n; i < (j + 1) * n; i++) {
    const v = -x[i];
    const h = SPLITTER * v;
    const vh = h - (h - v);
    hi[i] = vh;
    lo[i] = v - vh;
  }
}

/** The columns whose coefficient takes part in X b (b_j ≠ 0, not NaN), in order. */
function activeColumns(b: Float64Array): Int32Array {
  let m = 0;
  for (let j = 0; j < b.length; j++) if (b[j] !== 0 && !Number.isNaN(b[j])) m++;
  const cols = new Int32Array(m);
  m = 0;
  for (let j = 0; j < b.length; j++) if (b[j] !== 0 && !Number.isNaN(b[j])) cols[m++] = j;
  return cols;
}

/**
 * r = y − X b (`residuals` without `extra`), writing the Veltkamp split of −X into xs for the
 * columns in `cols` as it goes: the split is computed exactly as `split` does, once per fit, and
 * this pass needs it first, so it saves a pass of its own over X.
 */
function residualsSplitting(y: ArrayLike<number>, x: Float64Array, xs: Split, n: number, b: Float64Array, bs: Split, cols: Int32Array, out: Float64Array): void {
  const sums = scratch(Slot.Sums, n);
  const errs = scratch(Slot.Errs, n);
  for (let i = 0; i < n; i++) {
    // add(y) to an empty sum.
    const v = y[i];
    const t = 0 + v;
    const z = t - 0;
    sums[i] = t;
    errs[i] = 0 + ((0 - (t - z)) + (v - z));
  }
  const xhi = xs.hi;
  const xlo = xs.lo;
  const m = cols.length;
  let q = 0;
  // Two columns per pass over the rows (then one for an odd last column): each row's sum and error
  // term stay in registers between the columns, ≈ a third faster than a pass per column; the
  // operations and their order per row are those of one column after the other (bit-identical).
  for (; q + 1 < m; q += 2) {
    const j0 = cols[q];
    const j1 = cols[q + 1];
    const o0 = j0 * n;
    const o1 = j1 * n;
    const b0 = b[j0];
    const bh0 = bs.hi[j0];
    const bl0 = bs.lo[j0];
    const b1 = b[j1];
    const bh1 = bs.hi[j1];
    const bl1 = bs.lo[j1];
    for (let i = 0; i < n; i++) {
      const s = sums[i];
      let c = errs[i];
      let v = -x[o0 + i];
      let h = SPLITTER * v;
      let ah = h - (h - v);
      let al = v - ah;
      xhi[o0 + i] = ah;
      xlo[o0 + i] = al;
      let p = v * b0;
      c += al * bl0 - (((p - ah * bh0) - al * bh0) - ah * bl0);
      let t = s + p;
      let z = t - s;
      c += (s - (t - z)) + (p - z);
      const s1 = t;
      v = -x[o1 + i];
      h = SPLITTER * v;
      ah = h - (h - v);
      al = v - ah;
      xhi[o1 + i] = ah;
      xlo[o1 + i] = al;
      p = v * b1;
      c += al * bl1 - (((p - ah * bh1) - al * bh1) - ah * bl1);
      t = s1 + p;
      z = t - s1;
      c += (s1 - (t - z)) + (p - z);
      sums[i] = t;
      errs[i] = c;
    }
  }
  if (q < m) {
    const j0 = cols[q];
    const o0 = j0 * n;
    const b0 = b[j0];
    const bh0 = bs.hi[j0];
    const bl0 = bs.lo[j0];
    for (let i = 0; i < n; i++) {
      const s = sums[i];
      let c = errs[i];
      const v = -x[o0 + i];
      const h = SPLITTER * v;
      const ah = h - (h - v);
      const al = v - ah;
      xhi[o0 + i] = ah;
      xlo[o0 + i] = al;
      const p = v * b0;
      c += al * bl0 - (((p - ah * bh0) - al * bh0) - ah * bl0);
      const t = s + p;
      const z = t - s;
      c += (s - (t - z)) + (p - z);
      sums[i] = t;
      errs[i] = c;
    }
  }
  for (let i = 0; i < n; i++) out[i] = sums[i] + errs[i];
}

/** −Xᵀr for the columns of a `residuals` pass, accumulated alongside it (see there). */
interface Cross {
  readonly r: Float64Array;
  readonly rs: Split;
  /** g[j] = Σ_i (−X[i, j])·r_i for each column j the pass visits, by original column index. */
  readonly g: Float64Array;
}

/**
 * y − extra − Σ_j X[i, j]·b_j for every row i, in doubled precision: Dot2 started with y, then
 * −extra (when nonzero), then the products −X[i, j]·b_j over `cols` (the columns with b_j ≠ 0)
 * in order. Each row's running sum and error live in sums/errs while the pass goes down two
 * columns at a time (the rows' sums are independent, so the order within each is unchanged):
 * contiguous reads and b's halves in registers, a third faster than a row at a time.
 *
 * With `cross`, the same pass also forms g_j = Σ_i (−X[i, j])·r_i (Dot2 over i in order) for
 * each column in `cols`, sharing the reads of X and its halves.
 */
function residuals(y: ArrayLike<number>, x: Float64Array, xs: Split, n: number, b: Float64Array, bs: Split, cols: Int32Array, extra: Float64Array | null, out: Float64Array, cross: Cross | null): void {
  const sums = scratch(Slot.Sums, n);
  const errs = scratch(Slot.Errs, n);
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
    sums[i] = s;
    errs[i] = c;
  }
  const xhi = xs.hi;
  const xlo = xs.lo;
  const m = cols.length;
  const r = cross?.r ?? sums;
  const rhi = cross?.rs.hi ?? sums;
  const rlo = cross?.rs.lo ?? sums;
  let q = 0;
  // Two columns per pass over the rows (then one for an odd last column): each row's sum and error
  // term stay in registers between the columns, ≈ a third faster than a pass per column; the
  // operations and their order per row are those of one column after the other (bit-identical).
  for (; q + 1 < m; q += 2) {
    const j0 = cols[q];
    const j1 = cols[q + 1];
    const o0 = j0 * n;
    const o1 = j1 * n;
    const b0 = b[j0];
    const bh0 = bs.hi[j0];
    const bl0 = bs.lo[j0];
    const b1 = b[j1];
    const bh1 = bs.hi[j1];
    const bl1 = bs.lo[j1];
    if (cross === null) {
      for (let i = 0; i < n; i++) {
        let s = sums[i];
        let c = errs[i];
        // addProduct(−x, b), xs being the split of −X.
        let ah = xhi[o0 + i];
        let al = xlo[o0 + i];
        let p = -x[o0 + i] * b0;
        c += al * bl0 - (((p - ah * bh0) - al * bh0) - ah * bl0);
        let t = s + p;
        let z = t - s;
        c += (s - (t - z)) + (p - z);
        s = t;
        ah = xhi[o1 + i];
        al = xlo[o1 + i];
        p = -x[o1 + i] * b1;
        c += al * bl1 - (((p - ah * bh1) - al * bh1) - ah * bl1);
        t = s + p;
        z = t - s;
        c += (s - (t - z)) + (p - z);
        sums[i] = t;
        errs[i] = c;
      }
    } else {
      let gs0 = 0;
      let gc0 = 0;
      let gs1 = 0;
      let gc1 = 0;
      for (let i = 0; i < n; i++) {
        let s = sums[i];
        let c = errs[i];
        const rh = rhi[i];
        const rl = rlo[i];
        const ri = r[i];
        let ah = xhi[o0 + i];
        let al = xlo[o0 + i];
        let xv = x[o0 + i];
        let p = -xv * b0;
        c += al * bl0 - (((p - ah * bh0) - al * bh0) - ah * bl0);
        let t = s + p;
        let z = t - s;
        c += (s - (t - z)) + (p - z);
        s = t;
        p = -xv * ri;
        gc0 += al * rl - (((p - ah * rh) - al * rh) - ah * rl);
        t = gs0 + p;
        z = t - gs0;
        gc0 += (gs0 - (t - z)) + (p - z);
        gs0 = t;
        ah = xhi[o1 + i];
        al = xlo[o1 + i];
        xv = x[o1 + i];
        p = -xv * b1;
        c += al * bl1 - (((p - ah * bh1) - al * bh1) - ah * bl1);
        t = s + p;
        z = t - s;
        c += (s - (t - z)) + (p - z);
        sums[i] = t;
        errs[i] = c;
        p = -xv * ri;
        gc1 += al * rl - (((p - ah * rh) - al * rh) - ah * rl);
        t = gs1 + p;
        z = t - gs1;
        gc1 += (gs1 - (t - z)) + (p - z);
        gs1 = t;
      }
      cross.g[j0] = gs0 + gc0;
      cross.g[j1] = gs1 + gc1;
    }
  }
  if (q < m) {
    const j0 = cols[q];
    const o0 = j0 * n;
    const b0 = b[j0];
    const bh0 = bs.hi[j0];
    const bl0 = bs.lo[j0];
    let gs0 = 0;
    let gc0 = 0;
    for (let i = 0; i < n; i++) {
      const s = sums[i];
      let c = errs[i];
      const ah = xhi[o0 + i];
      const al = xlo[o0 + i];
      const xv = x[o0 + i];
      let p = -xv * b0;
      c += al * bl0 - (((p - ah * bh0) - al * bh0) - ah * bl0);
      let t = s + p;
      let z = t - s;
      c += (s - (t - z)) + (p - z);
      sums[i] = t;
      errs[i] = c;
      if (cross !== null) {
        const rh = rhi[i];
        const rl = rlo[i];
        p = -xv * r[i];
        gc0 += al * rl - (((p - ah * rh) - al * rh) - ah * rl);
        t = gs0 + p;
        z = t - gs0;
        gc0 += (gs0 - (t - z)) + (p - z);
        gs0 = t;
      }
    }
    if (cross !== null) cross.g[j0] = gs0 + gc0;
  }
  for (let i = 0; i < n; i++) out[i] = sums[i] + errs[i];
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

/**
 * The refined coefficients (NaN for aliased columns). `alsoQ`, when given, is a vector the caller
 * wants Q applied to (in place; e.g. [Qᵀy₁; 0] for the fitted values): it rides along with the
 * refinement's first application of Q, which then makes one pass over each reflection for both.
 */
export function refineLeastSquares(qr: QR, X: Matrix, y: ArrayLike<number>, coef: Float64Array, steps = 8, alsoQ: Float64Array | null = null): Float64Array {
  const n = X.rows;
  const p = X.cols;
  const k = qr.rank;
  const a = qr.qr.data;
  const x = X.data;
  const xs: Split = { hi: scratch(Slot.SplitHi, n * p), lo: scratch(Slot.SplitLo, n * p) };
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) b[j] = Number.isNaN(coef[j]) ? 0 : coef[j];
  const r = scratch(Slot.Residual, n);
  const f = scratch(Slot.Correction, n);
  const rs: Split = { hi: scratch(Slot.ResidualHi, n), lo: scratch(Slot.ResidualLo, n) };
  const g = new Float64Array(k);
  const gcol = new Float64Array(p);
  const h = new Float64Array(k);
  const db = new Float64Array(k);
  let pendingQ = alsoQ;
  for (let step = 0; step < steps; step++) {
    const bs = split(b);
    const cols = activeColumns(b);
    if (step === 0) {
      // The split of −X: the columns of X b as the first residuals pass goes, the others here.
      for (let j = 0, q = 0; j < p; j++) {
        if (q < cols.length && cols[q] === j) q++;
        else splitColumn(x, n, j, xs);
      }
      // Before the first step: r = y − X b.
      residualsSplitting(y, x, xs, n, b, bs, cols, r);
    }
    // f = y − r − X b ; g = −Xᵀ r (on the estimable columns), both in doubled precision. Aliased
    // columns have b_j = 0, so when no estimable coefficient is exactly 0 the columns of X b are
    // those of g, and one pass forms both.
    split(r, rs);
    if (cols.length === k) {
      residuals(y, x, xs, n, b, bs, cols, r, f, { r, rs, g: gcol });
      for (let t = 0; t < k; t++) g[t] = gcol[qr.pivot[t]];
    } else {
      residuals(y, x, xs, n, b, bs, cols, r, f, null);
      negCross(x, xs, n, qr.pivot, k, r, rs, g);
    }
    // h = R⁻ᵀ g (forward substitution with Rᵀ).
    for (let t = 0; t < k; t++) {
      let s = g[t];
      for (let u = 0; u < t; u++) s -= a[u + t * n] * h[u];
      h[t] = s / a[t + t * n];
    }
    const d = qrQtyInPlace(qr, f); // f is not needed again this step
    // δb = R⁻¹(d₁ − h); δr = Q [h; d₂].
    for (let t = k - 1; t >= 0; t--) {
      let s = d[t] - h[t];
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
    for (let t = 0; t < k; t++) d[t] = h[t];
    if (pendingQ !== null) {
      qrQyInPlace2(qr, d, pendingQ);
      pendingQ = null;
    } else {
      qrQyInPlace(qr, d);
    }
    for (let i = 0; i < n; i++) r[i] += d[i];
  }
  if (pendingQ !== null) qrQyInPlace(qr, pendingQ);
  for (let t = k; t < p; t++) b[qr.pivot[t]] = Number.NaN;
  return b;
}
