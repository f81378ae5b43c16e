import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, type Rng } from '../../../src/stats/random/rng.ts';
import { matchDonors, sortedOrder } from '../../../src/stats/mi/methods/pmm.ts';

/**
 * matchDonors as it was before the tie blocks were precomputed (main at a2f3336): after the
 * k-nearest walk it scanned the block of equal predicted means around the chosen position for
 * every target. The current one must choose the same donors with the same random draws.
 */
function matchDonorsScanning(yhatObs: Float64Array, yhatMis: Float64Array, yObs: Float64Array, donors: number, rng: Rng): Float64Array {
  const nObs = yhatObs.length;
  const k = Math.min(donors, nObs);
  const order = sortedOrder(yhatObs);
  const sorted = Float64Array.from(order, (i) => yhatObs[i]);
  const out = new Float64Array(yhatMis.length);
  for (let t = 0; t < yhatMis.length; t++) {
    const target = yhatMis[t];
    let lo = 0;
    let hi = nObs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    let left = lo - 1;
    let right = lo;
    const pick = rng.int(k);
    let chosen = -1;
    for (let c = 0; c <= pick; c++) {
      const takeLeft = right >= nObs || (left >= 0 && target - sorted[left] <= sorted[right] - target);
      chosen = takeLeft ? left-- : right++;
    }
    let first = chosen;
    let last = chosen;
    const v = sorted[chosen];
    while (first > 0 && sorted[first - 1] === v) first--;
    while (last < nObs - 1 && sorted[last + 1] === v) last++;
    if (last > first) chosen = first + rng.int(last - first + 1);
    out[t] = yObs[order[chosen]];
  }
  return out;
}

describe('matchDonors (PMM donor choice)', () => {
  // Predicted means from discrete predictors: long runs of exact ties (±0 among them), a few
  // distinct values, and targets inside, between and beyond them.
  const key = fc.oneof(fc.integer({ min: -4, max: 4 }).map((v) => v / 2), fc.constant(-0), fc.double({ min: -3, max: 3, noNaN: true }));
  const input = fc.record({
    obs: fc.array(key, { minLength: 1, maxLength: 400 }),
    mis: fc.array(fc.oneof(key, fc.double({ min: -10, max: 10, noNaN: true })), { maxLength: 200 }),
    donors: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
  });

  it('chooses exactly the donors of the per-target tie scan, with the same random draws', () => {
    fc.assert(
      fc.property(input, ({ obs, mis, donors, seed }) => {
        const yhatObs = Float64Array.from(obs);
        const yhatMis = Float64Array.from(mis);
        const yObs = Float64Array.from(obs, (_, i) => i); // the donor's row says which donor it was
        const a = createRng(seed);
        const b = createRng(seed);
        expect(Array.from(matchDonors(yhatObs, yhatMis, yObs, donors, a))).toEqual(Array.from(matchDonorsScanning(yhatObs, yhatMis, yObs, donors, b)));
        expect(a.uniform()).toBe(b.uniform()); // the stream is left in the same place
      }),
      { numRuns: 500 },
    );
  });

  it('the same at the radix sort\'s sizes, with tie blocks of thousands of rows', () => {
    const rng = createRng(11);
    const nObs = 20_000;
    const yhatObs = Float64Array.from({ length: nObs }, () => (rng.int(9) - 4) / 3 + (rng.uniform() < 0.01 ? rng.normal() : 0));
    const yhatMis = Float64Array.from({ length: 3000 }, () => (rng.uniform() < 0.5 ? (rng.int(11) - 5) / 3 : rng.normal(0, 2)));
    const yObs = Float64Array.from(yhatObs, (_, i) => i);
    for (const donors of [1, 5, 10]) {
      const a = createRng(donors);
      const b = createRng(donors);
      expect(Array.from(matchDonors(yhatObs, yhatMis, yObs, donors, a))).toEqual(Array.from(matchDonorsScanning(yhatObs, yhatMis, yObs, donors, b)));
      expect(a.uniform()).toBe(b.uniform());
    }
  });

  it('the same when the means are far from uniform over their range (value buckets of very unequal size)', () => {
    const rng = createRng(12);
    for (const shape of ['outlier', 'lognormal', 'two-clusters'] as const) {
      const draw = (): number => {
        if (shape === 'outlier') return rng.uniform() < 0.0005 ? 1e12 * rng.uniform() : rng.normal();
        if (shape === 'lognormal') return Math.exp(4 * rng.normal());
        return rng.uniform() < 0.5 ? -1e6 + 1e-6 * rng.int(50) : 1e6 + rng.normal();
      };
      const yhatObs = Float64Array.from({ length: 9000 }, draw);
      const yhatMis = Float64Array.from({ length: 2000 }, (_, t) => (t % 3 === 0 ? draw() : t % 3 === 1 ? yhatObs[rng.int(9000)] : rng.normal(0, 1e7)));
      const yObs = Float64Array.from(yhatObs, (_, i) => i);
      const a = createRng(3);
      const b = createRng(3);
      expect(Array.from(matchDonors(yhatObs, yhatMis, yObs, 5, a))).toEqual(Array.from(matchDonorsScanning(yhatObs, yhatMis, yObs, 5, b)));
      expect(a.uniform()).toBe(b.uniform());
    }
  });
});
