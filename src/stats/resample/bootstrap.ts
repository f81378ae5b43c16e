/**
 * The nonparametric bootstrap, optionally stratified (e.g. by arm × municipality: each stratum
 * is resampled within itself, so every replicate keeps the design's group sizes).
 *
 * Reproducibility: replicate b draws its indices from the sub-stream createRng(seed).fork(b)
 * (MT19937, @stdlib), stratum by stratum in order of first appearance, each index as
 * rng.int(stratum size) — so the same seed gives the same replicates on any machine, and
 * replicate b does not depend on how many replicates are run.
 */
import { StatsError } from '../errors.ts';
import { createRng } from '../random/rng.ts';

export interface BootstrapOptions {
  readonly B: number;
  readonly seed: number;
  /** Stratum label per observation (length n). */
  readonly strata?: ArrayLike<number>;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BootstrapResult {
  readonly t0: number;
  readonly t: Float64Array;
  readonly B: number;
  readonly seed: number;
  readonly stratified: boolean;
  /** Replicates whose statistic was not finite (kept as NaN in t, excluded by the intervals). */
  readonly nonFinite: number;
}

export function strataGroups(n: number, strata?: ArrayLike<number>): number[][] {
  if (!strata) return [Array.from({ length: n }, (_, i) => i)];
  if (strata.length !== n) throw new StatsError('LENGTH_MISMATCH', `strata has ${strata.length} labels for ${n} observations`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!groups.has(strata[i])) groups.set(strata[i], []);
    groups.get(strata[i])!.push(i);
  }
  return [...groups.values()];
}

export function bootstrap(n: number, statistic: (indices: Int32Array) => number, options: BootstrapOptions): BootstrapResult {
  if (!Number.isInteger(n) || n < 1) throw new StatsError('EMPTY_INPUT', `the bootstrap needs at least one observation, got ${n}`);
  if (!Number.isInteger(options.B) || options.B < 1) throw new StatsError('INVALID_ARGUMENT', `B must be a positive whole number, got ${options.B}`);
  const groups = strataGroups(n, options.strata);
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const t0 = statistic(identity);
  if (!Number.isFinite(t0)) throw new StatsError('NON_FINITE', `the statistic on the original data is ${t0}: nothing to bootstrap`);
  const root = createRng(options.seed);
  const t = new Float64Array(options.B);
  const idx = new Int32Array(n);
  let nonFinite = 0;
  const every = Math.max(1, Math.floor(options.B / 100));
  for (let b = 0; b < options.B; b++) {
    const rng = root.fork(b);
    let k = 0;
    for (const g of groups) for (let j = 0; j < g.length; j++) idx[k++] = g[rng.int(g.length)];
    const v = statistic(idx);
    if (!Number.isFinite(v)) nonFinite++;
    t[b] = v;
    if (options.onProgress && (b + 1) % every === 0) options.onProgress(b + 1, options.B);
  }
  return { t0, t, B: options.B, seed: options.seed, stratified: options.strata !== undefined, nonFinite };
}

/**
 * Jackknife influence values as boot::empinf(type = "jack") (boot's usual.jack):
 * L_i = (n_s − 1)(t₀ − t₍ᵢ₎), with n_s the size of observation i's stratum (n when unstratified).
 */
export function jackknifeInfluence(n: number, statistic: (indices: Int32Array) => number, strata?: ArrayLike<number>): Float64Array {
  if (n < 2) throw new StatsError('EMPTY_INPUT', 'the jackknife needs at least 2 observations');
  const groups = strataGroups(n, strata);
  const size = new Int32Array(n);
  for (const g of groups) for (const i of g) size[i] = g.length;
  const t0 = statistic(Int32Array.from({ length: n }, (_, i) => i));
  const idx = new Int32Array(n - 1);
  const L = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let j = 0; j < n; j++) if (j !== i) idx[k++] = j;
    L[i] = (size[i] - 1) * (t0 - statistic(idx));
  }
  return L;
}
