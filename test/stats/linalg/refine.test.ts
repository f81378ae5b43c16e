import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromColumns } from '../../../src/stats/linalg/matrix.ts';
import { qrCoef, qrDecompose, qrQy } from '../../../src/stats/linalg/qr.ts';
import { refineLeastSquares } from '../../../src/stats/linalg/refine.ts';
import { refineLeastSquaresReference } from './refine-reference.ts';

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('refineLeastSquares', () => {
  it('gives bit for bit what the one-accumulator-per-sum version gave (random, badly scaled and collinear designs)', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(0), fc.constant(-0));
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.array(value, { minLength: 250, maxLength: 250 }), (n, p, collinear, pool) => {
        const at = (i: number) => pool[i % pool.length];
        const cols = Array.from({ length: p }, (_, j) => Array.from({ length: n }, (_, i) => (j === 0 ? 1 : at(i * 7 + j * 13) * 10 ** ((j % 3) * 3))));
        if (collinear && p > 2) cols[p - 1] = cols[1].map((v, i) => 2 * v - cols[0][i]);
        const X = fromColumns(cols);
        const y = Array.from({ length: n }, (_, i) => at(i * 3 + 1) + 0.5 * i);
        const qr = qrDecompose(X);
        const first = qrCoef(qr, y);
        expect(sameBits(refineLeastSquares(qr, X, y, first), refineLeastSquaresReference(qr, X, y, first))).toBe(true);
        // A vector handed along for Q gets exactly Q times it, whether or not the refinement applied Q itself.
        const z = Float64Array.from(y, (v, i) => (i < qr.rank ? v : 0));
        const alsoQ = z.slice();
        for (const steps of [0, 1, 8]) {
          alsoQ.set(z);
          expect(sameBits(refineLeastSquares(qr, X, y, first, steps, alsoQ), refineLeastSquaresReference(qr, X, y, first, steps))).toBe(true);
          expect(sameBits(alsoQ, qrQy(qr, z))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
