/**
 * `effekt report --results <dir> [--economics <file>] --lang da|en --out <dir> [--date YYYY-MM-DD] [--no-pdf]`:
 * the committee report (index.html, charts as .vl.json/.svg/.png, report.pdf when Chromium exists).
 * Registration only; the work is in report-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import type { ReportCliOptions } from './report-action.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Committee report in Danish or English: offline HTML, charts (Vega-Lite, SVG, PNG) and an A4 PDF')
    .requiredOption('--results <dir>', "folder (or results.json) from 'effekt analyze'")
    .option('--economics <file>', "economics.json (or its folder) from 'effekt economics'")
    .requiredOption('--lang <lang>', 'report language: da or en')
    .requiredOption('--out <dir>', 'output folder')
    .option('--date <yyyy-mm-dd>', 'report date printed on the report (default: $SOURCE_DATE_EPOCH, else none — never the clock)')
    .option('--no-pdf', 'do not print report.pdf')
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: ReportCliOptions) => (await import('./report-action.ts')).runReport(opts));
}
