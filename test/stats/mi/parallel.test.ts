import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/stats/random/rng.ts';
import { cancelPrefetchedFcs, fcs, prefetchFcs, stopImputationHelpers, type FcsData } from '../../../src/stats/mi/fcs.ts';
import { imputationThreads, lastParallelRun, testing } from '../../../src/stats/mi/parallel.ts';
import { expectStatsError } from '../../helpers/errors.ts';

/** Baseline, follow-up with MAR dropout, arm; large enough for the run to go to helper threads. */
function trial(n: number, seed: number): FcsData {
  const rng = createRng(seed);
  const base = new Float64Array(n);
  const y = new Float64Array(n);
  const arm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    arm[i] = i % 2;
    base[i] = rng.normal(50, 10);
    y[i] = 10 + 0.7 * base[i] + 5 * arm[i] + rng.normal(0, 6);
    if (rng.uniform() < (base[i] > 50 ? 0.5 : 0.1)) y[i] = Number.NaN;
    if (rng.uniform() < 0.1) base[i] = Number.NaN;
  }
  return { columns: [base, y, arm], names: ['base', 'y', 'arm'], methods: ['norm', 'pmm', ''] };
}

const bytes = (r: ReturnType<typeof fcs>) => JSON.stringify(r.imputations.map((k) => k.map((x) => Array.from(x))));

describe('imputations on helper threads', () => {
  const data = trial(3000, 21);

  it('are byte-identical to the one-thread run whatever the number of threads, by arm too', { timeout: 90_000 }, () => {
    const one = fcs(data, { m: 12, maxit: 5, seed: 7, threads: 1 });
    const ticks: number[] = [];
    const two = fcs(data, { m: 12, maxit: 5, seed: 7, threads: 2, onProgress: (done) => ticks.push(done) });
    const three = fcs(data, { m: 12, maxit: 5, seed: 7, threads: 3 });
    // Once started, the helpers take part (their start-up may let this thread do a first run alone).
    let helped = lastParallelRun.helperImputations;
    for (const until = Date.now() + 40_000; helped === 0 && Date.now() < until; ) {
      expect(bytes(fcs(data, { m: 12, maxit: 5, seed: 7, threads: 2 }))).toBe(bytes(one));
      helped = lastParallelRun.helperImputations;
    }
    expect(helped).toBeGreaterThan(0);
    expect(bytes(two)).toBe(bytes(one));
    expect(bytes(three)).toBe(bytes(one));
    expect(ticks).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    const groups = Int32Array.from(data.columns[2]);
    expect(bytes(fcs({ ...data, groups }, { m: 6, maxit: 5, seed: 7, threads: 2 }))).toBe(bytes(fcs({ ...data, groups }, { m: 6, maxit: 5, seed: 7, threads: 1 })));
  });

  it('ended (stopImputationHelpers, as effekt run does after its analysis), they are started anew by the next run, with the same values', { timeout: 120_000 }, async () => {
    const one = fcs(data, { m: 6, maxit: 5, seed: 11, threads: 1 });
    expect(bytes(fcs(data, { m: 6, maxit: 5, seed: 11, threads: 2 }))).toBe(bytes(one));
    await stopImputationHelpers();
    let helped = 0;
    for (const until = Date.now() + 60_000; helped === 0 && Date.now() < until; ) {
      expect(bytes(fcs(data, { m: 6, maxit: 5, seed: 11, threads: 2 }))).toBe(bytes(one));
      helped = lastParallelRun.helperImputations;
    }
    expect(helped).toBeGreaterThan(0); // a new helper took part
  });

  it('never hang on a helper that does not reply: this thread redoes its imputations, with the same values', { timeout: 120_000 }, () => {
    const one = fcs(data, { m: 8, maxit: 5, seed: 9, threads: 1 });
    testing.ignoreHelpers = true;
    try {
      // The helper takes part once started (it may let this thread do a whole run alone first).
      let redone = 0;
      for (const until = Date.now() + 60_000; redone === 0 && Date.now() < until; ) {
        expect(bytes(fcs(data, { m: 8, maxit: 5, seed: 9, threads: 2 }))).toBe(bytes(one));
        expect(lastParallelRun.helperImputations).toBe(0);
        redone = lastParallelRun.recomputed;
      }
      expect(redone).toBeGreaterThan(0); // imputations a silent helper took were redone here
    } finally {
      testing.ignoreHelpers = false;
    }
  });

  it('a run started ahead (prefetched) and joined later gives the one-thread values; one never joined is withdrawn', { timeout: 120_000 }, () => {
    const one = fcs(data, { m: 10, maxit: 5, seed: 11, threads: 1 });
    const other = fcs(data, { m: 10, maxit: 5, seed: 12, threads: 1 });
    const saved = process.env.EFFEKT_THREADS;
    process.env.EFFEKT_THREADS = '2';
    try {
      prefetchFcs(data, { m: 10, maxit: 5, seed: 12 }); // posted first, never joined: its replies are kept aside, then dropped
      prefetchFcs(data, { m: 10, maxit: 5, seed: 11 });
      for (const until = Date.now() + 3000; Date.now() < until; ); // the helper works ahead meanwhile
      expect(bytes(fcs(data, { m: 10, maxit: 5, seed: 11 }))).toBe(bytes(one));
      cancelPrefetchedFcs();
      expect(bytes(fcs(data, { m: 10, maxit: 5, seed: 12 }))).toBe(bytes(other));
      // Twice the same prefetch is one run; a prefetch that fcs would refuse throws its error.
      prefetchFcs(data, { m: 6, maxit: 5, seed: 13 });
      prefetchFcs(data, { m: 6, maxit: 5, seed: 13 });
      expect(bytes(fcs(data, { m: 6, maxit: 5, seed: 13 }))).toBe(bytes(fcs(data, { m: 6, maxit: 5, seed: 13, threads: 1 })));
      expectStatsError(() => prefetchFcs({ ...data, names: ['a'] }, { m: 6, seed: 1 }), 'LENGTH_MISMATCH');
    } finally {
      if (saved === undefined) delete process.env.EFFEKT_THREADS;
      else process.env.EFFEKT_THREADS = saved;
      cancelPrefetchedFcs();
    }
  });

  it('raise the same typed error as the one-thread run', { timeout: 60_000 }, () => {
    const few = new Float64Array(data.columns[0].length).fill(Number.NaN);
    few[0] = 1;
    const bad: FcsData = { columns: [few, data.columns[2]], names: ['x', 'arm'], methods: ['norm', ''] };
    expectStatsError(() => fcs(bad, { seed: 1, m: 200, maxit: 5, threads: 2 }), 'EMPTY_GROUP');
  });

  it('threads: an explicit count, else EFFEKT_THREADS, else the cores', () => {
    expect(imputationThreads(3)).toBe(3);
    expectStatsError(() => imputationThreads(0), 'INVALID_ARGUMENT');
    const saved = process.env.EFFEKT_THREADS;
    process.env.EFFEKT_THREADS = '1';
    expect(imputationThreads()).toBe(1);
    if (saved === undefined) delete process.env.EFFEKT_THREADS;
    else process.env.EFFEKT_THREADS = saved;
    expect(imputationThreads()).toBeGreaterThanOrEqual(1);
  });
});
