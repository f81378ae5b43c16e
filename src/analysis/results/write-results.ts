/**
 * Writes an analysis to disk: results.json (the contract), results.csv (the outcomes table),
 * one CSV per table under tables/, and results.xlsx with one sheet per table. All files are
 * written under temporary names and renamed together, so a failure leaves nothing half-written.
 */
import { writeFilesAtomic, type OutputFile } from '../../data/io/write-atomic.ts';
import { tableToCsv, tablesToXlsx, toJson } from '../../data/io/flat-table.ts';
import type { AnalysisResults } from './types.ts';
import { allTables } from './tables.ts';

export function resultsToJson(r: AnalysisResults): string {
  return toJson(r);
}

export async function writeResults(dir: string, r: AnalysisResults): Promise<string[]> {
  const tables = allTables(r);
  const files: OutputFile[] = [
    { name: 'results.json', content: resultsToJson(r) },
    { name: 'results.csv', content: tableToCsv(tables[0]) },
    ...tables.map((t) => ({ name: `tables/${t.name}.csv`, content: tableToCsv(t) })),
    { name: 'results.xlsx', content: await tablesToXlsx(tables) },
  ];
  writeFilesAtomic(dir, files);
  return files.map((f) => f.name);
}
