/**
 * Settlement precision: the exact distribution (exact.ts) against a brute-force enumeration of
 * every possible count path settled by the engine itself; the simulation against the exact
 * result within Monte Carlo error; and bad input refused with the fix.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { binomial } from '../../src/stats/dist/discrete.ts';
import { emptyState, settlePeriod, type EngineMetric } from '../../src/rollout/settle/engine.ts';
import { exactTotal, summariseExact } from '../../src/rollout/precision/exact.ts';
import { settlementPrecision, spreadCitizens } from '../../src/rollout/precision/precision.ts';
import { loadContract, parseContract, type Contract } from '../../src/rollout/contract/load.ts';
import { RolloutInputError } from '../../src/rollout/errors.ts';
import { repoRoot } from '../helpers/fixtures.ts';

/** A contract with fixed counterfactuals (no trial file needed), built the way loadContract resolves one. */
function handContract(over: Record<string, unknown> = {}, metricOver: Array<Record<string, unknown>> = [{}, {}]): Contract {
  const src = parseContract(
    {
      id: 'hand',
      title: { da: 'hånd', en: 'hand' },
      parties: { fund: 'F', partnership: 'P', agency: 'A' },
      trialResults: { file: 'none.json' },
      visits: { baseline: 'b', followUp: 'f' },
      municipalities: [{ id: 'Kolding' }],
      paymentMetrics: [
        { id: 'm1', name: { da: 'a', en: 'a' }, definition: { da: 'a', en: 'a' }, rule: { type: 'change', outcome: 'y', threshold: 1 }, pricePerOutcome: 1000, counterfactual: { source: 'fixed', rate: 0.3, lower: 0.2, upper: 0.4, reference: 'assumed' }, ...metricOver[0] },
        { id: 'm2', name: { da: 'b', en: 'b' }, definition: { da: 'b', en: 'b' }, rule: { type: 'change', outcome: 'z', threshold: 1 }, pricePerOutcome: 700, counterfactual: { source: 'fixed', rate: 0.25, lower: 0.2, upper: 0.3, reference: 'assumed' }, ...metricOver[1] },
      ],
      periods: [{ id: 'P1', from: '2024-01-01', to: '2024-06-30' }, { id: 'P2', from: '2024-07-01', to: '2024-12-31' }, { id: 'P3', from: '2025-01-01', to: '2025-06-30' }],
      investor: { prefinancingPerCitizen: 100 },
      ...over,
    },
    'hand.json',
  );
  const metrics = src.paymentMetrics.map((m) => {
    const cf = m.counterfactual as { rate: number; lower: number; upper: number; reference: string };
    return {
      id: m.id, name: m.name, definition: m.definition, rule: m.rule, pricePerOutcome: m.pricePerOutcome, floor: m.floor, cap: m.cap ?? null, scenarioEffect: null,
      counterfactual: { source: 'fixed' as const, rate: cf.rate, lower: cf.lower, upper: cf.upper, events: null, n: null, arm: null, resultsMetric: null, method: 'agreed', reference: cf.reference },
      counterfactualUsed: src.counterfactualBound === 'upper-confidence-limit' ? cf.upper : cf.rate,
      benchmark: null,
    };
  });
  return { source: src, file: 'hand.json', sha256: '0'.repeat(64), trial: { id: 'none', title: { da: '', en: '' }, resultsFile: 'none.json', resultsSha256: '' }, metrics, periods: src.periods, businessCase: null };
}

/** Every count path (A_kt for all k, t) with its probability, settled by the engine: the exact distribution by brute force. */
function bruteForce(citizens: number[], metrics: Array<EngineMetric & { q: number }>, carryOver: 'deficit' | 'none', limits: { floor: number; cap: number | null }): Map<number, number> {
  const out = new Map<number, number>();
  const K = metrics.length;
  const T = citizens.length;
  const dims = Array.from({ length: K * T }, (_, i) => citizens[i % T] + 1);
  const total = dims.reduce((a, b) => a * b, 1);
  for (let code = 0; code < total; code++) {
    let rest = code;
    const counts = dims.map((d) => {
      const a = rest % d;
      rest = Math.floor(rest / d);
      return a;
    });
    let p = 1;
    let state = emptyState;
    let pay = 0;
    for (let t = 0; t < T; t++) {
      const c = Object.fromEntries(metrics.map((m, k) => [m.id, { citizens: citizens[t], achieved: counts[k * T + t] }]));
      metrics.forEach((m, k) => (p *= binomial.pmf(counts[k * T + t], citizens[t], m.q)));
      const [r] = settlePeriod({ metrics, limits, carryOver, final: t === T - 1, municipalities: [{ id: 'x', counts: c, state }] });
      state = r.state;
      pay += r.payment;
    }
    const v = Math.round(pay * 100) / 100;
    out.set(v, (out.get(v) ?? 0) + p);
  }
  return out;
}

describe('exact distribution of the payment', () => {
  const cases: Array<[string, 'deficit' | 'none', Partial<EngineMetric>, { floor: number; cap: number | null }]> = [
    ['deficit carry-over', 'deficit', {}, { floor: 0, cap: null }],
    ['no carry-over', 'none', {}, { floor: 0, cap: null }],
    ['deficit with a metric cap and floor', 'deficit', { cap: 2500, floor: 300 }, { floor: 0, cap: null }],
    ['deficit with contract limits', 'deficit', {}, { floor: 500, cap: 4000 }],
  ];
  it.each(cases)('%s: equals every path settled by the engine', (_, carry, extra, limits) => {
    const citizens = [3, 2, 4];
    const metrics = [
      { id: 'm1', pricePerOutcome: 1000, counterfactual: 0.3, floor: 0, cap: null, q: 0.5, ...extra },
      { id: 'm2', pricePerOutcome: 700, counterfactual: 0.25, floor: 0, cap: null, q: 0.35 },
    ];
    const brute = bruteForce(citizens, metrics, carry, limits);
    let mean = 0;
    let m2 = 0;
    for (const [v, p] of brute) {
      mean += v * p;
      m2 += v * v * p;
    }
    const ex = summariseExact(exactTotal(citizens, metrics.map((m) => ({ price: m.pricePerOutcome, q: m.q, counterfactual: m.counterfactual, floor: m.floor, cap: m.cap })), carry, limits, 0.01), 1500);
    expect(ex.mean).toBeCloseTo(mean, 2);
    expect(ex.sd).toBeCloseTo(Math.sqrt(m2 - mean * mean), 2);
    const pBrute = [...brute].filter(([v]) => v > 1500).reduce((a, [, p]) => a + p, 0);
    expect(ex.pExceeds as number).toBeCloseTo(pBrute, 9);
  });

  it('one metric, one period: P(payment > x) is the binomial tail P(A > e + x/price)', () => {
    const ex = summariseExact(exactTotal([40], [{ price: 24000, q: 0.5, counterfactual: 0.37, floor: 0, cap: null }], 'deficit', { floor: 0, cap: null }, 1), 100_000);
    expect(ex.pExceeds as number).toBeCloseTo(binomial.sf(Math.floor(40 * 0.37 + 100_000 / 24000), 40, 0.5), 12);
  });
});

describe('settlementPrecision', () => {
  it('simulation through the engine agrees with the exact distribution (hand contract, caps and floors)', () => {
    const c = handContract({ limits: { floor: 1000, cap: 9000 } }, [{ cap: 6000 }, { floor: 400 }]);
    const r = settlementPrecision(c, { municipality: 'Kolding', citizensPerPeriod: [12, 10, 14], achievementRates: { m1: 0.55, m2: 0.4 }, dropout: 0.1, amount: 4000, draws: 20_000, seed: 3 });
    expect(r.crossCheck?.agrees, JSON.stringify(r.crossCheck)).toBe(true);
    expect(Math.abs(r.simulation.mean - (r.exact?.mean as number))).toBeLessThan(4 * r.simulation.mcseMean + 1);
    expect(r.simulation.q05).toBeLessThanOrEqual(r.simulation.q95);
  });

  it('the sample contract: trial rates by default, a given rate for the register metric; agrees', () => {
    const c = loadContract(join(repoRoot, 'data-samples/rollout/contract.json'));
    const r = settlementPrecision(c, { municipality: 'Kolding', citizensPerPeriod: spreadCitizens(240, c.periods.length), achievementRates: { 'less-psychiatric-contact': 0.45 }, dropout: 0.15, amount: 1_000_000, draws: 4000, seed: 7 });
    expect(r.metrics.find((m) => m.id === 'personal-recovery')?.rateSource).toContain('qpr15-responder');
    expect(r.crossCheck?.agrees, JSON.stringify(r.crossCheck)).toBe(true);
    expect(r.exact?.mean).toBeGreaterThan(1e6);
  });

  it('is reproducible for a seed', () => {
    const c = handContract();
    const o = { municipality: 'Kolding', citizensPerPeriod: [5, 5, 5], achievementRates: { m1: 0.5, m2: 0.4 }, dropout: 0, amount: null, draws: 500, seed: 9 };
    expect(settlementPrecision(c, o).simulation).toEqual(settlementPrecision(c, o).simulation);
  });

  it('spreads a total over the periods as evenly as whole citizens allow', () => {
    expect(spreadCitizens(240, 6)).toEqual([40, 40, 40, 40, 40, 40]);
    expect(spreadCitizens(10, 3)).toEqual([4, 3, 3]);
  });

  it.each([
    ['an unknown municipality', { municipality: 'Vejle' }, 'is not a municipality of the contract'],
    ['the wrong number of periods', { citizensPerPeriod: [5, 5] }, 'needs 3 whole numbers'],
    ['a metric without a rate or trial arm', { achievementRates: { m1: 0.5 } }, 'no trial intervention rate'],
    ['an unknown metric', { achievementRates: { m1: 0.5, m2: 0.4, m3: 0.1 } }, 'is not a payment metric'],
    ['dropout of 1', { dropout: 1 }, 'share in [0, 1)'],
  ])('%s is refused with the fix', (_, over, message) => {
    const o = { municipality: 'Kolding', citizensPerPeriod: [5, 5, 5], achievementRates: { m1: 0.5, m2: 0.4 }, dropout: 0, amount: null, draws: 500, seed: 9, ...over };
    try {
      settlementPrecision(handContract(), o);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RolloutInputError);
      expect((e as RolloutInputError).userMessage()).toContain(message);
    }
  });
});
