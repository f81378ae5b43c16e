/**
 * effect-words.ts: whether a row's conclusion holds after its family's adjustment for multiple
 * comparisons (holdsAfterAdjustment) and the verdict built on it (verdictOf).
 */
import { describe, expect, it } from 'vitest';
import type { OutcomeResult } from '../../../src/analysis/results/types.ts';
import { adjustedForMultiplicity, holdsAfterAdjustment, verdictOf } from '../../../src/report/charts/effect-words.ts';

type Row = Pick<OutcomeResult, 'measure' | 'difference' | 'multiplicity'>;

function row(lower: number, upper: number, p: number, pAdjusted: number, multiplicity: Row['multiplicity'], measure: Row['measure'] = 'mean-difference'): Row {
  const estimate = (lower + upper) / 2;
  return { measure, multiplicity, difference: { estimate, lower, upper, se: 1, p, pAdjusted, direction: 'A − B', benefitSign: 1, favours: estimate > 0 ? 'intervention' : 'control' } as NonNullable<OutcomeResult['difference']> };
}

describe('holdsAfterAdjustment and verdictOf', () => {
  it('a family that does not adjust (none, or no family) leaves the interval to decide', () => {
    for (const m of [null, { family: 'exploratory', method: 'none (unadjusted, exploratory)', rejected: null }]) {
      const r = row(0.5, 2, 0.01, 0.01, m);
      expect(adjustedForMultiplicity(r)).toBe(false);
      expect(holdsAfterAdjustment(r, 0.95)).toBe(true);
      expect(verdictOf(r, 0.95)).toEqual({ kind: 'benefit' });
    }
  });

  it('Holm: adjusted p ≥ α is not confirmed, whichever way the estimate points; < α holds', () => {
    const holm = (pAdjusted: number, rejected: boolean) => ({ family: 'primary', method: 'holm', rejected, pAdjusted });
    expect(verdictOf(row(0.5, 2, 0.02, 0.06, holm(0.06, false)), 0.95)).toEqual({ kind: 'not-confirmed', better: true });
    expect(verdictOf(row(-2, -0.5, 0.02, 0.06, holm(0.06, false)), 0.95)).toEqual({ kind: 'not-confirmed', better: false });
    expect(verdictOf(row(0.5, 2, 0.02, 0.04, holm(0.04, true)), 0.95)).toEqual({ kind: 'benefit' });
    // α is 1 − confLevel: the same adjusted p holds at 90 %.
    expect(holdsAfterAdjustment(row(0.5, 2, 0.02, 0.06, holm(0.06, true)), 0.9)).toBe(true);
    // An interval that includes no effect is unclear, adjusted or not.
    expect(verdictOf(row(-0.5, 2, 0.2, 0.4, holm(0.4, false)), 0.95)).toEqual({ kind: 'unclear' });
  });

  it('a closed gate rejects nothing: not confirmed even with a small adjusted p', () => {
    expect(holdsAfterAdjustment(row(0.5, 2, 0.001, 0.002, { family: 'secondary', method: 'holm, gated by primary (gate closed: not tested)', rejected: false }), 0.95)).toBe(false);
  });

  it('a ratio: no effect at 1, benefit by the log scale', () => {
    const m = { family: 'primary', method: 'holm', rejected: false };
    expect(verdictOf(row(0.5, 0.9, 0.01, 0.07, m, 'rate-ratio'), 0.95).kind).toBe('not-confirmed');
    expect(verdictOf(row(0.5, 1.1, 0.1, 0.2, m, 'rate-ratio'), 0.95).kind).toBe('unclear');
  });
});
