/**
 * One municipal export → the records the store keeps, with the trial's loader and validator
 * (src/data: CSV/XLSX sniffing, Danish locale, every problem at once with file, row, column and
 * fix) and scorer (src/instruments). On top come the roll-out's own rules, in the same problem
 * format: no CPR-shaped ids (checked first, value masked), municipalities of the contract only,
 * group dates that parse and fall in a payment period, one group per citizen, the same dates for
 * a group on every row.
 */
import { readDataBytes, wideToLong } from '../../data/load/read-file.ts';
import { specColumnRules, type ColumnRule } from '../../data/validate/column-rules.ts';
import { validateLong, type LongData } from '../../data/validate/validate.ts';
import { validateBytes } from '../../data/validate/validate-columnar.ts';
import { sniffKind } from '../../data/load/sniff.ts';
import { participantRows } from '../../data/spec/load.ts';
import { extname } from 'node:path';
import { DataValidationError, ProblemList } from '../../data/problems.ts';
import { didYouMean } from '../../data/validate/suggest.ts';
import { itemRules, resolveInstruments } from '../../instruments/resolve.ts';
import { scoreTrial } from '../../instruments/score-trial.ts';
import type { RolloutSpec } from '../spec/load.ts';
import type { Period } from '../contract/schema.ts';
import { periodOf } from '../contract/load.ts';
import { cprProblems, isCprShaped } from './cpr.ts';
import { describeDateStyle, parseDate } from './dates.ts';
import { cellsJson, type Quoted } from './cells-json.ts';

export interface ExportGroup {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly startPeriod: string | null;
  readonly period: string;
}

export interface ExportRow {
  readonly pid: string;
  readonly visit: string;
  readonly municipality: string;
  readonly group: string;
  /** Every validated cell but id and visit, typed, as a JSON array (named by `cellNames`): what change detection compares. */
  readonly cells: string;
  /** The row's outcome values (instrument scores, counts, register counts), in the order of `valueNames`. */
  readonly values: readonly (number | null)[];
}

export interface ExportRecords {
  readonly file: string;
  /** Names of the cells in every row's cellValues (the spec's columns but id and visit). */
  readonly cellNames: readonly string[];
  /** Outcome ids of every row's `values`: the scores, then the counts (register or not), in spec order. */
  readonly valueNames: readonly string[];
  readonly rows: readonly ExportRow[];
  readonly groups: ReadonlyMap<string, ExportGroup>;
  readonly municipalities: readonly string[];
}

export interface ReadExportContext {
  readonly spec: RolloutSpec;
  readonly municipalities: readonly string[];
  readonly periods: readonly Period[];
}

/**
 * The trial loader's fast path (validate-columnar.ts: a clean CSV straight into validated
 * columns, the same columns validateLong gives) for an export with nothing wrong, CPR check
 * included; null for anything else, and the general path reads the file and words its problems.
 * An id or group shaped like a CPR number sends the file to the general path, which refuses it
 * with the masked message; so does a missing-value code shaped like one (read as empty here, it
 * would not be seen).
 */
export function readFast(bytes: Uint8Array, file: string, spec: RolloutSpec, rules: readonly ColumnRule[]): LongData | null {
  const cohort = spec.cohort;
  if (participantRows(cohort) || cohort.registerPanel !== undefined || extname(file).toLowerCase() === '.xlsx' || sniffKind(bytes) !== 'text') return null;
  if (cohort.data.missingValues.some(isCprShaped)) return null;
  const fast = validateBytes(bytes, file, cohort, rules);
  if (fast === null) return null;
  for (const column of [cohort.columns.id, spec.columns.group]) {
    for (const v of fast.data.columns[column] as readonly (string | null)[]) if (v !== null && isCprShaped(v)) return null;
  }
  return fast.data;
}

/** csv-parse (or exceljs) and validateLong: every problem found, with file, row, column and fix. */
async function readGeneral(bytes: Uint8Array, file: string, spec: RolloutSpec, rules: readonly ColumnRule[]): Promise<LongData> {
  const cohort = spec.cohort;
  let raw = await readDataBytes(bytes, file, cohort);
  if (raw.rows.length === 0) throw new DataValidationError([{ file, row: null, column: null, value: null, message: 'has a header but no data rows', allowed: 'a header row and at least one data row', fix: 'export the data again with its rows' }]);
  // Identifiers first, before any message could repeat a value.
  const cpr = cprProblems(raw, [cohort.columns.id, spec.columns.group]);
  if (cpr.length > 0) throw new DataValidationError(cpr.slice(0, 200), Math.max(0, cpr.length - 200));
  if (cohort.data.format === 'wide') raw = wideToLong(raw, cohort);
  return validateLong(raw, cohort, rules);
}

/** `fast: false` skips the fast path (tests compare the two). */
export async function readExport(bytes: Uint8Array, file: string, ctx: ReadExportContext, options: { readonly fast?: boolean } = {}): Promise<ExportRecords> {
  const { spec } = ctx;
  const cohort = spec.cohort;
  const instruments = resolveInstruments(cohort);
  const extra: ColumnRule[] = [
    { column: spec.columns.group, kind: 'text', describe: 'course group' },
    { column: spec.columns.groupStart, kind: 'text', describe: 'date of the first session' },
    { column: spec.columns.groupEnd, kind: 'text', describe: 'date of the last session' },
  ];
  const rules = [...specColumnRules(cohort), ...itemRules(instruments), ...extra];
  const data = (options.fast === false ? null : readFast(bytes, file, spec, rules)) ?? (await readGeneral(bytes, file, spec, rules));
  const { scores } = scoreTrial(data, cohort, instruments);

  const problems = new ProblemList();
  const c = cohort.columns;
  const col = (name: string) => data.columns[name] as (string | number | null)[];
  const ids = col(c.id) as (string | null)[];
  const visits = col(c.visit) as (string | null)[];
  const munis = col(spec.municipalityColumn) as (string | null)[];
  const groupsCol = col(spec.columns.group) as (string | null)[];
  const starts = col(spec.columns.groupStart) as (string | null)[];
  const ends = col(spec.columns.groupEnd) as (string | null)[];
  const cellNames = Object.keys(data.columns).filter((k) => k !== c.id && k !== c.visit && k !== '(arm)');
  const countOutcomes = cohort.outcomes.flatMap((o) => (o.kind === 'count' && o.column !== undefined ? [{ id: o.id, column: o.column }] : []));
  const allowedMunis = new Set(ctx.municipalities);
  const scored = cohort.outcomes.filter((o) => o.kind === 'score');
  const valueNames = [...scored.map((o) => o.id), ...countOutcomes.map((o) => o.id)];
  const scoreColumns = scored.map((o) => scores[o.id] as readonly (number | null)[]);
  const countColumns = countOutcomes.map((o) => data.columns[o.column] as (number | null)[]);
  const cellColumns = cellNames.map((k) => data.columns[k] as (string | number | null)[]);

  // A file holds a few dozen groups, so its rows repeat a few dozen dates: each is placed in a period once.
  const periodCache = new Map<string, Period | null>();
  const periodOfDate = (iso: string): Period | null => {
    let p = periodCache.get(iso);
    if (p === undefined) periodCache.set(iso, (p = periodOf(ctx.periods, iso)));
    return p;
  };
  const dateCache = new Map<string, string | null>();
  const dateOf = (text: string): string | null => {
    let d = dateCache.get(text);
    if (d === undefined) dateCache.set(text, (d = parseDate(text, spec.dates)));
    return d;
  };
  const groups = new Map<string, ExportGroup & { row: number }>();
  const citizenGroup = new Map<string, { group: string; row: number }>();
  const rows: ExportRow[] = [];
  const quoted: Quoted = new Map();
  for (let i = 0; i < data.n; i++) {
    const row = data.rowNumbers[i];
    const pid = ids[i]!;
    const muni = munis[i];
    const g = groupsCol[i];
    if (muni === null) problems.add({ file, row, column: spec.municipalityColumn, value: '', message: 'the municipality is empty', allowed: ctx.municipalities.join(', '), fix: 'fill in the municipality' });
    else if (!allowedMunis.has(muni)) {
      const near = didYouMean(muni, ctx.municipalities);
      problems.add({ file, row, column: spec.municipalityColumn, value: muni, message: 'is not a municipality of the contract', allowed: ctx.municipalities.join(', '), fix: near ? `did you mean "${near}"?` : 'correct the municipality, or add it to the contract (a new store)' });
    }
    if (g === null) problems.add({ file, row, column: spec.columns.group, value: '', message: 'the course group is empty', allowed: 'a group id', fix: 'fill in the group the citizen attended' });
    const start = starts[i] === null ? null : dateOf(String(starts[i]));
    const end = ends[i] === null ? null : dateOf(String(ends[i]));
    for (const [name, text, parsed] of [[spec.columns.groupStart, starts[i], start], [spec.columns.groupEnd, ends[i], end]] as const) {
      if (parsed === null) problems.add({ file, row, column: name, value: text === null ? '' : String(text), message: text === null ? 'the date is empty' : 'is not a date', allowed: describeDateStyle(spec.dates), fix: 'write the date of the session, e.g. 2024-03-01 or 01-03-2024' });
    }
    if (g !== null && start !== null && end !== null) {
      const period = periodOfDate(end);
      if (end < start) problems.add({ file, row, column: spec.columns.groupEnd, value: String(ends[i]), message: `the group ends before it starts (${start})`, allowed: 'an end date on or after the start', fix: 'correct the dates' });
      else if (!period) problems.add({ file, row, column: spec.columns.groupEnd, value: String(ends[i]), message: 'falls in none of the contract\'s payment periods', allowed: `${ctx.periods[0].from} to ${ctx.periods[ctx.periods.length - 1].to}`, fix: 'check the date; a group belongs to the period of its last session' });
      const seen = groups.get(g);
      if (!seen && period) groups.set(g, { id: g, start, end, startPeriod: periodOfDate(start)?.id ?? null, period: period.id, row });
      else if (seen && (seen.start !== start || seen.end !== end)) {
        problems.add({ file, row, column: seen.start !== start ? spec.columns.groupStart : spec.columns.groupEnd, value: String(seen.start !== start ? starts[i] : ends[i]), message: `group ${g} has other dates on row ${seen.row} (${seen.start} to ${seen.end})`, allowed: 'the same dates on every row of a group', fix: 'correct the dates of the group' });
      }
    }
    if (g !== null) {
      const cg = citizenGroup.get(pid);
      if (!cg) citizenGroup.set(pid, { group: g, row });
      else if (cg.group !== g) problems.add({ file, row, column: spec.columns.group, value: g, message: `citizen ${pid} changes group (was "${cg.group}" on row ${cg.row})`, allowed: 'one group per citizen', fix: 'correct the group on this row' });
    }
    const values: (number | null)[] = [];
    for (const s of scoreColumns) values.push(s[i]);
    for (const cc of countColumns) values.push(cc[i]);
    rows.push({ pid, visit: visits[i]!, municipality: muni ?? '', group: g ?? '', cells: cellsJson(cellColumns, i, quoted), values });
  }
  problems.throwIfAny();
  return { file, cellNames, valueNames, rows, groups: new Map([...groups].map(([k, v]) => [k, { id: v.id, start: v.start, end: v.end, startPeriod: v.startPeriod, period: v.period }])), municipalities: [...new Set(rows.map((r) => r.municipality))].sort() };
}
