import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { radixOrder, sortedOrder } from '../../../src/stats/mi/methods/pmm.ts';

describe('sortedOrder (PMM donor order)', () => {
  it('is the order of the comparator sort key[a] − key[b] || a − b, ties (incl. −0 and 0) by index', () => {
    const value = fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(0), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        const key = Float64Array.from(xs);
        const expected = Array.from(key, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
        expect(Array.from(sortedOrder(key))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the radix sort of large inputs gives that order too (negatives, ±0, ties, extreme magnitudes)', () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(0), fc.constant(-0), fc.constant(Number.MIN_VALUE), fc.constant(-Number.MAX_VALUE));
    const check = (key: Float64Array) => {
      const expected = Array.from(key, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
      expect(Array.from(radixOrder(key))).toEqual(expected);
    };
    fc.assert(fc.property(fc.array(value, { maxLength: 300 }), (xs) => check(Float64Array.from(xs))), { numRuns: 300 });
    // Above RADIX_MIN sortedOrder itself takes the radix path.
    const big = Float64Array.from({ length: 40_000 }, (_, i) => ((i * 7919) % 1013) / 7 - 50 + (i % 3 === 0 ? -0 : 0));
    expect(Array.from(sortedOrder(big))).toEqual(Array.from(big, (_, i) => i).sort((a, b) => big[a] - big[b] || a - b));
    // Long runs of keys that agree in their high word but not in the last bits, ties among them.
    const near = Float64Array.from({ length: 30_000 }, (_, i) => 1 + ((i * 31) % 7) * Number.EPSILON + (i % 5000 === 0 ? 3 : 0));
    expect(Array.from(sortedOrder(near))).toEqual(Array.from(near, (_, i) => i).sort((a, b) => near[a] - near[b] || a - b));
  });
});
