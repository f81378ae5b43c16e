/**
 * Writes economics.json (the contract, unsuppressed), one CSV per table and economics.xlsx, swapped
 * in whole (src/data/io/output-folder.ts). The tables are a published sink: a caller linked to trial
 * results passes the publishable model's tables (none when the effect rate rests on a withheld count).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFiles, type LegacyOutput, type OutputFile } from '../data/io/output-folder.ts';
import { tableToCsv, tablesToXlsx, toJson, type FlatTable } from '../data/io/flat-table.ts';
import type { EconomicsResult } from './run.ts';
import { economicsTables } from './tables.ts';

/** An economics folder written before output manifests existed: economics.json by effekt. */
export const legacyEconomicsFolder: LegacyOutput = {
  recognise: (dir) => {
    const f = join(dir, 'economics.json');
    if (!existsSync(f)) return false;
    try {
      return (JSON.parse(readFileSync(f, 'utf8')) as { software?: { name?: unknown } }).software?.name === 'effekt';
    } catch {
      return false;
    }
  },
  owns: (name) => /^economics(\.json|\.xlsx|-[^/]+\.csv)$/.test(name),
};

export interface WriteEconomicsOptions {
  /** The files the run read (scenario, results): the output may not be or hold one of them. */
  readonly inputs?: readonly string[];
  /** The tables to publish; default: every economics table of `r` (a scenario not linked to trial counts). */
  readonly tables?: readonly FlatTable[];
}

export async function writeEconomics(dir: string, r: EconomicsResult, options: WriteEconomicsOptions = {}): Promise<string[]> {
  const tables = options.tables ?? economicsTables(r);
  const files: OutputFile[] = [
    { name: 'economics.json', content: toJson(r) },
    ...tables.map((t) => ({ name: `economics-${t.name}.csv`, content: tableToCsv(t) })),
    ...(tables.length ? [{ name: 'economics.xlsx', content: await tablesToXlsx(tables) }] : []),
  ];
  const written = await writeOutputFiles(dir, files, { command: 'economics', inputs: options.inputs, legacy: legacyEconomicsFolder });
  return [...written.files];
}
