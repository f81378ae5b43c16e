/**
 * `effekt report --results <dir> [--economics <file>] --lang da|en --out <dir> [--date YYYY-MM-DD] [--no-pdf]`:
 * the committee report (index.html, charts as .vl.json/.svg/.png, report.pdf when Chromium exists).
 */
import type { Command } from 'commander';
import { printOut } from '../ui/terminal.ts';
import { buildReport, resolveReportDate } from '../../report/build-report.ts';
import { writeReport } from '../../report/write-report.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';
import { checkEconomicsLink, readEconomicsFile, readResultsFile, resultsSource } from '../../report/load-inputs.ts';
import { isLang } from '../../report/i18n/index.ts';
import { createFormatter } from '../../report/i18n/format.ts';
import { CliError } from '../errors.ts';

interface ReportCliOptions {
  results: string;
  economics?: string;
  lang: string;
  out: string;
  date?: string;
  pdf: boolean;
}

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
    .action(async (opts: ReportCliOptions) => {
      if (!isLang(opts.lang)) throw new CliError(`--lang must be "da" or "en", got "${opts.lang}". Fix: run once per language, e.g. --lang da and --lang en`);
      const date = resolveReportDate(opts.date);
      if (date !== null) {
        try {
          createFormatter('en').date(date);
        } catch (e) {
          throw new CliError(`--date: ${(e as Error).message}. Fix: give the date as YYYY-MM-DD, e.g. --date 2026-11-25`);
        }
      }
      const inputs = [opts.results, ...(opts.economics ? [opts.economics] : [])];
      checkOutputLocation(opts.out, { command: 'report', inputs });
      const results = readResultsFile(opts.results);
      const economics = opts.economics ? readEconomicsFile(opts.economics) : null;
      if (economics && opts.economics) checkEconomicsLink(economics, results, resultsSource(opts.results), opts.economics);
      const built = await buildReport(results, economics, { lang: opts.lang, date });
      const written = await writeReport(opts.out, built, { pdf: opts.pdf, inputs });
      if (written.pdf && !written.pdf.written) printOut(`Note: ${written.pdf.notice}\n`);
      if (date === null) printOut('Note: no report date given (--date or SOURCE_DATE_EPOCH); the report names its data version instead.\n');
      printOut(`Wrote the ${opts.lang === 'da' ? 'Danish' : 'English'} report (${built.charts.length} charts, ${written.files.length} files) to ${opts.out}\n`);
    });
}
