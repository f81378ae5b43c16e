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
    const col: (number | null)[] = new Array(data.n);
    // One item buffer for every row (scoreItems reads it and keeps nothing), one tally per visit
    // looked up when the visit changes: at registry size these allocations were most of the time.
    const values: (number | null)[] = new Array(itemCols.length);
    let lastVisit: string | null = null;
    let t = { complete: 0, prorated: 0, notScorable: 0, noItems: 0 };
    for (let i = 0; i < data.n; i++) {
      for (let j = 0; j < itemCols.length; j++) values[j] = itemCols[j][i];
      const s = scoreItems(values, ins.definition);
      col[i] = s.score;
      const v = visits[i] ?? '';
      if (v !== lastVisit) {
        let found = tally.get(v);
        if (!found) tally.set(v, (found = { complete: 0, prorated: 0, notScorable: 0, noItems: 0 }));
        t = found;
        lastVisit = v;
      }
      if (s.missingItems === ins.definition.items) t.noItems++;
      else if (s.score === null) t.notScorable++;
      else if (s.prorated) t.prorated++;
      else t.complete++;
    }
    scores[o.id] = col;
    for (const v of spec.visits) {
      const t = tally.get(v.id) ?? { complete: 0, prorated: 0, notScorable: 0, noItems: 0 };
      counts.push({ outcome: o.id, visit: v.id, ...t });
    }
  }
  return { scores, counts };
}
