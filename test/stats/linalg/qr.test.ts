import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromColumns } from '../../../src/stats/linalg/matrix.ts';
import { qrCoef, qrDecompose, qrFitted, qrQty, qrQy, qrQyInPlace2, qrUnscaledCovariance } from '../../../src/stats/linalg/qr.ts';
import { qrDecomposeReference } from './qr-reference.ts';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

// Random, badly scaled, collinear (aliased columns, some twice), zero and constant columns, n < p.
const designs = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    p: fc.integer({ min: 1, max: 9 }),
    alias: fc.array(fc.tuple(fc.nat(8), fc.nat(8), fc.integer({ min: -3, max: 3 })), { maxLength: 3 }),
    pool: fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(0), fc.constant(-0)), { minLength: 300, maxLength: 300 }),
    tol: fc.constantFrom(1e-7, 1e-3, 0),
  })
  .map(({ n, p, alias, pool, tol }) => {
    const at = (i: number) => pool[i % pool.length];
    const cols = Array.from({ length: p }, (_, j) => Array.from({ length: n }, (_, i) => (j === 0 ? 1 : at(i * 7 + j * 13) * 10 ** ((j % 3) * 3))));
    for (const [to, from, c] of alias) if (to % p !== 0) cols[to % p] = cols[from % p].map((v, i) => c * v + (j0(i) ? 0 : cols[0][i]));
    const y = Array.from({ length: n }, (_, i) => at(i * 3 + 1) + 0.5 * i);
    return { X: fromColumns(cols), y, tol };
  });
function j0(i: number): boolean {
  return i % 2 === 0;
}

describe('qrDecompose', () => {
  it('gives bit for bit what the two-pass version gave: R, Householder vectors, pivots, rank, and every solve built on them', () => {
    fc.assert(
      fc.property(designs, ({ X, y, tol }) => {
        const qr = qrDecompose(X, tol);
        const ref = qrDecomposeReference(X, tol);
        expect(qr.rank).toBe(ref.rank);
        expect(sameBits(qr.pivot, ref.pivot)).toBe(true);
        expect(sameBits(qr.qr.data, ref.qr.data)).toBe(true);
        expect(sameBits(qr.v0, ref.v0)).toBe(true);
        expect(sameBits(qr.beta, ref.beta)).toBe(true);
        expect(sameBits(qrCoef(qr, y), qrCoef(ref, y))).toBe(true);
        expect(sameBits(qrFitted(qr, y), qrFitted(ref, y))).toBe(true);
        expect(sameBits(qrUnscaledCovariance(qr).data, qrUnscaledCovariance(ref).data)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('applies Q to two vectors at once exactly as to each on its own', () => {
    fc.assert(
      fc.property(designs, ({ X, y, tol }) => {
        const qr = qrDecompose(X, tol);
        const u = qrQty(qr, y);
        const w = Float64Array.from(y, (v, i) => v * 0.25 - i);
        const [u2, w2] = [u.slice(), w.slice()];
        qrQyInPlace2(qr, u2, w2);
        expect(sameBits(u2, qrQy(qr, u))).toBe(true);
        expect(sameBits(w2, qrQy(qr, w))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
