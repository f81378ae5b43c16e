import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pText } from '../../src/cli/commands/analyze-action.ts';

describe('the terminal summary words p-values honestly', () => {
  it('shows three significant digits, R\'s "< 2.2e-16" below machine epsilon (a tail that underflowed is not an exact 0), and n/a when not computed', () => {
    expect(pText(0.0000079456)).toBe('= 0.00000795');
    expect(pText(3.3e-12)).toBe('= 3.30e-12');
    expect(pText(0.555)).toBe('= 0.555');
    expect(pText(0)).toBe('< 2.2e-16');
    expect(pText(1e-300)).toBe('< 2.2e-16');
    expect(pText(Number.NaN)).toBe('= n/a');
  });

  it('never prints a zero for a p-value', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
      expect(pText(p)).not.toMatch(/^= 0(\.0*)?$/);
    }));
  });
});
