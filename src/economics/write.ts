/** Writes economics.json, one CSV per table and economics.xlsx, all or nothing. */
import { writeFilesAtomic, type OutputFile } from '../data/io/write-atomic.ts';
import { tableToCsv, tablesToXlsx, toJson } from '../data/io/flat-table.ts';
import type { EconomicsResult } from './run.ts';
import { economicsTables } from './tables.ts';

export async function writeEconomics(dir: string, r: EconomicsResult): Promise<string[]> {
  const tables = economicsTables(r);
  const files: OutputFile[] = [
    { name: 'economics.json', content: toJson(r) },
    ...tables.map((t) => ({ name: `economics-${t.name}.csv`, content: tableToCsv(t) })),
    { name: 'economics.xlsx', content: await tablesToXlsx(tables) },
  ];
  writeFilesAtomic(dir, files);
  return files.map((f) => f.name);
}
