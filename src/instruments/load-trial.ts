/**
 * Loads a trial the way every command needs it: spec → file → validation (all problems at
 * once) → instrument scores → one long arquero table (one row per participant × visit, the
 * spec's columns plus one score column per instrument outcome, named by the outcome id), with
 * warnings for declared things nothing uses and file columns the spec does not mention.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { armColumn, loadSpec, type TrialSpec } from '../data/spec/load.ts';
import { readDataFile } from '../data/load/read-file.ts';
import type { RawTable } from '../data/load/raw-table.ts';
import { basename } from 'node:path';
import { specColumnRules } from '../data/validate/column-rules.ts';
import { validateLong, type LongData } from '../data/validate/validate.ts';
import { readLongFast } from '../data/validate/validate-columnar.ts';
import { itemRules, resolveInstruments, type ResolvedInstrument } from './resolve.ts';
import { scoreTrial, type ScoringCount } from './score-trial.ts';
import { summariseTrial, type TrialSummary } from './summary.ts';

export interface LoadedTrial {
  readonly spec: TrialSpec;
  readonly dataFile: string;
  readonly data: LongData;
  /** Long table: id, arm, visit, site/strata, covariates, adherence, safety/event columns, scores. */
  readonly table: ColumnTable;
  readonly instruments: readonly ResolvedInstrument[];
  readonly scoring: readonly ScoringCount[];
  readonly summary: TrialSummary;
  /** Recoverable problems found while loading (e.g. columns nothing uses); carried into results.json. */
  readonly warnings: readonly string[];
}

/**
 * Declared things nothing uses, and file columns the spec does not mention — often a sign of a
 * forgotten outcome or a misspelt name, so they are said, not silently skipped.
 */
function unusedWarnings(spec: TrialSpec, header: readonly string[], used: ReadonlySet<string>, origins: RawTable['columnOrigins'], file: string): string[] {
  const out: string[] = [];
  const unused = header.filter((h) => h !== '' && !used.has(h)).flatMap((h) => [...(origins?.get(h)?.values() ?? [h])]);
  if (unused.length) out.push(`${basename(file)}: column(s) the spec does not use: ${unused.map((u) => `"${u}"`).join(', ')}`);
  const scored = new Set(spec.outcomes.map((o) => (o.kind === 'score' ? o.instrument : null)));
  for (const ins of spec.instruments) if (!scored.has(ins.id)) out.push(`instrument "${ins.id}" is declared but no outcome uses it`);
  return out;
}

function withoutItems(columns: LongData['columns'], items: ReadonlySet<string>): LongData['columns'] {
  const out: Record<string, LongData['columns'][string]> = Object.create(null);
  for (const [name, values] of Object.entries(columns)) if (!items.has(name)) out[name] = values;
  return out;
}

export interface LoadOptions {
  /**
   * Keep the instrument item columns on `data.columns` after scoring (default true). The CLI's
   * commands read only the scores, and at 10⁶ participants × 3 visits the items are 2.5 GB of
   * Float64Arrays, so they pass false: `data.columns` then holds the non-item columns.
   */
  readonly keepItems?: boolean;
}

export async function loadTrial(dataFile: string, specOrPath: string | TrialSpec, options: LoadOptions = {}): Promise<LoadedTrial> {
  const spec = typeof specOrPath === 'string' ? loadSpec(specOrPath) : specOrPath;
  const instruments = resolveInstruments(spec);
  // Item columns (most of a file's cells; only scoring reads them) are held as Float64Arrays.
  const rules = [...specColumnRules(spec), ...itemRules(instruments).map((r) => ({ ...r, typed: true }))];
  // A clean long CSV is read straight into columns; anything else (or any problem) goes the
  // general way, which words every problem (validate-columnar.ts).
  const fast = readLongFast(dataFile, spec, rules);
  let data: LongData;
  let header: readonly string[];
  let origins: RawTable['columnOrigins'];
  if (fast) ({ data, header } = fast);
  else {
    const raw = await readDataFile(dataFile, spec);
    data = validateLong(raw, spec, rules);
    ({ header, columnOrigins: origins } = raw);
  }
  const c = spec.columns;
  const used = new Set([c.id, armColumn(spec), c.visit, ...rules.map((r) => r.column)]);
  const warnings = unusedWarnings(spec, header, used, origins, dataFile);
  const { scores, counts } = scoreTrial(data, spec, instruments);
  const itemCols = new Set(instruments.flatMap((i) => i.itemColumns));
  const columns: Record<string, unknown[]> = Object.create(null); // keyed by column names from the spec
  for (const [name, values] of Object.entries(data.columns)) if (!itemCols.has(name)) columns[name] = values as unknown[];
  for (const [id, values] of Object.entries(scores)) columns[id] = values;
  const table = aq.table(columns);
  const summary = summariseTrial(data, spec, scores);
  const kept = options.keepItems === false ? { ...data, columns: withoutItems(data.columns, itemCols) } : data;
  return { spec, dataFile, data: kept, table, instruments, scoring: counts, summary, warnings };
}
