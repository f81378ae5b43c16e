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
  /** Long table: id, arm, visit, site/strata, covariates, adherence, safety/event columns, scores (with keepItems false as Float64Arrays, NaN where not scorable). */
  readonly table: ColumnTable;
}

export async function loadTrial(dataFile: string, specOrPath: string | TrialSpec, options: LoadOptions = {}): Promise<LoadedTrial> {
  const t = await loadTrialData(dataFile, specOrPath, options);
  const itemCols = new Set(t.instruments.flatMap((i) => i.itemColumns));
  const columns: Record<string, unknown[]> = Object.create(null); // keyed by column names from the spec
  for (const [name, values] of Object.entries(t.data.columns)) if (!itemCols.has(name)) columns[name] = values as unknown[];
  // Loaded for analysis (keepItems false, the CLI): the score columns as Float64Arrays, NaN where
  // not scorable — the frame reads either as a missing value. At 10⁶ participants × 3 visits the
  // boxed columns were 24 million heap numbers, about 40 % of the heap every major GC marked.
  const scores = options.keepItems === false ? t.typedScores : t.scores;
  for (const [id, values] of Object.entries(scores)) columns[id] = values as ArrayLike<number | null> as unknown[];
  // Not `{ ...t }`: spreading would call the lazy `scores` getter and box every score.
  const { spec, data, instruments, typedScores, scoring, summary, warnings } = t;
  return {
    spec, dataFile: t.dataFile, data, instruments, typedScores, scoring, summary, warnings,
    get scores() {
      return t.scores;
    },
    table: aq.table(columns),
  };
}
