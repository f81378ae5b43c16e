import { expect } from 'vitest';

/**
 * Log relative error (McCullough 1998): the number of correct significant digits of `actual`
 * against the reference `expected`. Absolute error is used when the reference is 0.
 * Capped at 15 (agreement to machine precision).
 */
export function lre(actual: number, expected: number): number {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected) ? 15 : 0;
  if (actual === expected) return 15;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return 0;
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  return Math.min(15, Math.max(0, -Math.log10(err)));
}

/** Asserts LRE ≥ min with a message that names the quantity and both numbers. */
export function expectLRE(actual: number, expected: number, min: number, label: string): void {
  const got = lre(actual, expected);
  expect(got, `${label}: LRE ${got.toFixed(2)} < ${min} (actual ${actual}, R ${expected})`).toBeGreaterThanOrEqual(min);
}

/** Element-wise expectLRE over two arrays of equal length. */
export function expectAllLRE(actual: ArrayLike<number>, expected: ArrayLike<number>, min: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectLRE(actual[i], expected[i], min, `${label}[${i}]`);
}
