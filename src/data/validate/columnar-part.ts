/**
 * One part of a clean long CSV's data lines read into validated columns (load/columnar-csv.ts),
 * with validateLong's row checks within the part, as plain data a worker thread can post back:
 * numbers as Float64Arrays (NaN = empty), text as codes into a list of distinct values, and the
 * participants in the order they first appear, each with their first row and the visits seen.
 * columnar-merge.ts joins the parts and checks what spans them. Like the rest of the fast path
 * it only ever says "valid" or "not for me" (null): the general path words every problem.
 *
 * Imports nothing that loads the spec's schemas: a worker starts on this module alone.
 */
import { readRows, type CellSink, type CsvLayout, type LineChunk } from '../load/columnar-csv.ts';
import { giveUp, type GaveUp } from '../load/gave-up.ts';
import type { ColumnRule } from './column-rules.ts';
import { parseNumber } from './parse-number.ts';

/** Everything a part needs to know, decided once from the spec and the header (validate-columnar.ts). */
export interface PartSpec {
  readonly layout: CsvLayout;
  /** The header position of the id, visit and arm columns (arm −1: the single-arm trial's implicit arm). */
  readonly idAt: number;
  readonly visitAt: number;
  readonly armAt: number;
  /** The spec's visit ids and arm labels: a row's visit and arm are their index here. */
  readonly visits: readonly string[];
  readonly arms: readonly string[];
  /** The columns constant within a participant (site, strata): rule columns, read as such. */
  readonly fixed: readonly string[];
  /** The rules with each one's header position. */
  readonly rules: readonly { readonly rule: ColumnRule; readonly at: number }[];
  /** The fold groups whose items stand in the file in item order: summed, not kept. */
  readonly summed: readonly string[];
  readonly decimal: '.' | ',';
  readonly missingValues: readonly string[];
}

/** A text column as codes (−1 = empty) into its distinct values, in the order they first appear. */
export interface TextCodes {
  readonly codes: Int32Array;
  readonly dict: string[];
}

/** A group's per-row sum of its answered items, and how many were answered (NaN cells skipped). */
export interface ItemSums {
  readonly sum: Float64Array;
  readonly answered: Int32Array;
}

export interface PartResult {
  /** The part's rows: the arrays below may be longer (room made while reading); their first `n` entries are the rows. */
  readonly n: number;
  /** The part's lines, blank ones too (the next part's line numbers go on from here). */
  readonly lines: number;
  /** Each row's line, counted from the part's first line (= 1). */
  readonly rowLines: Int32Array;
  /** Participant codes; `dict` lists the participants in the order they first appear. */
  readonly ids: TextCodes;
  /** Each row's visit and arm as their index in the spec (arms null: the implicit arm). */
  readonly visits: Int32Array;
  readonly arms: Int32Array | null;
  /** Each participant's first row in the part, and the visits seen (bit v = visit v). */
  readonly first: Int32Array;
  readonly seen: Int32Array;
  /** Numeric rule columns (NaN = empty), text rule columns, fold groups' sums. */
  readonly numbers: Record<string, Float64Array>;
  readonly texts: Record<string, TextCodes>;
  readonly sums: Record<string, ItemSums>;
  /** The id → code map of this part when read in this thread (the merge looks other parts' ids up in it). */
  readonly index?: Map<string, number>;
}

/** Reads the data rows in `chunks` by `spec` (room made for `capacity` rows at first), or null when the fast path does not take them (where, noted in `gave`). */
export function readPart(chunks: Iterable<LineChunk>, capacity: number, spec: PartSpec, gave?: { at?: GaveUp }): PartResult | null {
  const decimal = spec.decimal;
  const codes = new Set(spec.missingValues);
  const blank = (text: string) => text === '' || (codes.size > 0 && codes.has(text.trim()));
  // A missing-value code written as plain digits ("-99") must not be read as a number by the digit path.
  const digitCodes = [...codes].some((x) => /^\s*-?\d+\s*$/.test(x));
  const sinks: (CellSink | null)[] = spec.layout.header.map(() => null);

  // Identifiers: a code per participant, in the order they first appear.
  const idDict: string[] = [];
  const index = new Map<string, number>();
  // A participant's rows usually follow one another: only the last id is remembered by its bytes
  // (the map finds a participant seen earlier).
  sinks[spec.idAt] = { kind: 'code', recent: 1, intern: (t) => {
    if (t === '') return -2;
    let c = index.get(t);
    if (c === undefined) index.set(t, (c = idDict.push(t) - 1));
    return c;
  } };
  const lookup = (values: readonly string[]) => {
    const at = new Map(values.map((v, k) => [v, k] as const));
    return (t: string) => at.get(t) ?? -2;
  };
  sinks[spec.visitAt] = { kind: 'code', intern: lookup(spec.visits) };
  if (spec.armAt >= 0) sinks[spec.armAt] = { kind: 'code', intern: lookup(spec.arms) };

  const dicts: Record<string, string[]> = Object.create(null);
  for (const { rule, at } of spec.rules) {
    if (rule.kind === 'numeric') {
      const ok = (x: number) => Number.isFinite(x) && !(rule.integer && !Number.isInteger(x)) && !((rule.min !== null && (x < rule.min || (rule.minExclusive && x === rule.min))) || (rule.max !== null && x > rule.max));
      const slow = (text: string) => {
        if (blank(text)) return Number.NaN;
        const x = parseNumber(text, decimal);
        return x === null || !ok(x) ? null : x;
      };
      const bounds = { digits: !digitCodes, min: rule.min ?? -Infinity, max: rule.max ?? Infinity, minExclusive: rule.minExclusive === true, slow };
      const group = rule.fold === undefined ? -1 : spec.summed.indexOf(rule.fold.group);
      sinks[at] = group >= 0 ? { kind: 'sum', group, reversed: rule.fold!.reversed, offset: rule.fold!.offset, ...bounds } : { kind: 'number', ...bounds };
      continue;
    }
    const dict: string[] = (dicts[rule.column] = []);
    const levels = rule.kind === 'categorical' ? new Set(rule.levels) : null;
    const seen = new Map<string, number>();
    sinks[at] = { kind: 'code', intern: (t) => {
      if (blank(t)) return -1;
      let c = seen.get(t);
      if (c === undefined) {
        if (levels !== null && !levels.has(t)) return -2; // an unknown level
        seen.set(t, (c = dict.push(t) - 1));
      }
      return c;
    } };
  }

  const read = readRows(chunks, spec.layout, sinks, capacity, gave);
  if (read === null) return null;
  const n = read.n;
  const numbers: Record<string, Float64Array> = Object.create(null);
  const texts: Record<string, TextCodes> = Object.create(null);
  for (const { rule, at } of spec.rules) {
    if (rule.kind !== 'numeric') texts[rule.column] = { codes: read.columns[at] as Int32Array, dict: dicts[rule.column] };
    else if (read.columns[at] !== null) numbers[rule.column] = read.columns[at] as Float64Array;
  }
  const sums: Record<string, ItemSums> = Object.create(null);
  spec.summed.forEach((g, k) => (sums[g] = read.sums[k]));
  const ids: TextCodes = { codes: read.columns[spec.idAt] as Int32Array, dict: idDict };
  const visits = read.columns[spec.visitAt] as Int32Array;
  const arms = spec.armAt < 0 ? null : (read.columns[spec.armAt] as Int32Array);

  // The row checks of validateLong within the part, as yes/no: one row per participant × visit,
  // arm and site/strata constant within a participant (ids present, arms and visits known were
  // checked as their codes were made). A baseline row each is the merge's to check.
  const idCodes = ids.codes;
  const first = new Int32Array(idDict.length).fill(-1);
  const seenVisits = new Int32Array(idDict.length);
  const fixedText = spec.fixed.filter((f) => f in texts).map((f) => texts[f].codes);
  const fixedNumber = spec.fixed.filter((f) => f in numbers).map((f) => numbers[f]);
  if (fixedText.length + fixedNumber.length !== spec.fixed.length) return giveUp(gave, { why: 'layout' });
  const theirs = (p: number) => giveUp(gave, { why: 'participant', participant: idDict[p] });
  const coded = codes.size > 0;
  for (let i = 0; i < n; i++) {
    const p = idCodes[i];
    const bit = 1 << visits[i];
    const f = first[p];
    if (f < 0) {
      first[p] = i;
      seenVisits[p] = bit;
      continue;
    }
    if ((seenVisits[p] & bit) !== 0 || (arms !== null && arms[f] !== arms[i])) return theirs(p);
    seenVisits[p] |= bit;
    // With missing-value codes an empty and a coded cell both read as empty: the general path compares their text.
    for (const col of fixedText) if (col[f] !== col[i] || (coded && col[i] === -1)) return theirs(p);
    for (const col of fixedNumber) {
      const a = col[f];
      const b = col[i];
      if ((a !== b && !(a !== a && b !== b)) || (coded && b !== b)) return theirs(p);
    }
  }
  return { n, lines: read.lines, rowLines: read.rowLines, ids, visits, arms, first, seen: seenVisits, numbers, texts, sums, index };
}

/** The typed arrays of a part, to transfer (not copy) to the thread that merges. */
export function transferList(part: PartResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [part.rowLines, part.ids.codes, part.visits, part.first, part.seen, ...Object.values(part.numbers), ...Object.values(part.texts).map((t) => t.codes), ...Object.values(part.sums).flatMap((s) => [s.sum, s.answered])];
  if (part.arms !== null) arrays.push(part.arms);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
