/**
 * Properties of the trial-effect GLMs over arbitrary small data: every call either throws a
 * StatsError or returns finite numbers, and the invariants that tie them to the crude measures hold.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { factor, numeric } from '../../../../src/stats/design/model-matrix.ts';
import { marginalBinaryEffects } from '../../../../src/stats/models/glm/marginal-binary.ts';
import { countRateRatios } from '../../../../src/stats/models/glm/rate-ratios.ts';
import type { FactorVariable } from '../../../../src/stats/models/glm/arm-model.ts';
import { StatsError } from '../../../../src/stats/errors.ts';
import { riskDifference, riskRatio } from '../../../../src/stats/effects/binary.ts';

const ARMS = ['c', 't', 'u'];
const arm = (codes: number[], k: number) => factor('arm', codes.map((c) => ARMS[c % k]), ARMS.slice(0, k)) as FactorVariable;

function finiteDeep(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(finiteDeep);
  if (x instanceof Float64Array) return x.every(Number.isFinite);
  if (x && typeof x === 'object') return Object.values(x).every((v) => v === null || finiteDeep(v));
  return true;
}

function throwsStatsErrorOrFinite(f: () => unknown): void {
  try {
    expect(finiteDeep(f())).toBe(true);
  } catch (e) {
    if (!(e instanceof StatsError)) throw e;
  }
}

const rows = (gen: fc.Arbitrary<number>) => fc.array(fc.record({ a: fc.nat(5), x: fc.double({ min: -50, max: 50, noNaN: true }), s: fc.nat(2), y: gen, t: fc.double({ min: 0.05, max: 10, noNaN: true }) }), { minLength: 0, maxLength: 40 });

describe('marginal binary effects: StatsError or finite numbers', () => {
  it.each([2, 3])('%i arms, with and without covariates and strata', (k) => {
    fc.assert(fc.property(rows(fc.integer({ min: 0, max: 1 })), fc.boolean(), fc.constantFrom('ye-2023', 'ge-hc0') as fc.Arbitrary<'ye-2023' | 'ge-hc0'>, (rs, withCov, variance) => {
      throwsStatsErrorOrFinite(() => marginalBinaryEffects({
        y: rs.map((r) => r.y), arm: arm(rs.map((r) => r.a), k),
        covariates: withCov ? [numeric('x', rs.map((r) => r.x))] : [],
        strata: withCov ? [factor('s', rs.map((r) => String(r.s)), ['0', '1', '2']) as FactorVariable] : [],
      }, { variance, comparisons: 'all-pairs' }));
    }), { numRuns: 150 });
  });
});

describe('count rate ratios: StatsError or finite numbers', () => {
  it.each(['poisson', 'negative-binomial'] as const)('%s', (model) => {
    fc.assert(fc.property(rows(fc.nat(12)), fc.boolean(), (rs, withCov) => {
      throwsStatsErrorOrFinite(() => countRateRatios({
        y: rs.map((r) => r.y), arm: arm(rs.map((r) => r.a), 2), exposure: rs.map((r) => r.t),
        covariates: withCov ? [numeric('x', rs.map((r) => r.x))] : [],
      }, model));
    }), { numRuns: 100 });
  });
});

describe('invariants', () => {
  it('no covariates, two arms: standardised RD, RR and OR equal the crude ones', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 29 }), fc.integer({ min: 1, max: 29 }), (e1, e0) => {
      const n1 = 30;
      const n0 = 30;
      const y = [...Array(n1).keys()].map((i) => (i < e1 ? 1 : 0)).concat([...Array(n0).keys()].map((i) => (i < e0 ? 1 : 0)));
      const a = arm(y.map((_, i) => (i < n1 ? 1 : 0)), 2);
      const res = marginalBinaryEffects({ y, arm: a });
      const c = res.comparisons[0];
      const [p1, p0] = [e1 / n1, e0 / n0];
      expect(c.riskDifference.estimate).toBeCloseTo(riskDifference(e1, n1, e0, n0).estimate, 12);
      expect(c.riskRatio.estimate).toBeCloseTo(riskRatio(e1, n1, e0, n0).estimate!, 10);
      expect(c.oddsRatio.estimate).toBeCloseTo((p1 / (1 - p1)) / (p0 / (1 - p0)), 9);
      // The HC0 delta-method SE of the crude RD is the Wald SE with n (not n − 1) denominators.
      const ge = marginalBinaryEffects({ y, arm: a }, { variance: 'ge-hc0' }).comparisons[0];
      expect(ge.riskDifference.se).toBeCloseTo(Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0), 12);
      // … and that of the log RR the crude one, √(1/e₁ − 1/n₁ + 1/e₀ − 1/n₀): the same Wald interval.
      expect(ge.riskRatio.lower).toBeCloseTo(riskRatio(e1, n1, e0, n0).lower!, 10);
      expect(ge.riskRatio.upper).toBeCloseTo(riskRatio(e1, n1, e0, n0).upper!, 9);
    }), { numRuns: 60 });
  });

  it('the standardised risks average the counterfactual predictions: a zero covariate changes nothing', () => {
    const y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1];
    const a = arm([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 2);
    const plain = marginalBinaryEffects({ y, arm: a });
    const withConst = marginalBinaryEffects({ y, arm: a, covariates: [factor('site', y.map(() => 'A'), ['A'])] });
    expect(withConst.comparisons[0].riskDifference.estimate).toBeCloseTo(plain.comparisons[0].riskDifference.estimate, 12);
  });

  it('Poisson with no covariates: the rate ratio is the ratio of crude rates (events / exposure)', () => {
    const y = [3, 0, 2, 5, 1, 4, 0, 2, 6, 1];
    const t = [1, 0.5, 2, 3, 1, 2, 1, 1.5, 2.5, 0.7];
    const a = arm([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], 2);
    const res = countRateRatios({ y, arm: a, exposure: t }, 'poisson');
    const rate = (idx: number[]) => idx.reduce((s, i) => s + y[i], 0) / idx.reduce((s, i) => s + t[i], 0);
    expect(res.comparisons[0].rateRatio.estimate).toBeCloseTo(rate([5, 6, 7, 8, 9]) / rate([0, 1, 2, 3, 4]), 12);
    expect(res.rates[1].crudeRate).toBeCloseTo(rate([5, 6, 7, 8, 9]), 14);
  });

  it('comparisons are antisymmetric: c vs t is the negative log of t vs c', () => {
    const y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0];
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    const a = arm([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 3);
    const d = { y, arm: a, covariates: [numeric('x', x)] };
    const fwd = marginalBinaryEffects(d, { comparisons: [{ treatment: 'u', control: 't' }] }).comparisons[0];
    const back = marginalBinaryEffects(d, { comparisons: [{ treatment: 't', control: 'u' }] }).comparisons[0];
    expect(back.riskDifference.estimate).toBeCloseTo(-fwd.riskDifference.estimate, 14);
    expect(back.riskRatio.log.se).toBeCloseTo(fwd.riskRatio.log.se, 14);
    expect(back.oddsRatio.p).toBeCloseTo(fwd.oddsRatio.p, 14);
  });
});

describe('problems are named StatsErrors', () => {
  const a = arm([0, 0, 0, 0, 1, 1, 1, 1], 2);
  const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as StatsError).code; } return 'none'; };
  it('a zero cell (no events in an arm) is SEPARATION naming the arm', () => {
    expect(() => marginalBinaryEffects({ y: [0, 0, 0, 0, 1, 0, 1, 1], arm: a })).toThrow(/arm "c": no participant has the event/);
    expect(code(() => marginalBinaryEffects({ y: [1, 1, 1, 1, 1, 0, 1, 1], arm: a }))).toBe('SEPARATION');
  });
  it('separation by a covariate is SEPARATION', () => {
    const y = [0, 0, 1, 1, 0, 0, 1, 1];
    expect(code(() => marginalBinaryEffects({ y, arm: a, covariates: [numeric('dose', [1, 2, 8, 9, 1, 2, 8, 9])] }))).toBe('SEPARATION');
  });
  it('outcomes, exposures, arms and comparisons out of range', () => {
    expect(code(() => marginalBinaryEffects({ y: [0, 1, 2, 0, 1, 0, 1, 0], arm: a }))).toBe('INVALID_ARGUMENT');
    expect(code(() => marginalBinaryEffects({ y: [0, 1, 0, 1, 1, 0, 1, 0], arm: a }, { comparisons: [{ treatment: 'z', control: 'c' }] }))).toBe('INVALID_ARGUMENT');
    expect(code(() => countRateRatios({ y: [0, 1, 2.5, 0, 1, 0, 1, 0], arm: a }, 'poisson'))).toBe('INVALID_ARGUMENT');
    expect(code(() => countRateRatios({ y: [0, 1, 2, 0, 1, 0, 1, 0], arm: a, exposure: [1, 1, 0, 1, 1, 1, 1, 1] }, 'poisson'))).toBe('INVALID_ARGUMENT');
    expect(code(() => countRateRatios({ y: [0, 0, 0, 0, 1, 0, 1, 0], arm: a }, 'poisson'))).toBe('NOT_ESTIMABLE');
    expect(code(() => countRateRatios({ y: [0, 1, 2, 0, 1, 0, 1, 0], arm: a }, 'negative-binomial', { variance: 'robust-hc0' }))).toBe('INVALID_ARGUMENT');
    expect(code(() => marginalBinaryEffects({ y: [0, 1, 0, 1], arm: arm([0, 0, 0, 0], 2) }))).toBe('EMPTY_GROUP');
    expect(code(() => marginalBinaryEffects({ y: [0, 1, 0, Number.NaN, 1, 0, 1, 0], arm: a }))).toBe('NON_FINITE');
  });
  it('zero counts separated by a covariate (a diverging Poisson fit, found by fuzzing) are NOT_ESTIMABLE', () => {
    const d = { y: [5, 0, 3, 937], arm: arm([0, 0, 1, 1], 2), exposure: [4.94, 162.3, 1.56e-6, 7422], covariates: [numeric('x', [2, 5.9e-205, 1.7e-99, 5.7e-302])] };
    expect(() => countRateRatios(d, 'poisson')).toThrow(/diverges: 1 participant\(s\) with fitted rates near 0 \(rows 1\)/);
  });
  it('a covariate that duplicates the arm is dropped (as R gives it an NA coefficient) with a warning naming it', () => {
    const res = marginalBinaryEffects({ y: [0, 1, 0, 1, 1, 0, 1, 1], arm: a, covariates: [numeric('dup', [0, 0, 0, 0, 1, 1, 1, 1])] });
    expect(res.warnings.join(' ')).toMatch(/column dup is aliased/);
    expect(res.comparisons[0].riskDifference.estimate).toBeCloseTo(0.75 - 0.5, 12);
  });
});
