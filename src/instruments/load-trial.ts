/**
 * Loads a trial the way every command needs it: spec → file → validation (all problems at
 * once) → instrument scores → one long arquero table (one row per participant × visit, the
 * spec's columns plus one score column per instrument outcome, named by the outcome id).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { loadSpec, type TrialSpec } from '../data/spec/load.ts';
import { readDataFile } from '../data/load/read-file.ts';
import { specColumnRules } from '../data/validate/column-rules.ts';
import { validateLong, type LongData } from '../data/validate/validate.ts';
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
}

export async function loadTrial(dataFile: string, specOrPath: string | TrialSpec): Promise<LoadedTrial> {
  const spec = typeof specOrPath === 'string' ? loadSpec(specOrPath) : specOrPath;
  const instruments = resolveInstruments(spec);
  const raw = await readDataFile(dataFile, spec);
  const data = validateLong(raw, spec, [...specColumnRules(spec), ...itemRules(instruments)]);
  const { scores, counts } = scoreTrial(data, spec, instruments);
  const itemCols = new Set(instruments.flatMap((i) => i.itemColumns));
  const columns: Record<string, unknown[]> = Object.create(null); // keyed by column names from the spec
  for (const [name, values] of Object.entries(data.columns)) if (!itemCols.has(name)) columns[name] = values;
  for (const [id, values] of Object.entries(scores)) columns[id] = values;
  const table = aq.table(columns);
  return { spec, dataFile, data, table, instruments, scoring: counts, summary: summariseTrial(data, spec, scores) };
}
