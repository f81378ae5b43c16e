/**
 * validateLong's fast path: a long CSV file read straight into validated columns
 * (load/columnar-csv.ts), checked by the same rules, in one pass over its bytes and without a
 * row-of-strings table. It only ever says "valid" or "not for me": a file with any problem —
 * and any file it does not read (XLSX, wide, register panels, quotes, other encodings) — returns
 * null, and the caller takes the general path (readDataFile + validateLong), which reports every
 * problem with its file, row, column and fix. So hostile input gets exactly the general path's
 * messages, and a valid file gets exactly its columns (test/data/columnar.test.ts compares them).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { armColumn, participantRows, type TrialSpec } from '../spec/load.ts';
import { readColumnar, type CellSink } from '../load/columnar-csv.ts';
import { sniffKind } from '../load/sniff.ts';
import { ProblemList } from '../problems.ts';
import type { ColumnRule } from './column-rules.ts';
import { parseNumber } from './parse-number.ts';
import { checkTimeToEvent, parseIsoDate, type LongData, type TypedColumn } from './validate.ts';

/** A group's per-row sum of its answered items, and how many were answered (NaN cells skipped). */
export interface ItemSums {
  readonly sum: Float64Array;
  readonly answered: Int32Array;
}

export interface FastLoad {
  readonly data: LongData;
  readonly header: readonly string[];
  /**
   * The summed groups (rules with `fold`), by group: their columns are not in `data`. A group is
   * summed only when its items stand in the file in item order, so each row's sum adds the same
   * values in the same order as a sum over the kept columns (the same bits); otherwise its
   * columns are read and kept as usual.
   */
  readonly sums: Readonly<Record<string, ItemSums>>;
}

/** Reads and validates `file` by the fast path, or returns null (then use the general path). */
export function readLongFast(file: string, spec: TrialSpec, rules: readonly ColumnRule[]): FastLoad | null {
  if (participantRows(spec) || spec.registerPanel !== undefined || extname(file).toLowerCase() === '.xlsx') return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null; // the general path words the error
  }
  if (sniffKind(bytes) !== 'text') return null;
  return validateBytes(bytes, file, spec, rules);
}

export function validateBytes(bytes: Uint8Array, file: string, spec: TrialSpec, rules: readonly ColumnRule[]): FastLoad | null {
  const c = spec.columns;
  const armCol = armColumn(spec);
  const implicitArm = c.arm === undefined ? spec.arms[0].label : null;
  const roleCols = [c.id, c.visit, ...(implicitArm === null ? [armCol] : [])];
  // A rule on the id, arm or visit column, or a column named twice by rules: the general path sorts it out.
  if (rules.some((r) => roleCols.includes(r.column)) || new Set(rules.map((r) => r.column)).size !== rules.length) return null;
  const decimal = spec.data.csv.decimal;
  const codes = new Set(spec.data.missingValues);
  const blank = (text: string) => text === '' || (codes.size > 0 && codes.has(text.trim()));
  // A missing-value code written as plain digits ("-99") must not be read as a number by the digit path.
  const digitCodes = [...codes].some((x) => /^\s*-?\d+\s*$/.test(x));

  let ids: string[] = [];
  let arms: string[] = [];
  let visits: string[] = [];
  const out: Record<string, TypedColumn> = Object.create(null);
  const dates: { column: string; values: (string | null)[] }[] = [];

  const numericSink = (rule: Extract<ColumnRule, { kind: 'numeric' }>, rows: number): CellSink => {
    const ok = (x: number) => Number.isFinite(x) && !(rule.integer && !Number.isInteger(x)) && !((rule.min !== null && (x < rule.min || (rule.minExclusive && x === rule.min))) || (rule.max !== null && x > rule.max));
    const bounds = { digits: !digitCodes, min: rule.min ?? -Infinity, max: rule.max ?? Infinity, minExclusive: rule.minExclusive === true };
    if (rule.typed) {
      const col = new Float64Array(rows);
      out[rule.column] = col;
      return { kind: 'number', out: col, ...bounds, slow: (i, text) => {
        if (blank(text)) return void (col[i] = Number.NaN), true;
        const x = parseNumber(text, decimal);
        if (x === null || !ok(x)) return false;
        col[i] = x;
        return true;
      } };
    }
    const col: (number | null)[] = new Array(rows);
    out[rule.column] = col;
    return { kind: 'number', out: col, ...bounds, slow: (i, text) => {
      if (blank(text)) return void (col[i] = null), true;
      const x = parseNumber(text, decimal);
      if (x === null || !ok(x)) return false;
      col[i] = x;
      return true;
    } };
  };
  const sumSink = (rule: Extract<ColumnRule, { kind: 'numeric' }>, target: ItemSums): CellSink => {
    const ok = (x: number) => Number.isFinite(x) && !(rule.integer && !Number.isInteger(x)) && !((rule.min !== null && (x < rule.min || (rule.minExclusive && x === rule.min))) || (rule.max !== null && x > rule.max));
    return {
      kind: 'sum', sum: target.sum, answered: target.answered, reversed: rule.fold!.reversed, offset: rule.fold!.offset,
      digits: !digitCodes, min: rule.min ?? -Infinity, max: rule.max ?? Infinity, minExclusive: rule.minExclusive === true,
      slow: (text) => {
        if (blank(text)) return Number.NaN;
        const x = parseNumber(text, decimal);
        return x === null || !ok(x) ? null : x;
      },
    };
  };
  const sums: Record<string, ItemSums> = Object.create(null);
  // A digit cell that breaks its rule (out of range, …): noted, and the file goes to the general path.
  const slowFail: string[] = [];

  const read = readColumnar(bytes, spec.data.csv, {
    sinks(header, rows) {
      const index = new Map<string, number>();
      for (let j = 0; j < header.length; j++) {
        if (header[j] === '') continue;
        if (index.has(header[j])) return null; // a duplicate column name
        index.set(header[j], j);
      }
      for (const col of [...roleCols, ...rules.map((r) => r.column)]) if (!index.has(col)) return null; // a missing column
      const sinks: (CellSink | null)[] = header.map(() => null);
      ids = new Array(rows);
      visits = new Array(rows);
      arms = implicitArm === null ? new Array(rows) : new Array(rows).fill(implicitArm);
      sinks[index.get(c.id)!] = { kind: 'text', put: (i, t) => void (ids[i] = t) };
      sinks[index.get(c.visit)!] = { kind: 'text', put: (i, t) => void (visits[i] = t) };
      if (implicitArm === null) sinks[index.get(armCol)!] = { kind: 'text', put: (i, t) => void (arms[i] = t) };
      // Fold groups whose items stand in the file in item order (each item once) are summed.
      const groups = new Map<string, { item: number; at: number }[]>();
      for (const rule of rules) {
        if (rule.kind !== 'numeric' || rule.fold === undefined) continue;
        let g = groups.get(rule.fold.group);
        if (!g) groups.set(rule.fold.group, (g = []));
        g.push({ item: rule.fold.item, at: index.get(rule.column)! });
      }
      for (const [group, g] of groups) {
        g.sort((a, b) => a.item - b.item);
        if (g.every((x, k) => x.item === k && (k === 0 || x.at > g[k - 1].at))) sums[group] = { sum: new Float64Array(rows), answered: new Int32Array(rows) };
      }
      for (const rule of rules) {
        const j = index.get(rule.column)!;
        if (rule.kind === 'numeric' && rule.fold !== undefined && sums[rule.fold.group] !== undefined) sinks[j] = sumSink(rule, sums[rule.fold.group]);
        else if (rule.kind === 'numeric') sinks[j] = numericSink(rule, rows);
        else {
          const col: (string | null)[] = new Array(rows);
          out[rule.column] = col;
          if (rule.kind === 'date') dates.push({ column: rule.column, values: col });
          const levels = rule.kind === 'categorical' ? new Set(rule.levels) : null;
          // The last value found neither blank nor an unknown level: repeats are not checked again.
          let lastOk: string | null = null;
          sinks[j] = { kind: 'text', put: (i, t) => {
            if (t === lastOk) col[i] = t;
            else if (blank(t)) col[i] = null;
            else {
              if (levels !== null && !levels.has(t)) slowFail.push(rule.column);
              else lastOk = t;
              col[i] = t;
            }
          } };
        }
      }
      return sinks;
    },
  });
  if (read === null || slowFail.length > 0) return null;
  for (const d of dates) for (const v of d.values) if (v !== null && parseIsoDate(v) === null) return null;

  // The row checks of validateLong, as yes/no: ids present, arms and visits known, one row per
  // participant × visit, arm and site/strata constant within a participant, a baseline row each.
  const n = read.n;
  const armLabels = new Set(spec.arms.map((a) => a.label));
  const visitIndex = new Map(spec.visits.map((v, k) => [v.id, k] as const));
  const baseline = spec.baselineVisit === undefined ? -1 : visitIndex.get(spec.baselineVisit)!;
  const fixed = [c.site, ...c.strata].filter((x): x is string => x !== undefined).map((f) => out[f] as (string | null)[] | undefined);
  if (fixed.some((f) => f === undefined)) return null;
  const fixedCols = fixed as (string | null)[][];
  const first = new Map<string, number>(); // participant → their first row
  // The visits seen per participant (at their first row), as bits: a trial has a handful of visits.
  if (spec.visits.length > 31) return null;
  const seen = new Int32Array(n);
  // A participant's rows usually follow one another: a row with the previous row's id has the
  // same first row, not looked up again.
  let prevId: string | null = null;
  let prevFirst: number | undefined;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const arm = arms[i];
    const v = visitIndex.get(visits[i]);
    if (id === '' || !armLabels.has(arm) || v === undefined) return null;
    const f = id === prevId ? prevFirst : first.get(id);
    prevId = id;
    prevFirst = f ?? i;
    if (f === undefined) {
      first.set(id, i);
      seen[i] = 1 << v;
      continue;
    }
    if ((seen[f] & (1 << v)) !== 0 || arms[f] !== arm) return null;
    seen[f] |= 1 << v;
    // With missing-value codes an empty and a coded cell both read as null: the general path compares their text.
    for (const col of fixedCols) if (col[f] !== col[i] || (codes.size > 0 && col[i] === null)) return null;
  }
  if (baseline >= 0) for (const f of first.values()) if ((seen[f] & (1 << baseline)) === 0) return null;

  const columns: Record<string, TypedColumn> = Object.assign(Object.create(null) as Record<string, TypedColumn>, { [c.id]: ids, [armCol]: arms, [c.visit]: visits });
  for (const rule of rules) if (rule.column in out) columns[rule.column] = out[rule.column];
  const problems = new ProblemList();
  checkTimeToEvent(spec, { file, rowNumbers: read.rowNumbers }, columns, ids, problems);
  if (problems.count > 0) return null;
  const firstRows = Int32Array.from(first.values());
  return { data: { file, n, columns, rowNumbers: read.rowNumbers, firstRows }, header: read.header, sums };
}
