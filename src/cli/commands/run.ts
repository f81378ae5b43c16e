/**
 * `effekt run <data> --spec <spec> --out <dir> [--scenario <file>] [--lang da,en] …`: the whole
 * job in one process — validate → analyze → economics (when a scenario is given) → one report
 * per language — written to <out>/analysis, <out>/economics and <out>/report-<lang>, the same
 * files the separate commands write. `npm start` runs it on the bundled twin.
 * Registration only; the work is in run-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import type { RunCliOptions } from './run-action.ts';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('The whole pipeline in one go: validate, analyze, economics and the reports (with PDF)')
    .argument('<data>', 'data file (CSV or XLSX)')
    .requiredOption('--spec <file>', 'trial specification (JSON)')
    .requiredOption('--out <dir>', 'output folder: analysis/, economics/ and report-<lang>/ are written in it')
    .option('--scenario <file>', 'economics scenario (JSON), linked to the trial’s effect rates; without it, no economics')
    .option('--lang <list>', 'report languages, comma-separated (none: "")', 'da,en')
    .option('--seed <n>', 'seed for the analysis’ stochastic steps', '20201201')
    .option('--date <yyyy-mm-dd>', 'report date (default: $SOURCE_DATE_EPOCH, else none — never the clock)')
    .option('--no-pdf', 'do not print report.pdf')
    .option('-q, --quiet', 'no progress output')
    .action(async (data: string, opts: RunCliOptions) => {
      // With reports to write, the chart worker starts loading vega (≈ 0.5 s of CPU) now, on the
      // core that is idle while this thread loads the pipeline's modules; in the report phase
      // every core is busy. svg-async.ts itself is small.
      if (opts.lang.trim() !== '') (await import('../../report/render/svg-async.ts')).preloadSvgWorker();
      return (await import('./run-action.ts')).runPipeline(data, opts);
    });
}
