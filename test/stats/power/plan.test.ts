/**
 * planPower against the closed forms and R functions written out in test/reference/power.R:
 * each scenario's formula n per arm, power or minimum detectable effect at LRE ≥ 8, and the
 * recruited n after dropout and the design effect exactly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';
import { planPower, StatsError, type PowerInput } from '../../../src/stats/index.ts';

interface Scenario {
  input: PowerInput & Record<string, unknown>;
  solve: 'n' | 'power' | 'effect';
  designEffect: number;
  n0: number;
  recruit?: number | number[];
  power?: number;
  theta?: number;
}
const fx = readFixture<{ plan: Scenario[]; schoenfeldEvents: { hr: number[]; ratio: number[]; power: number[]; D: number[] } }>('power.json');
const label = (s: Scenario) => `${s.input.design}: solve ${s.solve} from ${JSON.stringify(s.input)}`;

describe('planPower against R (test/reference/power.R)', () => {
  it.each(fx.plan.map((s) => [label(s), s] as const))('%s', (_, s) => {
    const r = planPower(s.input);
    expect(r.solvedFor).toBe(s.solve);
    expectLRE(r.adjustments.designEffect, s.designEffect, 15, 'design effect');
    const first = r.design === 'single-arm' ? 'cohort' : 'control';
    expectLRE(r.sampleSize.perArm[first], s.n0, 8, 'formula n (control arm)');
    if (s.solve === 'n') expect(Object.values(r.sampleSize.recruit)).toEqual([s.recruit].flat());
    if (s.solve === 'power') expectLRE(r.power, s.power as number, 8, 'power');
    if (s.solve === 'effect') expectLRE(r.effect.value, s.theta as number, 8, 'minimum detectable effect');
  });

  it('the acceptance example: d = 0.5, power 0.8, α 0.05 → 63.77 per arm, 64 rounded up', () => {
    const r = planPower({ design: 'two-sample', effectSize: 0.5, power: 0.8, alpha: 0.05 });
    expect(r.sampleSize.perArm.control.toFixed(2)).toBe('63.77');
    expect(r.sampleSize.perArmRoundedUp).toEqual({ control: 64, intervention: 64 });
    expect(r.sampleSize.recruitTotal).toBe(128);
  });

  it('Schoenfeld events', () => {
    fx.schoenfeldEvents.hr.forEach((hr, i) => {
      const r = planPower({ design: 'log-rank', controlRate: 0.3, effectSize: hr, power: fx.schoenfeldEvents.power[i], ratio: fx.schoenfeldEvents.ratio[i] });
      expectLRE(r.events?.expected as number, fx.schoenfeldEvents.D[i], 8, `events for HR ${hr}`);
    });
  });
});

describe('planPower invariants', () => {
  const designs = [
    { design: 'two-sample', effectSize: 0.4 },
    { design: 'ancova', effectSize: 0.4, rho: 0.5 },
    { design: 'single-arm', effectSize: 0.4 },
    { design: 'proportions', controlRate: 0.37, delta: 0.15 },
    { design: 'proportions', controlRate: 0.37, delta: 0.15, method: 'pooled-z' },
    { design: 'risk-ratio', controlRate: 0.3, effectSize: 1.5 },
    { design: 'negative-binomial', controlRate: 0.6, effectSize: 0.7, dispersion: 1 },
    { design: 'log-rank', controlRate: 0.3, effectSize: 0.7 },
  ] as const;

  it('solving n, then power at that n, gives back the target; the MDE at that n is the effect', () => {
    fc.assert(
      fc.property(fc.constantFrom(...designs), fc.double({ min: 0.55, max: 0.95, noNaN: true }), fc.double({ min: 0.5, max: 3, noNaN: true }), (d, power, ratio) => {
        const r = planPower({ ...d, power, ratio } as PowerInput);
        const n = r.sampleSize.perArm[r.design === 'single-arm' ? 'cohort' : 'control'];
        const back = planPower({ ...d, power: null, n, ratio } as PowerInput);
        expect(Math.abs(back.power - power)).toBeLessThan(1e-9);
        const { effectSize: _e, delta: _d, ...rest } = d as Record<string, unknown>;
        const mde = planPower({ ...rest, power, n, ratio, direction: r.effect.value > (r.effect.metric === 'd' ? 0 : r.effect.metric === 'intervention-rate' ? (r.effect.controlRate as number) : 1) ? 'increase' : 'decrease' } as PowerInput);
        expect(Math.abs(mde.effect.value - r.effect.value) / Math.abs(r.effect.value)).toBeLessThan(1e-7);
      }),
      { numRuns: 60 },
    );
  });

  it('more participants never lower the power; dropout and the design effect never lower the recruited n', () => {
    fc.assert(
      fc.property(fc.constantFrom(...designs), fc.integer({ min: 10, max: 400 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), (d, n, dropout, icc) => {
        const a = planPower({ ...d, n } as PowerInput).power;
        const b = planPower({ ...d, n: n + 5 } as PowerInput).power;
        expect(b).toBeGreaterThanOrEqual(a - 1e-12);
        const plain = planPower({ ...d, power: 0.8 } as PowerInput).sampleSize.recruitTotal;
        const adjusted = planPower({ ...d, power: 0.8, dropout, icc, clusterSize: 8 } as PowerInput).sampleSize.recruitTotal;
        expect(adjusted).toBeGreaterThanOrEqual(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('recruit = ⌈n·DE/(1 − dropout)⌉ per arm', () => {
    const r = planPower({ design: 'two-sample', effectSize: 0.5, power: 0.8, dropout: 0.2, icc: 0.05, clusterSize: 8 });
    const n = r.sampleSize.perArm.control;
    expect(r.sampleSize.recruit.control).toBe(Math.ceil((n * 1.35) / 0.8));
  });

  it('intervention-only clustering: Var(difference) = σ²(DE/n₁ + 1/n₀) at the recruited sizes', () => {
    const r = planPower({ design: 'two-sample', effectSize: 0.5, n: 80, icc: 0.1, clusterSize: 8, clusterArms: 'intervention' });
    const de = 1.7;
    const equivalent = planPower({ design: 'two-sample', effectSize: 0.5, n: 80, ratio: 1 / de });
    expectLRE(r.power, equivalent.power, 12, 'same power as an unclustered trial with n₁ = 80/DE');
  });
});

describe('planPower refuses bad input with the field to fix', () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['nothing left to solve', { design: 'two-sample', effectSize: 0.5, power: 0.8, n: 50 }, 'power'],
    ['two things missing', { design: 'two-sample', effectSize: 0.5 }, 'n'],
    ['unknown design', { design: 'crossover', effectSize: 0.5, power: 0.8 }, 'design'],
    ['alpha out of range', { design: 'two-sample', effectSize: 0.5, power: 0.8, alpha: 1.5 }, 'alpha'],
    ['power below alpha', { design: 'two-sample', effectSize: 0.5, power: 0.01 }, 'power'],
    ['dropout of 1', { design: 'two-sample', effectSize: 0.5, power: 0.8, dropout: 1 }, 'dropout'],
    ['negative ICC', { design: 'two-sample', effectSize: 0.5, power: 0.8, icc: -0.1, clusterSize: 8 }, 'icc'],
    ['ANCOVA without rho', { design: 'ancova', effectSize: 0.5, power: 0.8 }, 'rho'],
    ['delta without sd', { design: 'two-sample', delta: 5, power: 0.8 }, 'sd'],
    ['zero effect', { design: 'two-sample', effectSize: 0, power: 0.8 }, 'effectSize'],
    ['rate outside (0, 1)', { design: 'proportions', controlRate: 1.2, delta: 0.1, power: 0.8 }, 'controlRate'],
    ['intervention rate above 1', { design: 'proportions', controlRate: 0.9, delta: 0.2, power: 0.8 }, 'delta'],
    ['risk ratio making p > 1', { design: 'risk-ratio', controlRate: 0.6, effectSize: 2, power: 0.8 }, 'effectSize'],
    ['NB without dispersion', { design: 'negative-binomial', controlRate: 0.5, effectSize: 0.7, power: 0.8 }, 'dispersion'],
    ['hazard ratio of 1', { design: 'log-rank', controlRate: 0.3, effectSize: 1, power: 0.8 }, 'effectSize'],
    ['NaN n', { design: 'two-sample', effectSize: 0.5, n: Number.NaN }, 'n'],
    ['too few after dropout', { design: 'two-sample', effectSize: 0.5, n: 2, dropout: 0.5 }, 'n'],
  ];
  it.each(bad)('%s', (_, input, field) => {
    try {
      planPower(input as unknown as PowerInput);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(StatsError);
      expect((e as StatsError).details.field).toBe(field);
    }
  });

  it('an unreachable power is NOT_ESTIMABLE, naming the best power there is', () => {
    expect(() => planPower({ design: 'negative-binomial', controlRate: 0.5, dispersion: 5, n: 20, power: 0.99 })).toThrow(/highest power/);
  });
});
