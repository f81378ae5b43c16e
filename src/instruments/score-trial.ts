/**
 * Adds one score column per instrument outcome to the long data (named by the outcome id) and
 * counts, per outcome × visit, how many scores were complete, prorated or not scorable.
 */
import type { TrialSpec } from '../data/spec/load.ts';
import type { LongData } from '../data/validate/validate.ts';
import type { ResolvedInstrument } from './resolve.ts';
import { scoreItems } from './score.ts';

export interface ScoringCount {
  readonly outcome: string;
  readonly visit: string;
  readonly complete: number;
  readonly prorated: number;
  readonly notScorable: number;
  readonly noItems: number;
}

export function scoreTrial(data: LongData, spec: TrialSpec, instruments: readonly ResolvedInstrument[]): { scores: Record<string, (number | null)[]>; counts: ScoringCount[] } {
  const visits = data.columns[spec.columns.visit] as (string | null)[];
  const scores: Record<string, (number | null)[]> = Object.create(null); // keyed by outcome ids from the spec
  const counts: ScoringCount[] = [];
  for (const o of spec.outcomes) {
    if (o.kind !== 'score') continue;
    const ins = instruments.find((x) => x.id === o.instrument)!;
    const itemCols = ins.itemColumns.map((c) => data.columns[c] as (number | null)[]);
    const tally = new Map<string, { complete: number; prorated: number; notScorable: number; noItems: number }>();
    const col: (number | null)[] = [];
    for (let i = 0; i < data.n; i++) {
      const values = itemCols.map((c) => c[i]);
      const s = scoreItems(values, ins.definition);
      col.push(s.score);
      const v = visits[i] ?? '';
      const t = tally.get(v) ?? { complete: 0, prorated: 0, notScorable: 0, noItems: 0 };
      if (s.missingItems === ins.definition.items) t.noItems++;
      else if (s.score === null) t.notScorable++;
      else if (s.prorated) t.prorated++;
      else t.complete++;
      tally.set(v, t);
    }
    scores[o.id] = col;
    for (const v of spec.visits) {
      const t = tally.get(v.id) ?? { complete: 0, prorated: 0, notScorable: 0, noItems: 0 };
      counts.push({ outcome: o.id, visit: v.id, ...t });
    }
  }
  return { scores, counts };
}
