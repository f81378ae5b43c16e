/**
 * Writes an analysis to disk: results.json (the contract, unsuppressed: the analyst's), and the
 * published tables — results.csv (the outcomes table), one CSV per table under tables/, and
 * results.xlsx with one sheet per table — which the caller renders from the publishable model
 * (src/report/disclosure: publishedTables(publish(results))), so counts of 1–4 are "<5" there. The folder is
 * built privately and swapped in whole (src/data/io/output-folder.ts): wholly old or wholly new.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFiles, type LegacyOutput, type OutputFile } from '../../data/io/output-folder.ts';
import { tableToCsv, tablesToXlsx, toJson, type FlatTable } from '../../data/io/flat-table.ts';
import type { AnalysisResults } from './types.ts';

export function resultsToJson(r: AnalysisResults): string {
  return toJson(r);
}

export interface WriteResultsOptions {
  /** The files the analysis read (data, spec, plan): the output may not be or hold one of them. */
  readonly inputs?: readonly string[];
  /** The tables as published (after disclosure control), in workbook order; the first is results.csv. */
  readonly tables: readonly FlatTable[];
}

/** An analysis folder written before output manifests existed: results.json by effekt. */
export const legacyResultsFolder: LegacyOutput = {
  recognise: (dir) => {
    const f = join(dir, 'results.json');
    if (!existsSync(f)) return false;
    try {
      return (JSON.parse(readFileSync(f, 'utf8')) as { software?: { name?: unknown } }).software?.name === 'effekt';
    } catch {
      return false;
    }
  },
  owns: (name) => /^(results\.(json|csv|xlsx)|tables\/[^/]+\.csv)$/.test(name),
};

export async function writeResults(dir: string, r: AnalysisResults, options: WriteResultsOptions): Promise<string[]> {
  const { tables } = options;
  const files: OutputFile[] = [
    { name: 'results.json', content: resultsToJson(r) },
    { name: 'results.csv', content: tableToCsv(tables[0]) },
    ...tables.map((t) => ({ name: `tables/${t.name}.csv`, content: tableToCsv(t) })),
    { name: 'results.xlsx', content: await tablesToXlsx(tables) },
  ];
  const written = await writeOutputFiles(dir, files, { command: 'analyze', inputs: options.inputs, legacy: legacyResultsFolder });
  return [...written.files];
}
