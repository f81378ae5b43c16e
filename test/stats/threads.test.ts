import { afterEach, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { threadsAvailable } from '../../src/stats/threads.ts';

const saved = process.env.EFFEKT_THREADS;
afterEach(() => {
  if (saved === undefined) delete process.env.EFFEKT_THREADS;
  else process.env.EFFEKT_THREADS = saved;
});

describe('EFFEKT_THREADS, read in one place for the imputation helpers and the CSV reader', () => {
  it('takes a positive integer as given and anything else as "the machine\'s cores"', () => {
    process.env.EFFEKT_THREADS = '1';
    expect(threadsAvailable()).toBe(1);
    process.env.EFFEKT_THREADS = '3';
    expect(threadsAvailable()).toBe(3);
    for (const bad of ['0', '-2', '1.5', 'abc', '']) {
      process.env.EFFEKT_THREADS = bad;
      expect(threadsAvailable(), bad).toBe(Math.max(1, availableParallelism()));
    }
  });
});
