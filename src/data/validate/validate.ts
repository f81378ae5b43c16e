/**
 * Checks a long raw table against the spec and the column rules, collecting every problem
 * (up to a cap) before failing, and returns the typed long data. Nothing is dropped: a row is
 * either valid and kept, or its problem is reported and the whole load fails.
 */
import { armColumn, type TrialSpec } from '../spec/load.ts';
import { ProblemList } from '../problems.ts';
import type { RawTable } from '../load/raw-table.ts';
import type { ColumnRule, NumericRule } from './column-rules.ts';
import { didYouMean } from './suggest.ts';
import { parseNumber } from './parse-number.ts';

/**
 * A validated column: numbers or text with null for an empty cell; a typed numeric rule's column
 * (instrument items: most of a file's cells) is a Float64Array with NaN for an empty cell.
 */
export type TypedColumn = (number | null)[] | (string | null)[] | Float64Array;

export interface LongData {
  readonly file: string;
  readonly n: number;
  readonly columns: Readonly<Record<string, TypedColumn>>;
  /** Excel row of each record, for later messages. */
  readonly rowNumbers: readonly number[];
  /**
   * Each participant's first row, in the order they first appear, when the reader found them
   * while checking the rows (the fast path); the summary then need not find them again.
   */
  readonly firstRows?: Int32Array;
}

export function validateLong(raw: RawTable, spec: TrialSpec, rules: readonly ColumnRule[]): LongData {
  const problems = new ProblemList();
  const file = raw.file;
  const c = spec.columns;
  const index = new Map(raw.header.map((h, j) => [h, j] as const));
  // A single-arm cohort may omit the arm column: every row then belongs to its one arm.
  const armCol = armColumn(spec);
  const implicitArm = c.arm === undefined ? spec.arms[0].label : null;
  const required = [c.id, ...(implicitArm === null ? [armCol] : []), c.visit, ...rules.map((r) => r.column)];
  for (const col of new Set(required)) {
    if (!index.has(col)) {
      const near = didYouMean(col, raw.header);
      problems.add({ file, row: 1, column: col, value: null, message: 'a required column is missing from the header', allowed: null, fix: near ? `did you mean "${near}"? Rename the column or change the spec` : 'add the column, or change the spec to name the column that holds it' });
    }
  }
  for (const d of raw.header.filter((h, j) => h !== '' && raw.header.indexOf(h) !== j)) {
    problems.add({ file, row: 1, column: d, value: null, message: 'the column name appears more than once in the header', allowed: null, fix: 'give every column its own name' });
  }
  problems.throwIfAny();

  const armLabels = spec.arms.map((a) => a.label);
  const visitIds = spec.visits.map((v) => v.id);
  const col = (name: string) => index.get(name)!;
  const ids: (string | null)[] = [];
  const arms: (string | null)[] = [];
  const visits: (string | null)[] = [];
  const firstRowOf = new Map<string, number>();
  const perParticipant = new Map<string, { row: number; arm: string; fixed: Map<string, string>; hasBaseline: boolean }>();
  const fixedCols = [c.site, ...c.strata].filter((x): x is string => x !== undefined);

  raw.rows.forEach((r, i) => {
    const row = raw.rowNumbers[i];
    const id = r[col(c.id)];
    const arm = implicitArm ?? r[col(armCol)];
    const visit = r[col(c.visit)];
    if (id === '') problems.add({ file, row, column: c.id, value: '', message: 'the participant id is empty', allowed: 'a non-empty id', fix: 'fill in the participant id' });
    if (!armLabels.includes(arm)) {
      const near = didYouMean(arm, armLabels);
      problems.add({ file, row, column: armCol, value: arm, message: 'unknown arm label', allowed: armLabels.join(', '), fix: near ? `did you mean "${near}"?` : 'use one of the arm labels of the spec' });
    }
    if (!visitIds.includes(visit)) {
      const near = didYouMean(visit, visitIds);
      problems.add({ file, row, column: c.visit, value: visit, message: 'visit is not in the spec', allowed: visitIds.join(', '), fix: near ? `did you mean "${near}"?` : 'add the visit to the spec or correct the value' });
    }
    if (id !== '' && visitIds.includes(visit)) {
      const key = `${id}\u0000${visit}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) problems.add({ file, row, column: c.visit, value: `${id} / ${visit}`, message: `duplicate participant × visit (first seen on row ${first})`, allowed: 'one row per participant per visit', fix: 'remove or merge the duplicate row' });
      else firstRowOf.set(key, row);
    }
    if (id !== '') {
      const p = perParticipant.get(id);
      if (!p) perParticipant.set(id, { row, arm, fixed: new Map(fixedCols.map((f) => [f, r[col(f)]])), hasBaseline: visit === spec.baselineVisit });
      else {
        if (p.arm !== arm) problems.add({ file, row, column: armCol, value: arm, message: `participant ${id} changes arm (was "${p.arm}" on row ${p.row})`, allowed: 'the same arm on every row of a participant', fix: 'correct the arm; a participant stays in the arm they were randomised to' });
        for (const f of fixedCols) {
          if (p.fixed.get(f) !== r[col(f)]) problems.add({ file, row, column: f, value: r[col(f)], message: `participant ${id} changes ${f} (was "${p.fixed.get(f)}" on row ${p.row})`, allowed: 'the same value on every row of a participant', fix: `correct ${f} on this row` });
        }
        if (visit === spec.baselineVisit) p.hasBaseline = true;
      }
    }
    ids.push(id === '' ? null : id);
    arms.push(arm);
    visits.push(visit);
  });
  if (spec.baselineVisit !== undefined) for (const [id, p] of perParticipant) {
    if (!p.hasBaseline) problems.add({ file, row: p.row, column: c.visit, value: id, message: `participant ${id} has no ${spec.baselineVisit} row`, allowed: `a "${spec.baselineVisit}" row for every participant`, fix: 'add the baseline row (leave unknown values empty)' });
  }

  // Keyed by the spec's column names: no prototype, so a column called "__proto__" is a column like any other.
  const columns: Record<string, TypedColumn> = Object.assign(Object.create(null) as Record<string, TypedColumn>, { [c.id]: ids, [armCol]: arms, [c.visit]: visits });
  const decimal = spec.data.csv.decimal;
  // The column as the user's file writes it (a wide file's per-visit column, not its stem).
  const asInFile = (column: string, i: number) => raw.columnOrigins?.get(column)?.get(visits[i] ?? '') ?? column;
  // Declared missing-value codes (e.g. R's "NA") read as empty cells; nothing else is.
  const codes = new Set(spec.data.missingValues);
  const blank = (text: string) => text === '' || (codes.size > 0 && codes.has(text.trim()));
  for (const rule of rules) {
    const j = col(rule.column);
    if (rule.kind === 'numeric') {
      const out: (number | null)[] = [];
      const range = `${rule.describe}${rule.integer ? ', a whole number' : ''}`;
      raw.rows.forEach((r, i) => {
        const text = r[j];
        if (blank(text)) return void out.push(null);
        const x = parseNumber(text, decimal);
        // Only a problem needs the row and the file's column name: not looked up for valid cells.
        if (x !== null && Number.isFinite(x) && !(rule.integer && !Number.isInteger(x)) && !((rule.min !== null && (x < rule.min || (rule.minExclusive && x === rule.min))) || (rule.max !== null && x > rule.max))) return void out.push(x);
        const row = raw.rowNumbers[i];
        const column = asInFile(rule.column, i);
                if (x !== null && !Number.isFinite(x)) {
          problems.add({ file, row, column, value: text, message: 'is too large to be a number (beyond ±1.8 × 10^308)', allowed: range, fix: 'correct the value; it is not turned into a missing value' });
          return void out.push(null);
        }
        if (x === null) {
          problems.add({ file, row, column, value: text, message: 'is not a number', allowed: range, fix: missingCodeHint(text) ?? notANumberFix(rule, decimal) });
          return void out.push(null);
        }
        if (rule.integer && !Number.isInteger(x)) {
          problems.add({ file, row, column, value: text, message: 'is not a whole number', allowed: range, fix: 'write a whole number, or leave the cell empty if it is unknown' });
          return void out.push(null);
        }
        if ((rule.min !== null && (x < rule.min || (rule.minExclusive && x === rule.min))) || (rule.max !== null && x > rule.max)) {
          problems.add({ file, row, column, value: text, message: 'is out of range', allowed: range, fix: `correct the value, or leave the cell empty if it is unknown${rule.rangeFrom ? ` (the range is declared at ${rule.rangeFrom} in the spec)` : ''}` });
          return void out.push(null);
        }
        out.push(x);
      });
      columns[rule.column] = rule.typed ? Float64Array.from(out, (x) => (x === null ? Number.NaN : x)) : out;
    } else if (rule.kind === 'categorical') {
      columns[rule.column] = raw.rows.map((r, i) => {
        const v = r[j];
        if (blank(v)) return null;
        if (!rule.levels.includes(v)) {
          const near = didYouMean(v, rule.levels);
          problems.add({ file, row: raw.rowNumbers[i], column: asInFile(rule.column, i), value: v, message: `unknown ${rule.describe} level`, allowed: rule.levels.join(', '), fix: missingCodeHint(v) ?? (near ? `did you mean "${near}"?` : `use one of the levels listed in the spec${rule.levelsFrom ? ` (${rule.levelsFrom})` : ''}, or add this one there`) });
        }
        return v;
      });
    } else if (rule.kind === 'date') {
      columns[rule.column] = raw.rows.map((r, i) => {
        const v = r[j].trim();
        if (blank(v)) return null;
        if (parseIsoDate(v) === null) problems.add({ file, row: raw.rowNumbers[i], column: asInFile(rule.column, i), value: r[j], message: 'is not a date written YYYY-MM-DD', allowed: rule.describe, fix: 'write the date as year-month-day, e.g. 2021-03-15 (in Excel: format the cells as yyyy-mm-dd before exporting)' });
        return v;
      });
    } else {
      columns[rule.column] = raw.rows.map((r) => (blank(r[j]) ? null : r[j]));
    }
  }
  checkTimeToEvent(spec, raw, columns, ids, problems);
  problems.throwIfAny();
  return { file, n: raw.rows.length, columns, rowNumbers: raw.rowNumbers };
}

/** The fix for a cell that is not a number, in the words of its kind. */
export function notANumberFix(rule: NumericRule, decimal: '.' | ','): string {
  const example = rule.integer ? (decimal === ',' ? '3' : '3') : decimal === ',' ? '80,7' : '80.7';
  const what = rule.integer ? 'a whole number' : `a number with a decimal ${decimal === ',' ? 'comma' : 'point'}`;
  const other = decimal === '.' && !rule.integer ? ', or set data.csv.decimal to "," in the spec if the file uses decimal commas' : '';
  return `write ${what} (e.g. ${example}) with no units or text, or leave the cell empty if it is unknown${other}`;
}

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, else null. */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

/**
 * Time-to-event columns hold one value per participant: on one row, or the same on several (two
 * different values are an error, never a silent pick); dates must not end before they start.
 */
export function checkTimeToEvent(spec: TrialSpec, raw: Pick<RawTable, 'file' | 'rowNumbers'>, columns: Record<string, TypedColumn>, ids: readonly (string | null)[], problems: ProblemList): void {
  for (const o of spec.outcomes) {
    if (o.kind !== 'time-to-event') continue;
    const cols = [o.time, o.start, o.end, o.event.column].filter((c): c is string => c !== undefined);
    for (const column of cols) {
      const seen = new Map<string, { value: unknown; row: number }>();
      const values = columns[column] ?? [];
      values.forEach((v, i) => {
        const id = ids[i];
        if (v === null || id === null) return;
        const first = seen.get(id);
        if (!first) seen.set(id, { value: v, row: raw.rowNumbers[i] });
        else if (first.value !== v) problems.add({ file: raw.file, row: raw.rowNumbers[i], column, value: String(v), message: `participant ${id} has a second, different value (was ${JSON.stringify(String(first.value))} on row ${first.row})`, allowed: 'one value per participant (time-to-event data are per participant)', fix: 'keep the value on one row, or the same value on every row' });
      });
    }
    if (o.start !== undefined && o.end !== undefined) {
      const starts = columns[o.start] as (string | null)[];
      const ends = columns[o.end] as (string | null)[];
      ends.forEach((e, i) => {
        const s0 = starts[i];
        if (e === null || s0 === null) return;
        const [ds, de] = [parseIsoDate(s0), parseIsoDate(e)];
        if (ds !== null && de !== null && de < ds) problems.add({ file: raw.file, row: raw.rowNumbers[i], column: o.end!, value: e, message: `ends before its start (${s0})`, allowed: `a date on or after ${o.start}`, fix: 'correct the start or the end date' });
      });
    }
  }
}

/** A cell that looks like another program's missing-value code gets the fix that declares it. */
export function missingCodeHint(text: string): string | null {
  const t = text.trim();
  return /^(NA|N\/A|n\/a|na|NaN|NULL|null|\.|-|missing|#N\/A)$/.test(t) ? `if "${t}" means missing, leave the cell empty or declare it in the spec: "data": { "missingValues": ["${t}"] }` : null;
}
