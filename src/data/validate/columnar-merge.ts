/**
 * Joins the parts of a file read by columnar-part.ts (in file order) into the columns one pass
 * over the whole file gives, and makes the row checks that span parts: a participant whose rows
 * are in two parts has one row per visit over both, one arm and one site/strata, and everyone
 * has a baseline row. Participants keep the order in which they first appear in the file.
 * Any problem gives up (the general path words it), as everywhere on the fast path, naming the
 * participant concerned (gave-up.ts).
 */
import type { GaveUp } from '../load/gave-up.ts';
import type { ColumnRule } from './column-rules.ts';
import type { ItemSums, PartResult, PartSpec, TextCodes } from './columnar-part.ts';
import { parseIsoDate, type TypedColumn } from './validate.ts';

export interface Merged {
  readonly n: number;
  readonly rowNumbers: number[];
  readonly ids: string[];
  readonly arms: string[];
  readonly visits: string[];
  /** The rule columns read (not the summed ones), by column. */
  readonly out: Record<string, TypedColumn>;
  readonly sums: Record<string, ItemSums>;
  /** Each participant's first row, in the order they first appear. */
  readonly firstRows: Int32Array;
}

/** The parts' arrays (their first `lengths[k]` entries) end to end; a single part's array as it is when it has no room to spare. */
function joined<T extends Float64Array | Int32Array>(arrays: readonly T[], lengths: readonly number[], n: number, make: (n: number) => T): T {
  if (arrays.length === 1 && arrays[0].length === n) return arrays[0];
  const out = make(n);
  let at = 0;
  arrays.forEach((a, k) => {
    out.set(a.subarray(0, lengths[k]), at);
    at += lengths[k];
  });
  return out;
}

/** Text codes as values (null = empty), over all parts. */
function decoded(parts: readonly TextCodes[], lengths: readonly number[], n: number): (string | null)[] {
  const out: (string | null)[] = new Array(n);
  let r = 0;
  parts.forEach(({ codes, dict }, k) => {
    for (let i = 0; i < lengths[k]; i++) out[r++] = codes[i] < 0 ? null : dict[codes[i]];
  });
  return out;
}

/** The participant of the first row of part `p` whose `codes` are `code`. */
function participantWith(p: PartResult, codes: Int32Array, code: number): string {
  let i = 0;
  while (i < p.n && codes[i] !== code) i++;
  return p.ids.dict[p.ids.codes[i]];
}

/** The parts joined, or where the file breaks a row check across parts or a date is not a date. */
export function mergeParts(parts: readonly PartResult[], spec: PartSpec, implicitArm: string | null, baseline: number, hasMissingCodes: boolean): Merged | GaveUp {
  const n = parts.reduce((s, p) => s + p.n, 0);
  const starts: number[] = [];
  const rowNumbers: number[] = new Array(n);
  const ids: string[] = new Array(n);
  const visits: string[] = new Array(n);
  const arms: string[] = new Array(n);
  let r = 0;
  let line = spec.layout.headerLine;
  for (const p of parts) {
    starts.push(r);
    // Locals, not p's fields in the loop: a part posted by a worker is an object of another shape
    // than one read here, and the loop would look its fields up the slow way on every row.
    const { n: rows, rowLines, visits: visitCodes, arms: armCodes } = p;
    const { codes: idCodes, dict } = p.ids;
    for (let i = 0; i < rows; i++, r++) {
      rowNumbers[r] = line + rowLines[i];
      ids[r] = dict[idCodes[i]];
      visits[r] = spec.visits[visitCodes[i]];
      arms[r] = armCodes === null ? implicitArm! : spec.arms[armCodes[i]];
    }
    line += p.lines;
  }

  const out: Record<string, TypedColumn> = Object.create(null);
  const lengths = parts.map((p) => p.n);
  for (const { rule } of spec.rules) {
    const values = column(rule, parts, lengths, n);
    if (values !== undefined) out[rule.column] = values;
  }
  for (const { rule, at } of spec.rules) {
    if (rule.kind !== 'date') continue;
    for (const p of parts) {
      const { dict, codes } = p.texts[rule.column];
      const bad = dict.findIndex((v) => parseIsoDate(v) === null);
      if (bad >= 0) return { why: 'participant', participant: participantWith(p, codes, bad), cell: at };
    }
  }
  const sums: Record<string, ItemSums> = Object.create(null);
  for (const g of spec.summed) {
    sums[g] = {
      sum: joined(parts.map((p) => p.sums[g].sum), lengths, n, (k) => new Float64Array(k)),
      answered: joined(parts.map((p) => p.sums[g].answered), lengths, n, (k) => new Int32Array(k)),
    };
  }

  // Participants: the first part's in their order, then each later part's new ones in theirs;
  // one seen in an earlier part must not repeat a visit there, nor change arm or site/strata
  // (each part checked its rows against the participant's first row in it; that row is checked
  // against their first row in the file here).
  const total = parts.reduce((s, p) => s + p.first.length, 0);
  const firstRows = new Int32Array(total);
  const seen = new Int32Array(total);
  const fixed = spec.fixed.map((f) => out[f] as (string | number | null)[]);
  let count = 0;
  const index = parts.length > 1 ? (parts[0].index ?? new Map(parts[0].ids.dict.map((id, k) => [id, k] as const))) : null;
  for (let k = 0; k < parts.length; k++) {
    const { first, seen: partSeen } = parts[k];
    const dict = parts[k].ids.dict;
    const r0 = starts[k];
    for (let q = 0; q < first.length; q++) {
      const g = k === 0 ? undefined : index!.get(dict[q]);
      const row = r0 + first[q];
      if (g === undefined) {
        if (k > 0 && k < parts.length - 1) index!.set(dict[q], count);
        firstRows[count] = row;
        seen[count++] = partSeen[q];
        continue;
      }
      const f = firstRows[g];
      if ((seen[g] & partSeen[q]) !== 0 || arms[f] !== arms[row]) return { why: 'participant', participant: dict[q] };
      seen[g] |= partSeen[q];
      for (const col of fixed) if (col[f] !== col[row] || (hasMissingCodes && col[row] === null)) return { why: 'participant', participant: dict[q] };
    }
  }
  if (baseline >= 0) for (let g = 0; g < count; g++) if ((seen[g] & (1 << baseline)) === 0) return { why: 'participant', participant: ids[firstRows[g]] };
  return { n, rowNumbers, ids, arms, visits, out, sums, firstRows: count === total ? firstRows : firstRows.slice(0, count) };
}

/** A rule's column over all parts, as validateLong holds it; undefined for a summed item. */
function column(rule: ColumnRule, parts: readonly PartResult[], lengths: readonly number[], n: number): TypedColumn | undefined {
  if (rule.kind !== 'numeric') return decoded(parts.map((p) => p.texts[rule.column]), lengths, n);
  if (!(rule.column in parts[0].numbers)) return undefined;
  const cols = parts.map((p) => p.numbers[rule.column]);
  if (rule.typed) return joined(cols, lengths, n, (k) => new Float64Array(k));
  // Numbers and nulls (NaN marks an empty cell: a value read is always finite).
  const values: (number | null)[] = new Array(n);
  let r = 0;
  cols.forEach((c, k) => {
    for (let i = 0; i < lengths[k]; i++, r++) values[r] = c[i] === c[i] ? c[i] : null;
  });
  return values;
}
