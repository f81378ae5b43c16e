/**
 * Seeded random numbers for everything stochastic in effekt (bootstrap, permutation, multiple
 * imputation, simulation, PSA).
 *
 * Generator: 32-bit Mersenne Twister (MT19937, Matsumoto & Nishimura 1998) from @stdlib, seeded
 * with an unsigned 32-bit integer. Uniforms on [0, 1) are its 53-bit `normalized` output. Normal,
 * gamma, beta and χ² variates use @stdlib's samplers driven by that same stream, so one seed
 * fixes every draw on every machine (the algorithms are pure JavaScript arithmetic).
 *
 * Independent sub-streams (`fork(label)`) are seeded from the parent seed and a label hash, so
 * adding a new consumer does not shift the draws of existing ones.
 */
import mt19937 from '@stdlib/random-base-mt19937';
import normalDist from '@stdlib/random-base-normal';
import gammaDist from '@stdlib/random-base-gamma';
import betaDist from '@stdlib/random-base-beta';
import { StatsError } from '../errors.ts';

export interface Rng {
  readonly seed: number;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Integer uniform on {0, …, n − 1}. */
  int(n: number): number;
  normal(mean?: number, sd?: number): number;
  /** Gamma with shape k and scale θ (mean kθ). */
  gamma(shape: number, scale?: number): number;
  beta(a: number, b: number): number;
  chisq(df: number): number;
  /** A new independent generator whose seed derives from this seed and `label`. */
  fork(label: string | number): Rng;
}

/** FNV-1a over the label, mixed with the parent seed: deterministic, platform-independent. */
function deriveSeed(seed: number, label: string | number): number {
  let h = 0x811c9dc5 ^ seed;
  const s = String(label);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  const out = h >>> 0;
  return out === 0 ? 1 : out;
}

/**
 * A sampler factory of @stdlib built later than createRng would have built it, drawing the same
 * numbers: every factory given `prng` takes exactly one uniform from it when built (the seed of
 * its own ziggurat generator), so createRng takes that uniform at the factory's place in the
 * stream and hands it back as the first value the factory asks for. Building one costs as much as
 * thousands of draws (property definitions, a second generator), and most streams never draw a
 * beta — an imputation chain, created 50 times per outcome, draws none.
 */
function lazySampler<T>(u: () => number, build: (opts: { prng: () => number }) => T): () => T {
  const taken = u();
  let sampler: T | undefined;
  return () => {
    if (sampler === undefined) {
      let calls = 0;
      const prng = () => (calls++ === 0 ? taken : u());
      sampler = build({ prng });
      // The stream would differ from one built at once; the library's sampler changed (tests pin the draws).
      if (calls !== 1) throw new Error(`@stdlib sampler took ${calls} uniforms when built, expected 1`);
    }
    return sampler;
  };
}

/** MT19937's state length and shift (Matsumoto & Nishimura 1998). */
const MT_N = 624;
const MT_M = 397;

/** One MT19937 state update (the reference algorithm, as @stdlib's twist), in place. */
function twist(mt: Uint32Array): void {
  const k = MT_N - MT_M;
  let i = 0;
  for (; i < k; i++) {
    const w = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
    mt[i] = mt[i + MT_M] ^ (w >>> 1) ^ (w & 1 ? 0x9908b0df : 0);
  }
  for (; i < MT_N - 1; i++) {
    const w = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
    mt[i] = mt[i - k] ^ (w >>> 1) ^ (w & 1 ? 0x9908b0df : 0);
  }
  const w = (mt[MT_N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
  mt[MT_N - 1] = mt[MT_M - 1] ^ (w >>> 1) ^ (w & 1 ? 0x9908b0df : 0);
}

/** MT19937's output tempering of every word of the state, into out. */
function temper(mt: Uint32Array, out: Uint32Array): void {
  for (let i = 0; i < MT_N; i++) {
    let r = mt[i];
    r ^= r >>> 11;
    r ^= (r << 7) & 0x9d2c5680;
    r ^= (r << 15) & 0xefc60000;
    r ^= r >>> 18;
    out[i] = r >>> 0;
  }
}

/**
 * The `normalized` stream of @stdlib's MT19937 seeded with `seed` — ⌊a/2⁵⌋·2²⁶ + ⌊b/2⁶⌋ over 2⁵³
 * for each two consecutive 32-bit outputs a, b — read from the generator's own seeded state and
 * then produced here: the same numbers (the test compares millions), at a fraction of the cost of
 * the library's call per output (the state round trip through its versioned array, twice per
 * uniform), which was ≈ 35 ns of every PMM donor choice at registry scale. The words of a state
 * are tempered once, right after each twist.
 */
function mtNormalized(seed: number): () => number {
  const st = (mt19937.factory({ seed }) as unknown as { state: Uint32Array }).state;
  // @stdlib's state array (schema version 1): [1, 3, N, …N words…, 1, index, seed length, …seed].
  if (st[0] !== 1 || st[1] !== 3 || st[2] !== MT_N || st[MT_N + 3] !== 1) throw new Error('@stdlib mt19937 state array has an unexpected layout');
  const mt = st.slice(3, 3 + MT_N);
  const words = new Uint32Array(MT_N);
  temper(mt, words);
  let i = st[MT_N + 4];
  const next = (): number => {
    if (i >= MT_N) {
      twist(mt);
      temper(mt, words);
      i = 0;
    }
    return words[i++];
  };
  return () => {
    if (i + 1 < MT_N) {
      const a = words[i] >>> 5;
      const b = words[i + 1] >>> 6;
      i += 2;
      return (a * 67108864 + b) * NORMALIZATION;
    }
    const a = next() >>> 5;
    const b = next() >>> 6;
    return (a * 67108864 + b) * NORMALIZATION;
  };
}

/** 2⁻⁵³, as @stdlib's FLOAT64_NORMALIZATION_CONSTANT = 1 / (2⁵³ − 1 + 1). */
const NORMALIZATION = 1 / 9007199254740992;

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) {
    throw new StatsError('INVALID_ARGUMENT', `seed must be an integer in 1…4294967295, got ${seed}`, { seed });
  }
  const u = mtNormalized(seed);
  const opts = { prng: u };
  // Built in this order from the start of the stream: normal, gamma, beta (see lazySampler).
  const norm = normalDist.factory(0, 1, opts) as unknown as () => number;
  const gammaDraw = gammaDist.factory(opts) as unknown as (a: number, b: number) => number;
  const betaOf = lazySampler(u, (o) => betaDist.factory(o) as unknown as (a: number, b: number) => number);

  return {
    seed,
    uniform: () => u(),
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1) throw new StatsError('INVALID_ARGUMENT', `int(n) needs a positive integer, got ${n}`);
      return Math.floor(u() * n);
    },
    normal: (mean = 0, sd = 1) => mean + sd * norm(),
    // @stdlib's gamma is parameterised by rate β; scale θ = 1/β.
    gamma: (shape: number, scale = 1) => gammaDraw(shape, 1) * scale,
    beta: (a: number, b: number) => betaOf()(a, b),
    chisq: (df: number) => 2 * gammaDraw(df / 2, 1),
    fork: (label: string | number) => forkRng(seed, label),
  };
}

/** createRng(seed).fork(label) without building the parent generator (a fork depends only on the parent's seed). */
export function forkRng(seed: number, label: string | number): Rng {
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) {
    throw new StatsError('INVALID_ARGUMENT', `seed must be an integer in 1…4294967295, got ${seed}`, { seed });
  }
  return createRng(deriveSeed(seed, label));
}

/** Fisher–Yates shuffle of indices 0…n−1 (a fresh permutation). */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
