/**
 * The exact distribution of a municipality's total payment over the contract, for binomial counts
 * A_kt ~ Bin(n_t, q_k) independent over periods t and payment metrics k. In citizen units, with
 * x_t = A_t − e_t (e_t = n_t·c_k the expected count without the course):
 *   carry-over "none":    R_k = Σ_t max(0, x_t)
 *   carry-over "deficit": R_k = max(0, S_1, …, S_T), S_t = x_1 + … + x_t — the engine's carry
 *                         recursion P_t = max(0, x_t + c_{t−1}), c_t = min(0, x_t + c_{t−1}) sums
 *                         to S_T − c_T, and c_T = S_T − max_{τ ≤ T} S_τ (Lindley).
 * Then, since payments are never negative and caps/floors apply to running totals:
 *   metric total  = max(floor_k, min(cap_k, price_k·R_k));
 *   contract total = max(floor, min(cap, Σ_k metric totals)).
 * R_k's distribution is computed by dynamic programming over (cumulative count, running maximum);
 * metrics are combined by convolution on a grid of `grid` DKK. Money rounding to øre (the engine)
 * is ignored: it moves a line by at most half an øre.
 */
import { binomial } from '../../stats/dist/discrete.ts';

/** A discrete distribution: value → probability. */
type Dist = Map<number, number>;

const key = (x: number) => Math.round(x * 1e9) / 1e9;

function pmf(n: number, q: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let a = 0; a <= n; a++) out[a] = binomial.pmf(a, n, q);
  return out;
}

/** R_k in citizen units for one metric. */
export function metricUnits(citizens: readonly number[], q: number, c: number, carry: 'deficit' | 'none'): Dist {
  if (carry === 'none') {
    let d: Dist = new Map([[0, 1]]);
    for (const n of citizens) {
      const e = n * c;
      const f = pmf(n, q);
      const next: Dist = new Map();
      for (const [v, p] of d) for (let a = 0; a <= n; a++) if (f[a] > 0) {
        const k = key(v + Math.max(0, a - e));
        next.set(k, (next.get(k) ?? 0) + p * f[a]);
      }
      d = next;
    }
    return d;
  }
  // State: cumulative achieved C and running maximum M of S (S_0 = 0).
  let states = new Map<string, { C: number; M: number; p: number }>([['0|0', { C: 0, M: 0, p: 1 }]]);
  let E = 0;
  for (const n of citizens) {
    E += n * c;
    const f = pmf(n, q);
    const next = new Map<string, { C: number; M: number; p: number }>();
    for (const s of states.values()) {
      for (let a = 0; a <= n; a++) {
        if (f[a] === 0) continue;
        const C = s.C + a;
        const M = key(Math.max(s.M, C - E));
        const k = `${C}|${M}`;
        const hit = next.get(k);
        if (hit) hit.p += s.p * f[a];
        else next.set(k, { C, M, p: s.p * f[a] });
      }
    }
    states = next;
  }
  const out: Dist = new Map();
  for (const s of states.values()) out.set(s.M, (out.get(s.M) ?? 0) + s.p);
  return out;
}

export interface ExactMetric {
  readonly price: number;
  readonly q: number;
  readonly counterfactual: number;
  readonly floor: number;
  readonly cap: number | null;
}

export interface ExactTotal {
  /** Probabilities on the grid: value = index × grid DKK. */
  readonly grid: number;
  readonly probs: Float64Array;
}

/** The contract total's distribution on a grid (one metric alone: exact at every value in DKK). */
export function exactTotal(citizens: readonly number[], metrics: readonly ExactMetric[], carry: 'deficit' | 'none', limits: { floor: number; cap: number | null }, grid: number): ExactTotal {
  const parts = metrics.map((m) => {
    const d: Dist = new Map();
    for (const [units, p] of metricUnits(citizens, m.q, m.counterfactual, carry)) {
      const v = Math.max(m.floor, Math.min(m.cap ?? Infinity, m.price * units));
      d.set(v, (d.get(v) ?? 0) + p);
    }
    return d;
  });
  const maxTotal = parts.reduce((a, d) => a + Math.max(...d.keys()), 0);
  const size = Math.ceil(maxTotal / grid) + 2;
  let dense = new Float64Array(size);
  dense[0] = 1;
  for (const d of parts) {
    const next = new Float64Array(size);
    const sparse = [...d].map(([v, p]) => [Math.round(v / grid), p] as const);
    for (let i = 0; i < size; i++) {
      const pi = dense[i];
      if (pi === 0) continue;
      for (const [j, p] of sparse) if (i + j < size) next[i + j] += pi * p;
    }
    dense = next;
  }
  // Contract limits on the sum.
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    if (dense[i] === 0) continue;
    const v = Math.max(limits.floor, Math.min(limits.cap ?? Infinity, i * grid));
    out[Math.min(size - 1, Math.round(v / grid))] += dense[i];
  }
  return { grid, probs: out };
}

export function summariseExact(t: ExactTotal, amount: number | null): { mean: number; sd: number; q05: number; q50: number; q95: number; pExceeds: number | null; cdf: (x: number) => number } {
  let mean = 0;
  let m2 = 0;
  t.probs.forEach((p, i) => {
    mean += p * i * t.grid;
    m2 += p * (i * t.grid) ** 2;
  });
  const quantile = (q: number) => {
    let acc = 0;
    for (let i = 0; i < t.probs.length; i++) {
      acc += t.probs[i];
      if (acc >= q - 1e-12) return i * t.grid;
    }
    return (t.probs.length - 1) * t.grid;
  };
  const cdf = (x: number) => {
    let acc = 0;
    for (let i = 0; i < t.probs.length && i * t.grid <= x + 1e-9; i++) acc += t.probs[i];
    return acc;
  };
  return { mean, sd: Math.sqrt(Math.max(0, m2 - mean * mean)), q05: quantile(0.05), q50: quantile(0.5), q95: quantile(0.95), pExceeds: amount === null ? null : 1 - cdf(amount), cdf };
}
