/**
 * Scoring one participant's item responses at one visit. Reverse-coded items are mapped
 * x → min + max − x first. With k items of which m are missing:
 *   m = 0            → sum or mean of the items;
 *   0 < m ≤ allowed  → prorated: mean of the answered items (× k for a sum score). For WSAS's
 *                      rule ("replace a missing item by the mean of the others") this is the same
 *                      number, so both rules share the formula and differ only in the allowance;
 *   m > allowed      → not scored (null).
 */
import type { InstrumentDefinition } from './registry.ts';
import { maxMissingItems } from './registry.ts';

export interface ItemScore {
  readonly score: number | null;
  readonly missingItems: number;
  readonly prorated: boolean;
}

export type ScoringRules = Pick<InstrumentDefinition, 'items' | 'itemRange' | 'scoring' | 'missing' | 'reverseItems'>;

export function scoreItems(values: readonly (number | null)[], def: ScoringRules): ItemScore {
  if (values.length !== def.items) throw new RangeError(`expected ${def.items} item values, got ${values.length}`);
  const [lo, hi] = def.itemRange;
  let sum = 0;
  let answered = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (v === null || Number.isNaN(v)) continue;
    sum += def.reverseItems.includes(j + 1) ? lo + hi - v : v;
    answered++;
  }
  const missingItems = def.items - answered;
  if (answered === 0 || missingItems > maxMissingItems(def)) return { score: null, missingItems, prorated: false };
  const mean = sum / answered;
  return { score: def.scoring === 'mean' ? mean : mean * def.items, missingItems, prorated: missingItems > 0 };
}
