/**
 * Loads a trial the way every command that analyses it needs it: the data, scores, summary and
 * warnings of load-trial-data.ts, plus one long arquero table (one row per participant × visit,
 * the spec's non-item columns plus one score column per instrument outcome, named by the
 * outcome id).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { TrialSpec } from '../data/spec/load.ts';
import { loadTrialData, type LoadOptions, type TrialData } from './load-trial-data.ts';

export { loadTrialData, type LoadOptions, type TrialData } from './load-trial-data.ts';

export interface LoadedTrial extends TrialData {
  /** Long table: id, arm, visit, site/strata, covariates, adherence, safety/event columns, scores. */
  readonly table: ColumnTable;
}

export async function loadTrial(dataFile: string, specOrPath: string | TrialSpec, options: LoadOptions = {}): Promise<LoadedTrial> {
  const t = await loadTrialData(dataFile, specOrPath, options);
  const itemCols = new Set(t.instruments.flatMap((i) => i.itemColumns));
  const columns: Record<string, unknown[]> = Object.create(null); // keyed by column names from the spec
  for (const [name, values] of Object.entries(t.data.columns)) if (!itemCols.has(name)) columns[name] = values as unknown[];
  for (const [id, values] of Object.entries(t.scores)) columns[id] = values;
  return { ...t, table: aq.table(columns) };
}
