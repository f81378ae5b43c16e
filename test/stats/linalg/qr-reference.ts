/**
 * The Householder QR as written before the look-ahead pass (src/stats/linalg/qr.ts): for each
 * reflection, a pass of dot products then a pass of updates over every remaining column. Kept
 * as the bit-for-bit reference for the faster version, which must give the same bits.
 */
import type { Matrix } from '../../../src/stats/linalg/matrix.ts';
import type { QR } from '../../../src/stats/linalg/qr.ts';

export function qrDecomposeReference(x: Matrix, tol = 1e-7): QR {
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
    const kn = k * n;
    let j = k + 1;
    // Two columns per pass: each dot product is one chain of dependent additions (its time is
    // the adder's latency), so two independent chains side by side take little longer than one.
    // Each sum keeps its own order, so the result is the same to the bit.
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
      s *= b;
      s1 *= b;
      a[k + off] -= s * first;
      a[k + off1] -= s1 * first;
      for (let i = k + 1; i < n; i++) {
        const v = a[i + kn];
        a[i + off] -= s * v;
        a[i + off1] -= s1 * v;
      }
    }
    for (; j < p; j++) {
      const off = j * n;
      let s = first * a[k + off];
      for (let i = k + 1; i < n; i++) s += a[i + kn] * a[i + off];
      s *= b;
      a[k + off] -= s * first;
      for (let i = k + 1; i < n; i++) a[i + off] -= s * a[i + kn];
    }
    a[k + k * n] = alpha;
    v0[k] = first;
    beta[k] = b;
    k++;
  }
  return { qr: { rows: n, cols: p, data: a }, v0, beta, pivot, rank: k, tol };
}
