/**
 * A register panel declared in the trial spec (`registerPanel`, docs/register-panels.md) turned
 * into the trial's participant-level columns, before validation:
 *
 *   panel in the trial file (no `file`): the file is long, one row per participant × week; every
 *     column but the week and status ones is the participant's (arm, site, age …) and must be the
 *     same on all of the participant's rows. The result is one row per participant (its first
 *     row's number, so messages point at the file) with those columns and the derived ones — wide
 *     data, which the loader then spreads over the spec's visits.
 *   panel in its own file (`file`, relative to the spec): the derived columns are added to every
 *     row of the trial file by participant id.
 *
 * Every derivation's columns are added (count derivations' `<id>_observed` only when an outcome
 * reads it, e.g. as exposure); a derived name that is already a column of the file is an error.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { RawTable } from '../load/raw-table.ts';
import { DataValidationError, ProblemList } from '../problems.ts';
import type { TrialSpecParsed } from '../spec/schema.ts';
import { buildPanel, type PanelRows } from './panel.ts';
import { derivePanel, derivedColumns } from './derive.ts';
import type { RegisterPanelSpec } from './schema.ts';

type Spec = Pick<TrialSpecParsed, 'registerPanel' | 'outcomes'> & { readonly columns: { readonly id: string }; readonly specFile: string };
type ReadBytes = (bytes: Uint8Array, file: string) => Promise<RawTable>;

function problem(file: string, message: string, fix: string, column: string | null = null): never {
  throw new DataValidationError([{ file, row: null, column, value: null, message, allowed: null, fix }]);
}

function columnIndex(raw: RawTable, name: string, what: string): number {
  const j = raw.header.indexOf(name);
  if (j < 0) problem(raw.file, `the register panel's ${what} column "${name}" is not in the file`, `name a column of the file in the spec's registerPanel.columns (the file has: ${raw.header.slice(0, 20).join(', ')})`, name);
  return j;
}

function panelRows(raw: RawTable, p: RegisterPanelSpec, idColumn: string): PanelRows {
  const [ji, jw, js] = [columnIndex(raw, idColumn, 'participant id'), columnIndex(raw, p.columns.week, 'week'), columnIndex(raw, p.columns.status, 'status')];
  return {
    file: basename(raw.file),
    idColumn,
    weekColumn: p.columns.week,
    statusColumn: p.columns.status,
    ids: raw.rows.map((r) => r[ji]),
    weeks: raw.rows.map((r) => r[jw]),
    statuses: raw.rows.map((r) => r[js]),
    rowNumbers: raw.rowNumbers,
  };
}

/** Derived columns no outcome reads are left out only for the `_observed` side column of a count. */
function keptColumns(spec: Spec, derived: Record<string, string[]>, p: RegisterPanelSpec): string[] {
  const read = new Set<string>();
  for (const o of spec.outcomes) if (o.kind === 'count' && o.exposure && !('value' in o.exposure)) for (const c of 'column' in o.exposure ? [o.exposure.column] : Object.values(o.exposure.columns)) read.add(c);
  const observed = new Set(p.derive.filter((d) => d.kind === 'weeks-in').map((d) => `${d.id}_observed`));
  return Object.keys(derived).filter((c) => !observed.has(c) || read.has(c));
}

function derive(rows: PanelRows, p: RegisterPanelSpec, participants: readonly string[]): Record<string, string[]> {
  const built = buildPanel(rows, { codes: p.codes, firstWeek: p.weeks.first, lastWeek: p.weeks.last }, participants);
  if (built.problems.length) throw new DataValidationError(built.problems, built.omitted);
  return derivedColumns(derivePanel(built.panel, p));
}

function checkNoClash(raw: RawTable, names: readonly string[]): void {
  const clash = names.filter((n) => raw.header.includes(n));
  if (clash.length) problem(raw.file, `the register panel derives column(s) the file already has: ${clash.join(', ')}`, 'rename the derivation (its id names the columns it makes) or the file column', clash[0]);
}

/** The panel in the trial file: one row per participant with its own columns and the derived ones. */
function collapse(raw: RawTable, spec: Spec, p: RegisterPanelSpec): RawTable {
  const idColumn = p.columns.id ?? spec.columns.id;
  const rows = panelRows(raw, p, idColumn);
  const ji = raw.header.indexOf(idColumn);
  const skip = new Set([raw.header.indexOf(p.columns.week), raw.header.indexOf(p.columns.status)]);
  const own = raw.header.map((_, j) => j).filter((j) => !skip.has(j));
  const first = new Map<string, number>();
  const problems = new ProblemList();
  const file = basename(raw.file);
  raw.rows.forEach((r, k) => {
    const id = r[ji];
    const f = first.get(id);
    if (f === undefined) {
      first.set(id, k);
      return;
    }
    for (const j of own) {
      if (r[j] !== raw.rows[f][j]) problems.add({ file, row: raw.rowNumbers[k], column: raw.header[j], value: r[j], message: `differs from the participant's first row (row ${raw.rowNumbers[f]}: ${JSON.stringify(raw.rows[f][j])}); in a register panel every column but the week and the status belongs to the participant`, allowed: raw.rows[f][j], fix: `write the same value on every row of participant ${id}, or declare the column in a separate per-participant file` });
    }
  });
  if (problems.items.length) throw new DataValidationError(problems.items, problems.omitted);
  const participants = [...first.keys()];
  const derived = derive(rows, p, participants);
  const names = keptColumns(spec, derived, p);
  checkNoClash({ ...raw, header: own.map((j) => raw.header[j]) }, names);
  return {
    file: raw.file,
    header: [...own.map((j) => raw.header[j]), ...names],
    rows: participants.map((_, i) => [...own.map((j) => raw.rows[first.get(participants[i])!][j]), ...names.map((n) => derived[n][i])]),
    rowNumbers: participants.map((id) => raw.rowNumbers[first.get(id)!]),
  };
}

/** The panel in its own file: derived columns added to every trial row by participant id. */
async function join(raw: RawTable, spec: Spec, p: RegisterPanelSpec, read: ReadBytes): Promise<RawTable> {
  const path = resolve(dirname(spec.specFile), p.file!);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return problem(path, `the register panel file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check registerPanel.file (a path relative to the spec)');
  }
  const panelRaw = await read(bytes, path);
  const idColumn = p.columns.id ?? spec.columns.id;
  const ji = columnIndex(raw, spec.columns.id, 'participant id');
  const participants = [...new Set(raw.rows.map((r) => r[ji]))];
  const derived = derive(panelRows(panelRaw, p, idColumn), p, participants);
  const names = keptColumns(spec, derived, p);
  checkNoClash(raw, names);
  const at = new Map(participants.map((id, i) => [id, i]));
  return { ...raw, header: [...raw.header, ...names], rows: raw.rows.map((r) => [...r, ...names.map((n) => derived[n][at.get(r[ji])!])]) };
}

/** The trial table with the register panel's derived columns (unchanged when the spec declares no panel). */
export async function attachRegisterPanel(raw: RawTable, spec: Spec, read: ReadBytes): Promise<RawTable> {
  const p = spec.registerPanel;
  if (!p) return raw;
  return p.file === undefined ? collapse(raw, spec, p) : join(raw, spec, p, read);
}
