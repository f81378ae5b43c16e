import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instrumentRegistry, maxMissingItems } from '../../src/instruments/registry.ts';
import { scoreItems, type ScoringRules } from '../../src/instruments/score.ts';

const reg = instrumentRegistry();
const _ = null;

// Hand-computed examples: every number here was worked out on paper from the scoring rule.
describe('instrument scoring, item by item', () => {
  it.each([
    ['QPR-15 complete: sum', 'QPR-15', [4, 3, 2, 1, 0, 4, 3, 2, 1, 0, 4, 3, 2, 1, 0], 30, 0, false],
    ['QPR-15 all maximal', 'QPR-15', Array(15).fill(4), 60, 0, false],
    ['QPR-15 one missing: prorated 28/14 × 15 = 30', 'QPR-15', [_, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 30, 1, true],
    ['QPR-15 three missing (20 %): prorated 36/12 × 15 = 45', 'QPR-15', [_, _, _, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 45, 3, true],
    ['QPR-15 four missing (> 20 %): not scored', 'QPR-15', [_, _, _, _, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], null, 4, false],
    ['QPR-15 all missing: not scored', 'QPR-15', Array(15).fill(null), null, 15, false],
    ['MANSA complete: mean 48/12 = 4', 'MANSA', [1, 7, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 4, 0, false],
    ['MANSA two missing (16.7 %): mean of 10 = 5', 'MANSA', [_, _, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 5, 2, true],
    ['MANSA three missing (25 %): not scored', 'MANSA', [_, _, _, 5, 5, 5, 5, 5, 5, 5, 5, 5], null, 3, false],
    ['WSAS complete: sum 0+2+4+6+8 = 20', 'WSAS', [0, 2, 4, 6, 8], 20, 0, false],
    ['WSAS one missing: replaced by the mean of the others, 16/4 = 4 → 20', 'WSAS', [_, 2, 4, 6, 4], 20, 1, true],
    ['WSAS one missing, uneven: (1+2+3+4)/4 × 5 = 12.5', 'WSAS', [1, 2, 3, 4, _], 12.5, 1, true],
    ['WSAS two missing: not scored', 'WSAS', [_, _, 4, 6, 8], null, 2, false],
    ['GSE three missing: prorated 21/7 × 10 = 30', 'GSE', [_, _, _, 3, 3, 3, 3, 3, 3, 3], 30, 3, true],
    ['GSE four missing: not scored', 'GSE', [_, _, _, _, 3, 3, 3, 3, 3, 3], null, 4, false],
    ['SHS one missing (16.7 %): prorated 25/5 × 6 = 30', 'SHS', [_, 5, 5, 5, 5, 5], 30, 1, true],
    ['SHS two missing (33 %): not scored', 'SHS', [_, _, 5, 5, 5, 5], null, 2, false],
  ] as const)('%s', (_label, key, items, score, missing, prorated) => {
    const r = scoreItems(items as readonly (number | null)[], reg[key]);
    expect(r.score).toBe(score);
    expect(r.missingItems).toBe(missing);
    expect(r.prorated).toBe(prorated);
  });

  it('ESR reverse-codes the configured items before averaging', () => {
    const rules: ScoringRules = { ...reg.ESR, reverseItems: [1, 2] };
    const items = [4, 4, ...Array(26).fill(1)];
    // Items 1 and 2 become 1 (1 + 4 − 4): every item is 1 → mean 1.
    expect(scoreItems(items, rules).score).toBe(1);
    expect(scoreItems(items, reg.ESR).score).toBeCloseTo((8 + 26) / 28, 14);
  });

  it('allowed missing items follow the registry: QPR 3, MANSA 2, WSAS 1, GSE 3, SHS 1, ESR 5', () => {
    expect(['QPR-15', 'MANSA', 'WSAS', 'GSE', 'SHS', 'ESR'].map((k) => maxMissingItems(reg[k]))).toEqual([3, 2, 1, 3, 1, 5]);
  });

  it('every registry entry is complete and coherent', () => {
    for (const [key, def] of Object.entries(reg)) {
      const lo = def.scoring === 'sum' ? def.items * def.itemRange[0] : def.itemRange[0];
      const hi = def.scoring === 'sum' ? def.items * def.itemRange[1] : def.itemRange[1];
      expect(def.totalRange, key).toEqual([lo, hi]);
    }
    expect(reg['QPR-15'].mcid).toEqual({ betweenGroups: 4, withinPerson: 5 });
    expect(reg.WSAS.higherIsBetter).toBe(false);
  });

  it('property: a score always lies in the total range and ignores the order of items when none are reversed', () => {
    const def = reg['QPR-15'];
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 15, maxLength: 15 }), (items) => {
        const r = scoreItems(items, def);
        if (r.score !== null) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(60);
          expect(scoreItems([...items].reverse(), def).score).toBeCloseTo(r.score, 12);
        }
        expect(r.score === null).toBe(r.missingItems > 3);
      }),
    );
  });
});
