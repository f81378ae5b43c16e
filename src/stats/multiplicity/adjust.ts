/**
 * Multiplicity adjustment of p-values as R's p.adjust (Bonferroni; Holm 1979; Hochberg 1988;
 * Hommel 1988; Benjamini & Hochberg 1995), and fixed-sequence (hierarchical) testing: hypotheses
 * in a pre-specified order, each tested at the full α only if every earlier one was rejected —
 * the adjusted p is the running maximum, and testing stops at the first non-rejection.
 */
import { StatsError } from '../errors.ts';

export type AdjustMethod = 'none' | 'bonferroni' | 'holm' | 'hochberg' | 'hommel' | 'BH';

function check(p: readonly number[]): void {
  p.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new StatsError('INVALID_ARGUMENT', `p[${i}] = ${v} is not a probability`);
  });
}

const cummax = (x: number[]) => x.map(((m) => (v: number) => (m = Math.max(m, v)))(-Infinity));
const cummin = (x: number[]) => x.map(((m) => (v: number) => (m = Math.min(m, v)))(Infinity));

const METHODS: readonly AdjustMethod[] = ['none', 'bonferroni', 'holm', 'hochberg', 'hommel', 'BH'];

export function pAdjust(p: readonly number[], method: AdjustMethod): number[] {
  if (!METHODS.includes(method)) throw new StatsError('INVALID_ARGUMENT', `unknown adjustment method ${JSON.stringify(method)}; use one of ${METHODS.join(', ')}`);
  check(p);
  const n = p.length;
  if (n <= 1 || method === 'none') return [...p];
  const order = p.map((_, i) => i);
  const out = new Array<number>(n);
  switch (method) {
    case 'bonferroni':
      return p.map((v) => Math.min(1, n * v));
    case 'holm': {
      order.sort((a, b) => p[a] - p[b] || a - b);
      const adj = cummax(order.map((o, i) => (n - i) * p[o])).map((v) => Math.min(1, v));
      order.forEach((o, i) => (out[o] = adj[i]));
      return out;
    }
    case 'hochberg':
    case 'BH': {
      order.sort((a, b) => p[b] - p[a] || b - a); // decreasing
      const adj = cummin(order.map((o, k) => {
        const i = n - k; // rank from the top
        return method === 'hochberg' ? (n - i + 1) * p[o] : (n / i) * p[o];
      })).map((v) => Math.min(1, v));
      order.forEach((o, i) => (out[o] = adj[i]));
      return out;
    }
    case 'hommel': {
      order.sort((a, b) => p[a] - p[b] || a - b);
      const ps = order.map((o) => p[o]);
      let minAll = Infinity;
      for (let i = 0; i < n; i++) minAll = Math.min(minAll, (n * ps[i]) / (i + 1));
      const q = new Array<number>(n).fill(minAll);
      const pa = new Array<number>(n).fill(minAll);
      for (let m = n - 1; m >= 2; m--) {
        let q1 = Infinity;
        for (let k = n - m + 1; k < n; k++) q1 = Math.min(q1, (m * ps[k]) / (k - (n - m + 1) + 2));
        for (let k = 0; k <= n - m; k++) q[k] = Math.min(m * ps[k], q1);
        for (let k = n - m + 1; k < n; k++) q[k] = q[n - m];
        for (let k = 0; k < n; k++) pa[k] = Math.max(pa[k], q[k]);
      }
      order.forEach((o, i) => (out[o] = Math.max(pa[i], ps[i])));
      return out;
    }
  }
}

export interface FixedSequenceResult {
  readonly alpha: number;
  readonly pAdjusted: readonly number[];
  readonly rejected: readonly boolean[];
  /** Index of the first hypothesis not rejected (testing stops there); null if all rejected. */
  readonly stoppedAt: number | null;
}

export function fixedSequence(p: readonly number[], alpha = 0.05): FixedSequenceResult {
  if (!(alpha > 0 && alpha < 1)) throw new StatsError('INVALID_ARGUMENT', `alpha must lie in (0, 1), got ${alpha}`);
  check(p);
  const pAdjusted = cummax([...p]);
  const rejected = pAdjusted.map((v) => v <= alpha);
  const first = rejected.indexOf(false);
  return { alpha, pAdjusted, rejected, stoppedAt: first < 0 ? null : first };
}
