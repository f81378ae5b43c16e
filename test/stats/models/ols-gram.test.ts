import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromColumns } from '../../../src/stats/linalg/matrix.ts';
import { olsGram } from '../../../src/stats/models/ols/ols-gram.ts';
import { olsGramReference } from './ols-gram-reference.ts';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('olsGram', () => {
  it('gives bit for bit what the pass-per-product version gave (row counts across block and unrolling edges, declines included)', () => {
    const value = fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(-0));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1100 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), fc.array(value, { minLength: 97, maxLength: 97 }), fc.boolean(), (n, p, collinear, pool, plainY) => {
        const at = (i: number) => pool[i % pool.length];
        const cols = Array.from({ length: p }, (_, j) => Array.from({ length: n }, (_, i) => (j === 0 ? 1 : at(i * 7 + j * 13) * 10 ** (j % 3))));
        if (collinear && p > 2) cols[p - 1] = cols[1].map((v, i) => 2 * v - cols[0][i]);
        const X = fromColumns(cols);
        const y = Array.from({ length: n }, (_, i) => at(i * 3 + 1) + 0.5 * i);
        const got = olsGram(X, plainY ? y : Float64Array.from(y));
        const want = olsGramReference(X, y);
        expect(got === null).toBe(want === null);
        if (got !== null && want !== null) {
          expect(sameBits(got.coef, want.coef)).toBe(true);
          expect(sameBits(got.fitted, want.fitted)).toBe(true);
          expect(sameBits(got.r, want.r)).toBe(true);
          // ols's own loop over the reference's fitted values.
          const residuals = new Float64Array(n);
          let rss = 0;
          let ySum = 0;
          for (let i = 0; i < n; i++) {
            residuals[i] = y[i] - want.fitted[i];
            rss += residuals[i] ** 2;
            ySum += y[i];
          }
          expect(sameBits(got.residuals, residuals)).toBe(true);
          expect(sameBits([got.rss, got.ySum], [rss, ySum])).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
