import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedOrder } from '../../../src/stats/mi/methods/pmm.ts';

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
});
