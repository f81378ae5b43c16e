import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bcaInterval, percentileInterval } from '../../../src/stats/resample/intervals.ts';
import { bootstrap, jackknifeInfluence } from '../../../src/stats/resample/bootstrap.ts';
import { permutationTest } from '../../../src/stats/resample/permutation.ts';
import { expectStatsError } from '../../helpers/errors.ts';
import { StatsError } from '../../../src/stats/errors.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';

interface Set { name: string; y: number[]; g: number[]; t0: number; t: number[]; L: number[]; perc: number[]; bca: number[]; perc90: number[]; bca90: number[] }
const fx = readFixture<{ sets: Set[]; permutation: { x: number[]; y: number[]; observed: number; 'two.sided': number; greater: number; less: number } }>('resample.json');

const diffMean = (y: number[], g: number[]) => (idx: Int32Array) => {
  let s1 = 0, n1 = 0, s0 = 0, n0 = 0;
  for (const i of idx) if (g[i] === 1) { s1 += y[i]; n1++; } else { s0 += y[i]; n0++; }
  return s1 / n1 - s0 / n0;
};

describe.each(fx.sets.map((s) => [s.name, s] as const))('bootstrap intervals vs boot::boot.ci on R’s replicates: %s', (_n, s) => {
  it('percentile and BCa limits (95 % and 90 %)', () => {
    const p = percentileInterval(s.t, 0.95);
    const b = bcaInterval(s.t, s.t0, s.L, 0.95);
    expectLRE(p.lower, s.perc[0], 10, 'perc lower');
    expectLRE(p.upper, s.perc[1], 10, 'perc upper');
    expectLRE(b.lower, s.bca[0], 10, 'bca lower');
    expectLRE(b.upper, s.bca[1], 10, 'bca upper');
    expectLRE(percentileInterval(s.t, 0.9).lower, s.perc90[0], 10, 'perc90 lower');
    expectLRE(bcaInterval(s.t, s.t0, s.L, 0.9).upper, s.bca90[1], 10, 'bca90 upper');
  });

  it('jackknife influence values equal boot::empinf(type = "jack")', () => {
    const L = jackknifeInfluence(s.y.length, diffMean(s.y, s.g), s.g);
    s.L.forEach((v, i) => expectLRE(L[i], v, 10, `L[${i}]`));
  });

  it('our stratified bootstrap: reproducible, keeps stratum sizes, centred near t0', () => {
    const stat = diffMean(s.y, s.g);
    const a = bootstrap(s.y.length, stat, { B: 400, seed: 11, strata: s.g });
    const b = bootstrap(s.y.length, stat, { B: 400, seed: 11, strata: s.g });
    const c = bootstrap(s.y.length, stat, { B: 400, seed: 12, strata: s.g });
    expect(Array.from(a.t)).toEqual(Array.from(b.t));
    expect(Array.from(a.t)).not.toEqual(Array.from(c.t));
    expect(a.nonFinite).toBe(0); // strata keep both groups in every replicate
    const mean = a.t.reduce((x, y) => x + y, 0) / a.B;
    const sd = Math.sqrt(a.t.reduce((x, y) => x + (y - mean) ** 2, 0) / (a.B - 1));
    expect(Math.abs(mean - s.t0)).toBeLessThan(4 * sd / Math.sqrt(a.B) + 0.2 * sd);
  });
});

describe('permutation test', () => {
  const P = fx.permutation;
  it.each(['two.sided', 'greater', 'less'] as const)('exact p equals R’s enumeration (%s)', (alt) => {
    const r = permutationTest(P.x, P.y, { alternative: alt, exact: true });
    expect(r.permutations).toBe(462);
    expectLRE(r.p, P[alt], 12, 'p');
    expectLRE(r.statistic, P.observed, 12, 'statistic');
  });

  const more = readFixture<{ permutationMore: { name: string; x: number[]; y: number[]; observed: number; permutations: number; 'two.sided': number; greater: number; less: number }[] }>('resample.json').permutationMore;
  it.each(more.map((m) => [m.name, m] as const))('exact p equals R’s enumeration for every alternative: %s', (_n, m) => {
    for (const alt of ['two.sided', 'greater', 'less'] as const) {
      const r = permutationTest(m.x, m.y, { alternative: alt, exact: true });
      expect(r.permutations).toBe(m.permutations);
      expectLRE(r.p, m[alt], 12, `${alt} p`);
      expectLRE(r.statistic, m.observed, 12, 'statistic');
    }
  });

  it('Monte Carlo p approaches the exact p and is reproducible', () => {
    const a = permutationTest(P.x, P.y, { exact: false, B: 20000, seed: 3 });
    const b = permutationTest(P.x, P.y, { exact: false, B: 20000, seed: 3 });
    expect(a.p).toBe(b.p);
    expect(Math.abs(a.p - P['two.sided'])).toBeLessThan(4 * Math.sqrt((P['two.sided'] * (1 - P['two.sided'])) / 20000) + 1e-4);
  });

  it('property: p lies in (0, 1] and one-sided p-values cover the sample space', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 6 }), (x, y) => {
      const g = permutationTest(x, y, { alternative: 'greater', exact: true }).p;
      const l = permutationTest(x, y, { alternative: 'less', exact: true }).p;
      expect(g).toBeGreaterThan(0);
      expect(g + l).toBeGreaterThanOrEqual(1 - 1e-12);
    }), { numRuns: 50 });
  });
});

describe('bad input', () => {
  it.each([
    ['B < 1', () => bootstrap(5, () => 1, { B: 0, seed: 1 }), 'INVALID_ARGUMENT'],
    ['no observations', () => bootstrap(0, () => 1, { B: 10, seed: 1 }), 'EMPTY_INPUT'],
    ['strata of the wrong length', () => bootstrap(5, () => 1, { B: 10, seed: 1, strata: [0, 1] }), 'LENGTH_MISMATCH'],
    ['an empty permutation group', () => permutationTest([], [1, 2]), 'EMPTY_GROUP'],
    ['too many exact splits', () => permutationTest(Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => i), { exact: true }), 'INVALID_ARGUMENT'],
    ['a bad confidence level', () => percentileInterval([1, 2, 3], 1.5), 'INVALID_ARGUMENT'],
  ] as const)('%s → %s', (_l, f, code) => expectStatsError(f, code));
});
