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
  const { scores, counts } = scoreTrialTyped(data, spec, instruments, sums);
  return { scores: nullableScores(scores), counts };
}

/** Score columns with null where not scorable, from Float64Arrays with NaN there (a score itself is never NaN). */
export function nullableScores(scores: Readonly<Record<string, Float64Array>>): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = Object.create(null); // keyed by outcome ids from the spec
  for (const [id, col] of Object.entries(scores)) {
    const values: (number | null)[] = new Array(col.length);
    for (let i = 0; i < col.length; i++) values[i] = Number.isNaN(col[i]) ? null : col[i];
    out[id] = values;
  }
  return out;
}

/**
 * scoreTrial with each score column a Float64Array, NaN where not scorable: what the validate
 * summary reads, without a boxed number per score (millions at registry size).
 */
export function scoreTrialTyped(data: LongData, spec: TrialSpec, instruments: readonly ResolvedInstrument[], sums: Readonly<Record<string, ItemSums>> = {}): { scores: Record<string, Float64Array>; counts: ScoringCount[] } {
  const visits = data.columns[spec.columns.visit] as (string | null)[];
  const scores: Record<string, Float64Array> = Object.create(null); // keyed by outcome ids from the spec
  const counts: ScoringCount[] = [];
  // Each row's visit as a number, found once for every outcome (visits alternate row by row, so
  // a lookup per row and outcome was most of the tally's time at registry size).
  const visitCode = new Map<string, number>();
  const code = new Int32Array(data.n);
  let lastVisit: string | null = null;
  let lastCode = 0;
  for (let i = 0; i < data.n; i++) {
    const v = visits[i] ?? '';
    if (v !== lastVisit) {
      let c = visitCode.get(v);
      if (c === undefined) visitCode.set(v, (c = visitCode.size));
      lastVisit = v;
      lastCode = c;
    }
    code[i] = lastCode;
  }
  for (const o of spec.outcomes) {
    if (o.kind !== 'score') continue;
    const ins = instruments.find((x) => x.id === o.instrument)!;
    const summed = Object.hasOwn(sums, ins.id) ? sums[ins.id] : undefined;
    const itemCols = summed ? [] : ins.itemColumns.map((c) => data.columns[c] as ArrayLike<number | null>);
    // Per visit code: complete, prorated, not scorable, no items.
    const tally = new Int32Array(4 * visitCode.size);
    const col = new Float64Array(data.n);
    // scoreItems' arithmetic inlined (same sums in the same order, so the same bits), with the
    // reversed items and the allowance looked up once: at registry size the per-row calls and
    // allocations were most of the time.
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
    for (let i = 0; i < data.n; i++) {
      const missingItems = k - answered[i];
      let score = Number.NaN;
      if (!(answered[i] === 0 || missingItems > allowed)) {
        const mean = sum[i] / answered[i];
        score = def.scoring === 'mean' ? mean : mean * k;
      }
      col[i] = score;
      const t = 4 * code[i];
      if (missingItems === k) tally[t + 3]++;
      else if (Number.isNaN(score)) tally[t + 2]++;
      else if (missingItems > 0) tally[t + 1]++;
      else tally[t]++;
    }
    scores[o.id] = col;
    for (const v of spec.visits) {
      const c = visitCode.get(v.id);
      const t = c === undefined ? null : 4 * c;
      counts.push({ outcome: o.id, visit: v.id, complete: t === null ? 0 : tally[t], prorated: t === null ? 0 : tally[t + 1], notScorable: t === null ? 0 : tally[t + 2], noItems: t === null ? 0 : tally[t + 3] });
    }
  }
  return { scores, counts };
}
