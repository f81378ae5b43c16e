/**
 * Adds one score column per instrument outcome to the long data (named by the outcome id) and
 * counts, per outcome × visit, how many scores were complete, prorated or not scorable.
 */
import type { TrialSpec } from '../data/spec/load.ts';
import type { LongData } from '../data/validate/validate.ts';
import type { ItemSums } from '../data/validate/validate-columnar.ts';
import type { ResolvedInstrument } from './resolve.ts';
import { maxMissingItems } from './registry.ts';

export interface ScoringCount {
  readonly outcome: string;
  readonly visit: string;
  readonly complete: number;
  readonly prorated: number;
  readonly notScorable: number;
  readonly noItems: number;
}

/**
 * `sums`: instruments whose items the reader already summed per row (validate-columnar.ts, the
 * same additions in the same order), by instrument id; their item columns are not read (and
 * need not be in `data`).
 */
export function scoreTrial(data: LongData, spec: TrialSpec, instruments: readonly ResolvedInstrument[], sums: Readonly<Record<string, ItemSums>> = {}): { scores: Record<string, (number | null)[]>; counts: ScoringCount[] } {
  const visits = data.columns[spec.columns.visit] as (string | null)[];
  const scores: Record<string, (number | null)[]> = Object.create(null); // keyed by outcome ids from the spec
  const counts: ScoringCount[] = [];
  for (const o of spec.outcomes) {
    if (o.kind !== 'score') continue;
    const ins = instruments.find((x) => x.id === o.instrument)!;
    const summed = Object.hasOwn(sums, ins.id) ? sums[ins.id] : undefined;
    const itemCols = summed ? [] : ins.itemColumns.map((c) => data.columns[c] as ArrayLike<number | null>);
    const tally = new Map<string, { complete: number; prorated: number; notScorable: number; noItems: number }>();
    const col: (number | null)[] = new Array(data.n);
    // scoreItems' arithmetic inlined (same sums in the same order, so the same bits), with the
    // reversed items and the allowance looked up once, and one tally per visit looked up when the
    // visit changes: at registry size the per-row calls and allocations were most of the time.
    const def = ins.definition;
    const [lo, hi] = def.itemRange;
    const reversed = Array.from({ length: itemCols.length }, (_, j) => def.reverseItems.includes(j + 1));
    const allowed = maxMissingItems(def);
    const k = def.items;
    if (ins.itemColumns.length !== k) throw new RangeError(`expected ${k} item values, got ${ins.itemColumns.length}`);
    // Sums over the items column by column (each column read in order, not 15 columns per row),
    // adding item j before item j + 1 for every row as scoreItems does.
    const sum = summed?.sum ?? new Float64Array(data.n);
    const answered = summed?.answered ?? new Int32Array(data.n);
    for (let j = 0; j < itemCols.length; j++) {
      const c = itemCols[j];
      const rev = reversed[j];
      if (c instanceof Float64Array) {
        for (let i = 0; i < data.n; i++) {
          const v = c[i];
          if (Number.isNaN(v)) continue;
          sum[i] += rev ? lo + hi - v : v;
          answered[i]++;
        }
      } else {
        for (let i = 0; i < data.n; i++) {
          const v = c[i];
          if (v === null || Number.isNaN(v)) continue;
          sum[i] += rev ? lo + hi - v : v;
          answered[i]++;
        }
      }
    }
    let lastVisit: string | null = null;
    let t = { complete: 0, prorated: 0, notScorable: 0, noItems: 0 };
    for (let i = 0; i < data.n; i++) {
      const missingItems = k - answered[i];
      let score: number | null = null;
      if (!(answered[i] === 0 || missingItems > allowed)) {
        const mean = sum[i] / answered[i];
        score = def.scoring === 'mean' ? mean : mean * k;
      }
      col[i] = score;
      const v = visits[i] ?? '';
      if (v !== lastVisit) {
        let found = tally.get(v);
        if (!found) tally.set(v, (found = { complete: 0, prorated: 0, notScorable: 0, noItems: 0 }));
        t = found;
        lastVisit = v;
      }
      if (missingItems === k) t.noItems++;
      else if (score === null) t.notScorable++;
      else if (missingItems > 0) t.prorated++;
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
