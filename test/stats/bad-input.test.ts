/**
 * Bad input across the public numerical routines: empty groups, constant data, NaN/Infinity,
 * mismatched lengths and impossible options each give a StatsError with a code naming the
 * problem — never a result carrying a silent NaN.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as S from '../../src/stats/index.ts';
import { expectStatsError } from '../helpers/errors.ts';
import type { StatsErrorCode } from '../../src/stats/errors.ts';

const N = Number.NaN;
const I = Infinity;
const ones = (n: number, cols = 1) => {
  const X = S.zeros(n, cols);
  X.data.fill(1);
  return X;
};

const cases: readonly (readonly [string, () => unknown, StatsErrorCode])[] = [
  ['mean of no values', () => S.mean([]), 'EMPTY_INPUT'],
  ['mean with NaN', () => S.mean([1, N]), 'NON_FINITE'],
  ['mean with Infinity', () => S.mean([1, I]), 'NON_FINITE'],
  ['variance with NaN', () => S.variance([1, N, 2]), 'NON_FINITE'],
  ['sd with Infinity', () => S.sd([I, 1]), 'NON_FINITE'],
  ['quantile with NaN', () => S.quantile([1, N, 3], 0.5), 'NON_FINITE'],
  ['summarise refuses NaN by default', () => S.summarise([1, N]), 'NON_FINITE'],
  ['summarise with nothing left after omitting', () => S.summarise([N], { missing: 'omit' }), 'EMPTY_INPUT'],
  ['t test: constant groups', () => S.tTest([1, 1, 1], [2, 2, 2]), 'CONSTANT_DATA'],
  ['t test: empty group', () => S.tTest([], [1, 2]), 'EMPTY_GROUP'],
  ['t test: mu NaN', () => S.tTest([1, 2, 3], [2, 3, 5], { mu: N }), 'INVALID_ARGUMENT'],
  ['t test: unknown alternative', () => S.tTest([1, 2, 3], [2, 3, 5], { alternative: 'bigger' as never }), 'INVALID_ARGUMENT'],
  ['paired t: mu NaN', () => S.pairedTTest([1, 2, 4], [0, 1, 2], { mu: N }), 'INVALID_ARGUMENT'],
  ['paired t: confLevel 1', () => S.pairedTTest([1, 2, 4], [0, 1, 2], { confLevel: 1 }), 'INVALID_ARGUMENT'],
  ['paired t: unknown alternative', () => S.pairedTTest([1, 2, 4], [0, 1, 2], { alternative: 'up' as never }), 'INVALID_ARGUMENT'],
  ['rank-sum: unknown alternative', () => S.mannWhitney([1, 2], [3, 4], { alternative: 'x' as never }), 'INVALID_ARGUMENT'],
  ['rank-sum: confLevel 2', () => S.mannWhitney([1, 2, 5], [3, 4], { confLevel: 2 }), 'INVALID_ARGUMENT'],
  ['rank-sum: all tied', () => S.mannWhitney([1, 1, 1], [1, 1]), 'CONSTANT_DATA'],
  ['signed-rank: unknown alternative', () => S.signedRank([1, 2, 3], [0, 0, 0], { alternative: 'x' as never }), 'INVALID_ARGUMENT'],
  ['signed-rank: mu Infinity', () => S.signedRank([1, 2, 3], [0, 0, 0], { mu: I }), 'INVALID_ARGUMENT'],
  ['Fisher: unknown alternative', () => S.fisherExact([[1, 2], [3, 4]], { alternative: 'x' as never }), 'INVALID_ARGUMENT'],
  ['Fisher: empty row', () => S.fisherExact([[0, 0], [3, 4]]), 'EMPTY_GROUP'],
  ['Fisher: empty column', () => S.fisherExact([[0, 2], [0, 4]]), 'EMPTY_GROUP'],
  ['Fisher: confLevel 0', () => S.fisherExact([[1, 2], [3, 4]], { confLevel: 0 }), 'INVALID_ARGUMENT'],
  ['permutation: unknown alternative', () => S.permutationTest([1, 2], [3, 4], { alternative: 'x' as never }), 'INVALID_ARGUMENT'],
  ["Cohen's d: confLevel NaN", () => S.cohensD([1, 2, 3], [2, 3, 5], { confLevel: N }), 'INVALID_ARGUMENT'],
  ["Cohen's d: confLevel 1.5", () => S.cohensD([1, 2, 3], [2, 3, 5], { confLevel: 1.5 }), 'INVALID_ARGUMENT'],
  ["Cohen's d: standardiser NaN", () => S.cohensD([1, 2, 3], [2, 3, 5], { standardiser: N }), 'INVALID_ARGUMENT'],
  ["Cohen's d: constant groups", () => S.cohensD([1, 1], [1, 1]), 'CONSTANT_DATA'],
  ['d from a difference with a NaN estimate', () => S.dFromDifference({ estimate: N, lower: 1, upper: 2 }, 1), 'NON_FINITE'],
  ['pooled SD with NaN', () => S.pooledSd([1, N, 2], [1, 2]), 'NON_FINITE'],
  ['pooled SD with a single value', () => S.pooledSd([1], [1, 2]), 'EMPTY_GROUP'],
  ['noncentral-t interval for t = NaN', () => S.ncpInterval(N, 10), 'NON_FINITE'],
  ['noncentral-t interval with df 0', () => S.ncpInterval(1, 0), 'INVALID_ARGUMENT'],
  ['NNT from a NaN risk difference', () => S.numberNeededToTreat({ estimate: N, lower: N, upper: N }), 'INVALID_ARGUMENT'],
  ['NNT from an unordered interval', () => S.numberNeededToTreat({ estimate: 0.1, lower: 0.2, upper: 0.3 }), 'INVALID_ARGUMENT'],
  ['p.adjust with an unknown method', () => S.pAdjust([0.1, 0.2], 'sidak' as never), 'INVALID_ARGUMENT'],
  ['p.adjust with NaN', () => S.pAdjust([0.1, N], 'holm'), 'INVALID_ARGUMENT'],
  ['fixed sequence with alpha NaN', () => S.fixedSequence([0.01], N), 'INVALID_ARGUMENT'],
  ['bootstrap whose statistic is NaN on the data', () => S.bootstrap(5, () => N, { B: 10, seed: 1 }), 'NON_FINITE'],
  ['one-way ANOVA with an empty group', () => S.oneWayAnova([[1, 2], []]), 'EMPTY_GROUP'],
  ['OLS with a constant outcome', () => S.ols(ones(4), [2, 2, 2, 2], { columnNames: ['(Intercept)'] }), 'CONSTANT_DATA'],
  ['OLS with mismatched lengths', () => S.ols(ones(3), [1, 2]), 'LENGTH_MISMATCH'],
  ['Poisson GLM with every count 0', () => S.glm(ones(4), [0, 0, 0, 0], 'poisson-log'), 'NOT_ESTIMABLE'],
  ['negative binomial with every count 0', () => S.glmNegBin(ones(4), [0, 0, 0, 0]), 'NOT_ESTIMABLE'],
];

describe('bad input gives a typed error naming the problem', () => {
  it.each(cases)('%s', (_label, f, code) => expectStatsError(f, code));

  it('bootstrap intervals leave out non-finite replicates (failed refits) as boot.ci does, and count them', () => {
    const r = S.percentileInterval([1, N, 3, I, 2, 5, 4]);
    expect([r.replicates, r.nonFinite]).toEqual([5, 2]);
    expect(findNaN(r)).toBeNull();
    expectStatsError(() => S.bcaInterval([1, 2, 3, 4], N, [1, -1, 1, -1]), 'NON_FINITE');
  });

  it('the errors name the offending position', () => {
    expect(() => S.mean([1, 2, N])).toThrow(/x\[2\] is NaN/);
    expect(() => S.tTest([1, 2, 3], [2, 3, 5], { mu: N })).toThrow(/mu must be a finite number/);
  });
});

/** The first NaN anywhere in a JSON-able result (path), or null. */
function findNaN(v: unknown, path = 'result'): string | null {
  if (typeof v === 'number') return Number.isNaN(v) ? path : null;
  if (ArrayBuffer.isView(v)) {
    const a = v as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i])) return `${path}[${i}]`;
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const r = findNaN(x, `${path}.${k}`);
      if (r) return r;
    }
  }
  return null;
}

describe('property: two-sample routines either refuse the input with a StatsError or return no NaN', () => {
  const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(N, I, -I, 0, 1), fc.integer({ min: -3, max: 3 }));
  const sample = fc.array(value, { minLength: 0, maxLength: 8 });
  const alternative = fc.constantFrom('two.sided', 'less', 'greater') as fc.Arbitrary<S.Alternative>;
  const routines: readonly (readonly [string, (x: number[], y: number[], alt: S.Alternative) => unknown])[] = [
    ['tTest (Welch)', (x, y, alternative) => S.tTest(x, y, { alternative })],
    ['tTest (Student)', (x, y, alternative) => S.tTest(x, y, { alternative, varEqual: true })],
    ['pairedTTest', (x, y, alternative) => S.pairedTTest(x, y, { alternative })],
    ['mannWhitney', (x, y, alternative) => S.mannWhitney(x, y, { alternative })],
    ['signedRank', (x, y, alternative) => S.signedRank(x, y, { alternative })],
    ['permutationTest', (x, y, alternative) => S.permutationTest(x, y, { alternative })],
    ['cohensD', (x, y) => S.cohensD(x, y)],
    ['summarise', (x) => S.summarise(x)],
    ['oneWayAnova', (x, y) => S.oneWayAnova([x, y])],
  ];
  it.each(routines)('%s', (_name, f) => {
    fc.assert(
      fc.property(sample, sample, alternative, (x, y, alt) => {
        let r: unknown;
        try {
          r = f(x, y, alt);
        } catch (e) {
          expect(e).toBeInstanceOf(S.StatsError);
          return;
        }
        expect(findNaN(r)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('regressions found by the property tests', () => {
  it('Welch df survive variances whose squares underflow (x = [0, −3.1e−162], y = [0, 0])', () => {
    const r = S.tTest([0, -3.1434555694052576e-162], [0, 0]);
    expect(r.df).toBe(1);
    expect(findNaN(r)).toBeNull();
  });
});
