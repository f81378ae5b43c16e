import { expect } from 'vitest';
import { StatsError, type StatsErrorCode } from '../../src/stats/errors.ts';

/** Asserts that f throws a StatsError with the given code. */
export function expectStatsError(f: () => unknown, code: StatsErrorCode): void {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a StatsError').toBeInstanceOf(StatsError);
  expect((err as StatsError).code).toBe(code);
}
