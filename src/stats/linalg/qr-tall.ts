/**
 * The Householder QR of qr.ts (R's limited pivoting, the same QR layout) for tall matrices,
 * arranged for memory rather than for the order of its sums. The textbook loop passes over
 * every remaining column twice per reflection: once for the dot products vᵀa_j, once for the
 * update a_j −= s_j v. With a million rows a column (8 MB) no longer fits in cache, so each
 * pass is a trip to main memory. Here the update of reflection k and the dot products (and
 * norm) that reflection k + 1 needs are one pass, in blocks of rows that stay in cache:
 * about half the memory traffic and loop overhead.
 *
 * The arithmetic is the same except for the order of the sums: vᵀa_j adds its first term
 * (v₀·a_kj) after the others instead of before, and sums over rows use several partial sums
 * (a single running sum makes every row wait for the previous addition), so results can differ
 * from qrDecompose in the last bits. qrDecompose uses it only above TALL_QR_CELLS cells, so trial-sized fits (and the
 * NIST and R reference tests) keep their exact bits; a test checks both agree on large input.
 */
import type { Matrix } from './matrix.ts';
import type { QR } from './qr.ts';

/** Rows per block: a block of the reflection vector, the next column and one other column fit in L1. */
const BLOCK = 512;

/** `a`: the storage to work in (default a copy of x's values; qrDecomposeInPlace passes x's own). */
export function qrDecomposeTall(x: Matrix, tol: number, a: Float64Array = x.data.slice()): QR {
  const n = x.rows;
  const p = x.cols;
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
  const dots = new Float64Array(p); // Σ_{i>k} a_ik a_ij for the column at position k and each j > k
  const s = new Float64Array(p);
  const w = new Float64Array(BLOCK);
  let norm2 = 0;
  let have = false; // norm2 and dots hold position k's values (from the previous pass)
  let lup = p;
  const steps = Math.min(n, p);
  let k = 0;
  while (k < Math.min(lup, steps)) {
    const kn = k * n;
    if (!have) {
      norm2 = 0;
      for (let i = k; i < n; i++) norm2 += a[i + kn] ** 2;
      for (let j = k + 1; j < p; j++) {
        const off = j * n;
        let d = 0;
        for (let i = k + 1; i < n; i++) d += a[i + kn] * a[i + off];
        dots[j] = d;
      }
    }
    const norm = Math.sqrt(norm2);
    if (norm < tol * original[pivot[k]]) {
      const col = a.slice(kn, kn + n);
      a.copyWithin(kn, kn + n, p * n);
      a.set(col, (p - 1) * n);
      const pk = pivot[k];
      pivot.copyWithin(k, k + 1, p);
      pivot[p - 1] = pk;
      lup--;
      have = false;
      continue;
    }
    const akk = a[k + kn];
    const alpha = akk >= 0 ? -norm : norm;
    const first = akk - alpha;
    const vnorm2 = norm2 - akk * akk + first * first;
    const b = vnorm2 > 0 ? 2 / vnorm2 : 0;
    for (let j = k + 1; j < p; j++) {
      s[j] = (first * a[k + j * n] + dots[j]) * b;
      a[k + j * n] -= s[j] * first;
    }
    // Rows below k: apply the reflection and gather position k + 1's norm and dot products.
    const next = k + 1;
    const gather = next < p;
    if (gather) {
      const nn = next * n;
      // Row k + 1 enters the next norm but not its dot products (they start below the diagonal).
      for (let j = next; j < p; j++) a[next + j * n] -= s[j] * a[next + kn];
      norm2 = a[next + nn] ** 2;
      for (let j = next + 1; j < p; j++) dots[j] = 0;
      for (let i0 = next + 1; i0 < n; i0 += BLOCK) {
        const i1 = Math.min(n, i0 + BLOCK);
        const sn = s[next];
        let q0 = 0;
        let q1 = 0;
        let i = i0;
        for (; i + 1 < i1; i += 2) {
          const u0 = a[i + nn] - sn * a[i + kn];
          const u1 = a[i + 1 + nn] - sn * a[i + 1 + kn];
          a[i + nn] = u0;
          a[i + 1 + nn] = u1;
          w[i - i0] = u0;
          w[i + 1 - i0] = u1;
          q0 += u0 * u0;
          q1 += u1 * u1;
        }
        for (; i < i1; i++) {
          const u = a[i + nn] - sn * a[i + kn];
          a[i + nn] = u;
          w[i - i0] = u;
          q0 += u * u;
        }
        norm2 += q0 + q1;
        for (let j = next + 1; j < p; j++) {
          const off = j * n;
          const sj = s[j];
          // Four partial sums: one running sum would wait on the previous addition every row.
          let d0 = 0;
          let d1 = 0;
          let d2 = 0;
          let d3 = 0;
          let i = i0;
          for (; i + 3 < i1; i += 4) {
            const u0 = a[i + off] - sj * a[i + kn];
            const u1 = a[i + 1 + off] - sj * a[i + 1 + kn];
            const u2 = a[i + 2 + off] - sj * a[i + 2 + kn];
            const u3 = a[i + 3 + off] - sj * a[i + 3 + kn];
            a[i + off] = u0;
            a[i + 1 + off] = u1;
            a[i + 2 + off] = u2;
            a[i + 3 + off] = u3;
            d0 += w[i - i0] * u0;
            d1 += w[i + 1 - i0] * u1;
            d2 += w[i + 2 - i0] * u2;
            d3 += w[i + 3 - i0] * u3;
          }
          for (; i < i1; i++) {
            const u = a[i + off] - sj * a[i + kn];
            a[i + off] = u;
            d0 += w[i - i0] * u;
          }
          dots[j] += (d0 + d1) + (d2 + d3);
        }
      }
    }
    a[k + kn] = alpha;
    v0[k] = first;
    beta[k] = b;
    have = gather;
    k++;
  }
  return { qr: { rows: n, cols: p, data: a }, v0, beta, pivot, rank: k, tol };
}
