import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instrumentRegistry, maxMissingItems } from '../../src/instruments/registry.ts';
import { scoreItems, type ScoringRules } from '../../src/instruments/score.ts';
import { resolveInstruments } from '../../src/instruments/resolve.ts';
import { loadSpec, parseSpec } from '../../src/data/spec/load.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/fixtures.ts';

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
    ['SHS complete: sum 1+2+3+6+7+8 = 27', 'SHS', [1, 2, 3, 6, 7, 8], 27, 0, false],
    ['GSE complete: sum 10 × 2.5 = 25', 'GSE', [1, 2, 3, 4, 1, 2, 3, 4, 2, 3], 25, 0, false],
    ['GSE one missing: 27/9 × 10 = 30', 'GSE', [_, 3, 3, 3, 3, 3, 3, 3, 3, 3], 30, 1, true],
    ['GSE two missing, uneven: (1+2+3+4+1+2+3+4)/8 × 10 = 25', 'GSE', [1, 2, 3, 4, 1, 2, 3, 4, _, _], 25, 2, true],
    ['GSE all missing: not scored', 'GSE', Array(10).fill(null), null, 10, false],
    ['MANSA one missing (8.3 %): mean 33/11 = 3', 'MANSA', [_, 1, 2, 3, 4, 5, 3, 3, 3, 3, 3, 3], 3, 1, true],
    ['WSAS all zero: 0 (a valid score, not missing)', 'WSAS', [0, 0, 0, 0, 0], 0, 0, false],
    ['WSAS all maximal: 40', 'WSAS', [8, 8, 8, 8, 8], 40, 0, false],
    ['ESR five missing (17.9 %): mean of the 23 answered = 2', 'ESR', [_, _, _, _, _, ...Array(23).fill(2)], 2, 5, true],
    ['ESR six missing (21.4 %): not scored', 'ESR', [_, _, _, _, _, _, ...Array(22).fill(2)], null, 6, false],
    ['self-advocacy (8 × 1–5, mean) complete: 24/8 = 3', 'SELF-ADVOCACY', [1, 2, 3, 4, 5, 3, 3, 3], 3, 0, false],
    ['self-advocacy one missing (12.5 %): 21/7 = 3', 'SELF-ADVOCACY', [_, 2, 3, 4, 5, 1, 3, 3], 3, 1, true],
    ['self-advocacy two missing (25 %): not scored', 'SELF-ADVOCACY', [_, _, 3, 4, 5, 1, 3, 3], null, 2, false],
    ['CSRQ (10 × 1–5, sum) complete: 30', 'CSRQ', [1, 2, 3, 4, 5, 5, 4, 3, 2, 1], 30, 0, false],
    ['CSRQ two missing (20 %): 27/8 × 10 = 33.75', 'CSRQ', [_, _, 3, 4, 5, 5, 4, 3, 2, 1], 33.75, 2, true],
    ['CSRQ three missing (30 %): not scored', 'CSRQ', [_, _, _, 4, 5, 5, 4, 3, 2, 1], null, 3, false],
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

  it('ESR reverse-codes a configured item and prorates when it is missing', () => {
    const rules: ScoringRules = { ...reg.ESR, reverseItems: [1, 2, 3] };
    // Item 1 missing; items 2 and 3 answered 4 → reversed to 1; 25 others answered 1 → mean 27/27 = 1.
    expect(scoreItems([_, 4, 4, ...Array(25).fill(1)], rules)).toEqual({ score: 1, missingItems: 1, prorated: true });
  });
});

describe('instruments resolved from a trial spec', () => {
  const peer = loadSpec(join(repoRoot, 'data-samples/peer-trial.spec.json'));
  const raw = () => JSON.parse(readFileSync(join(repoRoot, 'data-samples/peer-trial.spec.json'), 'utf8')) as Record<string, any>;

  it('the twin spec’s ESR reverse items reach the scoring rules; WSAS keeps its own missing rule', () => {
    const ins = resolveInstruments(peer);
    const esr = ins.find((i) => i.id === 'esr')!;
    expect(esr.definition.reverseItems).toEqual([3, 7, 10, 14, 16, 18, 21, 24, 27]);
    expect(esr.itemColumns[0]).toBe('esr_1');
    expect(ins.find((i) => i.id === 'wsas')!.definition.missing).toEqual({ rule: 'replace-mean', maxMissing: 1 });
    expect(ins.find((i) => i.id === 'gse')!.definition.missing).toEqual({ rule: 'prorate', maxMissing: 3 });
  });

  it('a configurable scale takes its item count, range and scoring from the spec, and its total range follows', () => {
    const s = raw();
    s.instruments[6] = { id: 'sa', instrument: 'SELF-ADVOCACY', items: { columns: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] }, overrides: { itemRange: [0, 3], scoring: 'sum' } };
    const sa = resolveInstruments(parseSpec(s, 'spec.json')).find((i) => i.id === 'sa')!;
    expect(sa.definition).toMatchObject({ items: 6, itemRange: [0, 3], scoring: 'sum', totalRange: [0, 18] });
    expect(maxMissingItems(sa.definition)).toBe(1); // 20 % of 6 = 1.2 → 1
    expect(scoreItems([3, _, 2, 1, 0, 3], sa.definition)).toEqual({ score: 10.8, missingItems: 1, prorated: true }); // 9/5 × 6
    expect(scoreItems([3, _, _, 1, 0, 3], sa.definition).score).toBeNull();
  });

  it('refuses an empty item range in the spec', () => {
    const s = raw();
    s.instruments[7].overrides = { itemRange: [3, 3] };
    expect(() => resolveInstruments(parseSpec(s, 'spec.json'))).toThrow(DataValidationError);
  });
});
