/**
 * The refinement as first written (one Dot2 object per sum), kept as the bit-for-bit reference for
 * the faster src/stats/linalg/refine.ts. Original description:
 *
 * Iterative refinement of a least-squares solution on the augmented system
 * [I X; Xᵀ 0][r; b] = [y; 0] (Björck 1967), with both block residuals computed in doubled
 * precision. Unlike refining b alone, this also corrects the κ²-term that dominates
 * ill-conditioned problems with large residuals (NIST's Wampler4/5). Uses the pivoted QR of X.
 */
import type { Matrix } from '../../../src/stats/linalg/matrix.ts';
import type { QR } from '../../../src/stats/linalg/qr.ts';
import { qrQty, qrQy } from '../../../src/stats/linalg/qr.ts';
import { compensatedResidual, Dot2 } from '../../../src/stats/linalg/compensated.ts';

export function refineLeastSquaresReference(qr: QR, X: Matrix, y: ArrayLike<number>, coef: Float64Array, steps = 8): Float64Array {
  const n = X.rows;
  const p = X.cols;
  const k = qr.rank;
  const a = qr.qr.data;
  const b = Float64Array.from(coef, (v) => (Number.isNaN(v) ? 0 : v));
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = compensatedResidual(y[i], X.data, n, i, b);
  for (let step = 0; step < steps; step++) {
    // f = y − r − X b ; g = −Xᵀ r (on the estimable columns), both in doubled precision.
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = compensatedResidual(y[i], X.data, n, i, b, r[i]);
    const g = new Float64Array(k);
    for (let t = 0; t < k; t++) {
      const acc = new Dot2();
      const off = qr.pivot[t] * n;
      for (let i = 0; i < n; i++) acc.addProduct(-X.data[off + i], r[i]);
      g[t] = acc.value();
    }
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
    const z = Float64Array.from(d);
    for (let t = 0; t < k; t++) z[t] = h[t];
    const dr = qrQy(qr, z);
    let change = 0;
    for (let t = 0; t < k; t++) {
      const j = qr.pivot[t];
      b[j] += db[t];
      change = Math.max(change, Math.abs(db[t]) / (Math.abs(b[j]) + Number.MIN_VALUE));
    }
    for (let i = 0; i < n; i++) r[i] += dr[i];
    if (change < 1e-17) break;
  }
  for (let t = k; t < p; t++) b[qr.pivot[t]] = Number.NaN;
  return b;
}
