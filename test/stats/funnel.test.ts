/**
 * Funnel-plot limits (src/stats/effects/funnel.ts). Values against R are in
 * test/rollout/sample.test.ts (test/reference/rollout.R); here the properties and hostile input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binomialFunnelLimit, binomialFunnelLimits } from '../../src/stats/effects/funnel.ts';
import { pairedTFromSummary, pairedTTest } from '../../src/stats/hypothesis/paired-t.ts';
import { StatsError } from '../../src/stats/errors.ts';

describe('binomial funnel limits', () => {
  it('nest (99.8 % outside 95 %), stay in [0, 1] and narrow as n grows', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (n, theta) => {
      const a = binomialFunnelLimits(n, theta, 0.95);
      const b = binomialFunnelLimits(n, theta, 0.998);
      expect(0 <= b.lower && b.lower <= a.lower && a.lower <= a.upper && a.upper <= b.upper && b.upper <= 1).toBe(true);
    }));
    fc.assert(fc.property(fc.integer({ min: 20, max: 5000 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (n, theta) => {
      const a = binomialFunnelLimits(n, theta, 0.95);
      const wide = binomialFunnelLimits(n * 4, theta, 0.95);
      expect(wide.upper - wide.lower).toBeLessThanOrEqual(a.upper - a.lower + 1e-12);
    }));
  });

  it('approach θ₀ ± z·√(θ₀(1 − θ₀)/n) for large n', () => {
    const n = 100_000;
    const theta = 0.4;
    const a = binomialFunnelLimits(n, theta, 0.95);
    const half = 1.959963984540054 * Math.sqrt((theta * (1 - theta)) / n);
    expect(a.upper - theta).toBeCloseTo(half, 4);
    expect(theta - a.lower).toBeCloseTo(half, 4);
  });

  it.each([
    ['n = 0', () => binomialFunnelLimit(0.975, 0, 0.5)],
    ['n not whole', () => binomialFunnelLimit(0.975, 2.5, 0.5)],
    ['θ = 0', () => binomialFunnelLimit(0.975, 10, 0)],
    ['θ = 1', () => binomialFunnelLimit(0.975, 10, 1)],
    ['p = 1', () => binomialFunnelLimit(1, 10, 0.5)],
    ['level 1', () => binomialFunnelLimits(10, 0.5, 1)],
  ])('refuses %s', (_l, f) => {
    expect(f).toThrow(StatsError);
  });
});

describe('paired t from a summary', () => {
  it('equals the paired t test on the values it summarises', () => {
    const x = [12.1, 15.3, 9.8, 14.2, 11.0, 13.3];
    const y = [10.0, 13.7, 9.9, 11.2, 10.5, 12.0];
    const d = x.map((v, i) => v - y[i]);
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    const v = d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1);
    const a = pairedTTest(x, y);
    const b = pairedTFromSummary({ n: d.length, mean: m, variance: v });
    for (const k of ['estimate', 'lower', 'upper', 'p', 'df'] as const) expect(b[k]).toBeCloseTo(a[k], 12);
  });

  it('refuses fewer than two pairs and a zero variance', () => {
    expect(() => pairedTFromSummary({ n: 1, mean: 1, variance: 1 })).toThrow(StatsError);
    expect(() => pairedTFromSummary({ n: 5, mean: 1, variance: 0 })).toThrow(StatsError);
  });
});
