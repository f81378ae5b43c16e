import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalUnits, exactChange } from '../../../src/rollout/status/exact-change.ts';

/** What the query sends for a list of changes: Σ round(d, 12) and Σ round(d, 12)², printed as DuckDB prints DECIMAL(38, 12) and (38, 24). */
function sums(d: readonly number[]): { s: string; q: string } {
  const units = d.map((x) => BigInt(Math.round(x * 1e12)));
  const s = units.reduce((a, b) => a + b, 0n);
  const q = units.reduce((a, b) => a + b * b, 0n);
  const print = (v: bigint, scale: number) => {
    const neg = v < 0n;
    const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
    return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  };
  return { s: print(s, 12), q: print(q, 24) };
}

describe('exact change sums (rollout status)', () => {
  it('reads DuckDB decimals exactly', () => {
    expect(decimalUnits('-12.500000000', 9)).toBe(-12500000000n);
    expect(decimalUnits('-0.250000000000', 12)).toBe(-250000000000n);
    expect(decimalUnits('0.833333333', 9)).toBe(833333333n);
    expect(decimalUnits('7', 9)).toBe(7000000000n);
    expect(() => decimalUnits('1e5', 9)).toThrow(/not a decimal/);
  });

  it('gives the mean and sample variance of the changes (to double rounding)', () => {
    const d = [3, -1.5, 2.25, 0, 14 / 3];
    const { s, q } = sums(d);
    const { mean, variance } = exactChange(d.length, s, q);
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    const v = d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1);
    expect(Math.abs((mean as number) - m)).toBeLessThan(1e-12);
    expect(Math.abs((variance as number) - v) / v).toBeLessThan(1e-12);
  });

  it('is undefined where the figure is: no values, or one value for the variance', () => {
    expect(exactChange(0, null, null)).toEqual({ mean: null, variance: null });
    expect(exactChange(1, '2.000000000000', '4.000000000000000000000000')).toEqual({ mean: 2, variance: null });
  });

  it('does not depend on the order of the rows (the reason it exists)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: 2, maxLength: 60 }), fc.nat(), (raw, rot) => {
        const d = raw.map((x) => x / 1400); // prorated-looking values with long decimals
        const k = rot % d.length;
        const turned = [...d.slice(k), ...d.slice(0, k)].reverse();
        const a = sums(d);
        const b = sums(turned);
        expect(exactChange(d.length, b.s, b.q)).toEqual(exactChange(d.length, a.s, a.q));
        expect((exactChange(d.length, a.s, a.q).variance as number) >= 0).toBe(true);
      }),
    );
  });
});
