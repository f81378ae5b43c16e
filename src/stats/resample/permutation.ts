/**
 * Two-sample permutation test of the difference in means (x̄ − ȳ): exact, over all
 * C(n_x + n_y, n_x) splits, or Monte Carlo with a seeded generator and p = (b + 1)/(B + 1)
 * (Phipson & Smyth 2010), b = permutations at least as extreme as observed (|T| for two-sided).
 */
import { StatsError, assertAlternative, assertFinite } from '../errors.ts';
import { createRng, permutation } from '../random/rng.ts';
import type { Alternative } from '../dist/continuous.ts';

export interface PermutationResult {
  readonly method: 'exact permutation' | 'Monte Carlo permutation';
  readonly options: { readonly alternative: Alternative; readonly B: number | null; readonly seed: number | null };
  readonly statistic: number;
  readonly p: number;
  readonly permutations: number;
}

const MAX_EXACT = 1e7;
const TOL = 1e-12;

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

export function permutationTest(x: ArrayLike<number>, y: ArrayLike<number>, options: { alternative?: Alternative; exact?: boolean; B?: number; seed?: number } = {}): PermutationResult {
  const alternative = assertAlternative(options.alternative ?? 'two.sided');
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  const nx = x.length;
  const ny = y.length;
  if (nx < 1 || ny < 1) throw new StatsError('EMPTY_GROUP', `each group needs at least one value (got ${nx} and ${ny})`);
  const all = [...Array.from(x), ...Array.from(y)];
  const n = all.length;
  const total = all.reduce((a, b) => a + b, 0);
  const stat = (sumX: number) => sumX / nx - (total - sumX) / ny;
  const observed = stat(Array.from(x).reduce((a, b) => a + b, 0));
  const extreme = (t: number) =>
    alternative === 'greater' ? t >= observed - TOL * Math.abs(observed) - TOL : alternative === 'less' ? t <= observed + TOL * Math.abs(observed) + TOL : Math.abs(t) >= Math.abs(observed) - TOL * Math.abs(observed) - TOL;
  const splits = choose(n, nx);
  const exact = options.exact ?? splits <= 1e5;
  if (exact) {
    if (splits > MAX_EXACT) throw new StatsError('INVALID_ARGUMENT', `exact enumeration needs ${splits} splits (more than ${MAX_EXACT}); use the Monte Carlo test`);
    let count = 0;
    const comb = Array.from({ length: nx }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (const i of comb) s += all[i];
      if (extreme(stat(s))) count++;
      let i = nx - 1;
      while (i >= 0 && comb[i] === n - nx + i) i--;
      if (i < 0) break;
      comb[i]++;
      for (let j = i + 1; j < nx; j++) comb[j] = comb[j - 1] + 1;
    }
    return { method: 'exact permutation', options: { alternative, B: null, seed: null }, statistic: observed, p: count / splits, permutations: splits };
  }
  const B = options.B ?? 10_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(B) || B < 1) throw new StatsError('INVALID_ARGUMENT', `B must be a positive whole number, got ${B}`);
  const rng = createRng(seed);
  let b = 0;
  for (let r = 0; r < B; r++) {
    const p = permutation(rng, n);
    let s = 0;
    for (let i = 0; i < nx; i++) s += all[p[i]];
    if (extreme(stat(s))) b++;
  }
  return { method: 'Monte Carlo permutation', options: { alternative, B, seed }, statistic: observed, p: (b + 1) / (B + 1), permutations: B };
}
