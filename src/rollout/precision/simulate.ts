/**
 * Monte Carlo of a municipality's payments: per draw and period, the achieved count of each
 * metric is Bin(n_t, q_k) (drawn by inversion from one uniform), and the period is settled by the
 * roll-out's own engine (src/rollout/settle/engine.ts: price, counterfactual, carry-over, caps,
 * floors, contract limits) carrying its state to the next period. Seeded: one stream, consumed
 * in draw → period → metric order.
 */
import { createRng } from '../../stats/random/rng.ts';
import { binomial } from '../../stats/dist/discrete.ts';
import { emptyState, settlePeriod, type EngineMetric } from '../settle/engine.ts';

export interface SimulationSetup {
  readonly metrics: readonly (EngineMetric & { readonly q: number })[];
  readonly limits: { readonly floor: number; readonly cap: number | null };
  readonly carryOver: 'deficit' | 'none';
  readonly periods: readonly string[];
  readonly citizens: readonly number[];
  readonly municipality: string;
}

export interface SimulatedPayments {
  /** Total over the contract per draw. */
  readonly totals: Float64Array;
  readonly perPeriodMean: Record<string, number>;
  readonly perMetricMean: Record<string, number>;
}

export function simulatePayments(s: SimulationSetup, draws: number, seed: number): SimulatedPayments {
  const root = createRng(seed);
  const totals = new Float64Array(draws);
  const perPeriod = new Float64Array(s.periods.length);
  const perMetric = new Float64Array(s.metrics.length);
  const engineMetrics = s.metrics.map(({ q: _q, ...m }) => m);
  const rng = root;
  for (let i = 0; i < draws; i++) {
    let state = emptyState;
    let total = 0;
    for (let t = 0; t < s.periods.length; t++) {
      const n = s.citizens[t];
      const counts = Object.fromEntries(s.metrics.map((m) => [m.id, { citizens: n, achieved: n === 0 ? 0 : binomial.quantile(rng.uniform(), n, m.q) }]));
      const [res] = settlePeriod({ metrics: engineMetrics, limits: s.limits, carryOver: s.carryOver, final: t === s.periods.length - 1, municipalities: [{ id: s.municipality, counts, state }] });
      state = res.state;
      total += res.payment;
      perPeriod[t] += res.payment;
      res.lines.forEach((l, k) => (perMetric[k] += l.payment));
    }
    totals[i] = total;
  }
  return {
    totals,
    perPeriodMean: Object.fromEntries(s.periods.map((p, t) => [p, perPeriod[t] / draws])),
    perMetricMean: Object.fromEntries(s.metrics.map((m, k) => [m.id, perMetric[k] / draws])),
  };
}
