/**
 * `effekt analyze <data> --spec <spec> --out <dir> [--seed n]`: the ITT analysis, written as
 * results.json, results.csv, tables/*.csv and results.xlsx (all or nothing).
 * Registration only; the work is in analyze-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import type { AnalyzeCliOptions } from './analyze-action.ts';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Run the intention-to-treat analysis declared in the spec and write results.json/.csv/.xlsx')
    .argument('<data>', 'data file (CSV or XLSX)')
    .requiredOption('--spec <file>', 'trial specification (JSON)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'seed for stochastic steps', '20201201')
    .option('-q, --quiet', 'no progress output')
    .action(async (data: string, opts: AnalyzeCliOptions) => (await import('./analyze-action.ts')).runAnalyze(data, opts));
}
