import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pairedTTest } from '../../src/stats/hypothesis/paired-t.ts';
import { chiSquareTest } from '../../src/stats/hypothesis/chi-square.ts';
import { fisherExact } from '../../src/stats/hypothesis/fisher.ts';
import { mannWhitney, rankSumDistribution } from '../../src/stats/hypothesis/mann-whitney.ts';
import { signedRank } from '../../src/stats/hypothesis/signed-rank.ts';
import type { Alternative } from '../../src/stats/dist/continuous.ts';
import { expectStatsError } from '../helpers/errors.ts';
import { StatsError } from '../../src/stats/errors.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { expectLRE } from '../helpers/lre.ts';

type Num = number | 'Inf' | '-Inf';
const num = (v: Num): number => (v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v);
interface Res { alternative: Alternative; statistic: number; df?: number; p: number; estimate: Num; lower: Num; upper: Num }
interface Case { name: string; x: number[]; y: number[]; results: Res[] }
const fx = readFixture<{ rankSum: Case[]; signedRank: Case[]; pairedT: Case[]; fisher: { table: number[][]; results: Res[] }[]; chisq: { table: number[][]; yates: Res; plain: Res }[] }>('hypothesis-tests.json');

/** Rank-test results vs R: statistic, p, and estimate/limits (exact or on R's uniroot path). */
function expectRankTest(got: { statistic: number; p: number; estimate: number; lower: number; upper: number }, r: Res) {
  expect(got.statistic).toBe(r.statistic);
  expectLRE(got.p, r.p, 8, `${r.alternative} p`);
  for (const [k, v] of [['estimate', got.estimate], ['lower', got.lower], ['upper', got.upper]] as const) expectBound(v, r[k], 10, `${r.alternative} ${k}`);
}

function expectBound(got: number, ref: Num, min: number, label: string) {
  const r = num(ref);
  if (!Number.isFinite(r)) expect(got, label).toBe(r);
  else expectLRE(got, r, min, label);
}

describe('paired t vs R t.test(paired = TRUE)', () => {
  it.each(fx.pairedT.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    for (const r of c.results) {
      const got = pairedTTest(c.x, c.y, { alternative: r.alternative });
      expectLRE(got.statistic, r.statistic, 10, `${r.alternative} t`);
      expectLRE(got.p, r.p, 8, `${r.alternative} p`);
      expectBound(got.lower, r.lower, 10, `${r.alternative} lower`);
      expectBound(got.upper, r.upper, 10, `${r.alternative} upper`);
    }
  });
});

describe('χ² test vs R chisq.test (with and without Yates)', () => {
  it.each(fx.chisq.map((c, i) => [i, c] as const))('table %s', (_i, c) => {
    const y = chiSquareTest(c.table);
    const p = chiSquareTest(c.table, { correct: false });
    expectLRE(y.statistic, c.yates.statistic, 10, 'X² (Yates)');
    expectLRE(y.p, c.yates.p, 8, 'p (Yates)');
    expectLRE(p.statistic, c.plain.statistic, 10, 'X²');
    expectLRE(p.p, c.plain.p, 8, 'p');
    expect(y.df).toBe(c.yates.df);
  });
});

describe("Fisher's exact test vs R fisher.test (MLE and CI from a tight-tolerance R reference)", () => {
  it.each(fx.fisher.map((c) => [JSON.stringify(c.table), c] as const))('%s', (_l, c) => {
    const t = c.table as unknown as [[number, number], [number, number]];
    for (const r of c.results) {
      const got = fisherExact(t, { alternative: r.alternative });
      expectLRE(got.p, r.p, 8, `${r.alternative} p`);
      expectBound(got.estimate, r.estimate, 10, `${r.alternative} OR`);
      expectBound(got.lower, r.lower, 10, `${r.alternative} lower`);
      expectBound(got.upper, r.upper, 10, `${r.alternative} upper`);
    }
  });
});

describe('Wilcoxon rank-sum (Mann–Whitney) and Hodges–Lehmann vs R wilcox.test', () => {
  it.each(fx.rankSum.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    for (const r of c.results) {
      expectRankTest(mannWhitney(c.x, c.y, { alternative: r.alternative }), r);
    }
  });

  it('the exact null distribution sums to 1 and is symmetric', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 25 }), (m, n) => {
      const d = rankSumDistribution(m, n);
      expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let w = 0; w < d.length; w++) expect(d[w]).toBeCloseTo(d[d.length - 1 - w], 14);
    }), { numRuns: 30 });
  });
});

describe('Wilcoxon signed-rank and pseudo-median vs R wilcox.test(paired = TRUE)', () => {
  it.each(fx.signedRank.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    for (const r of c.results) {
      expectRankTest(signedRank(c.x, c.y, { alternative: r.alternative }), r);
    }
  });
});

describe('bad input', () => {
  it.each([
    ['paired t with unequal lengths', () => pairedTTest([1, 2, 3], [1, 2]), 'LENGTH_MISMATCH'],
    ['χ² with an empty row', () => chiSquareTest([[0, 0], [3, 4]]), 'EMPTY_GROUP'],
    ['χ² with a negative count', () => chiSquareTest([[1, -2], [3, 4]]), 'INVALID_ARGUMENT'],
    ['Fisher with a fractional count', () => fisherExact([[1.5, 2], [3, 4]]), 'INVALID_ARGUMENT'],
    ['rank-sum with an empty group', () => mannWhitney([], [1, 2]), 'EMPTY_GROUP'],
    ['signed-rank with all-zero differences', () => signedRank([1, 2], [1, 2]), 'CONSTANT_DATA'],
    ['rank-sum with NaN', () => mannWhitney([1, Number.NaN], [1, 2]), 'NON_FINITE'],
  ] as const)('%s → %s', (_l, f, code) => expectStatsError(f, code));
});

interface OptCase { name: string; x: number[]; y: number[]; paired: boolean; exact: boolean | Record<string, never>; correct: boolean; results: Res[] }
const opts = readFixture<{ rankOptions: OptCase[] }>('hypothesis-tests.json').rankOptions;

describe('rank tests with options vs R wilcox.test (normal approximation without ties, exact = FALSE, correct = FALSE)', () => {
  it.each(opts.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const exact = typeof c.exact === 'boolean' ? c.exact : undefined;
    for (const r of c.results) {
      const o = { alternative: r.alternative, exact, correct: c.correct };
      const got = c.paired ? signedRank(c.x, c.y, o) : mannWhitney(c.x, c.y, o);
      expect(got.method).not.toContain('exact');
      expect(got.options.correct).toBe(c.correct);
      expect(got.method.includes('continuity correction')).toBe(c.correct);
      expectRankTest(got, r);
    }
  });
});
