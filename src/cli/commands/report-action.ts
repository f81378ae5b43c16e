/** What `effekt report` does once its arguments are parsed (loaded only when the command runs). */
import { buildReport, resolveReportDate, type BuiltReport } from '../../report/build-report.ts';
import { writeReport } from '../../report/write-report.ts';
import { checkEconomicsLink, readEconomicsFile, readResultsFile, resultsSource } from '../../report/load-inputs.ts';
import { isLang } from '../../report/i18n/index.ts';
import type { Lang } from '../../analysis/results/types.ts';
import { createFormatter } from '../../report/i18n/format.ts';
import type { PdfPrinter } from '../../report/render/pdf.ts';
import { CliError } from '../errors.ts';
import { printOut } from '../ui/terminal.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';
import { createProgress } from '../ui/progress.ts';

export interface ReportCliOptions {
  readonly results: string;
  readonly economics?: string;
  readonly lang: string;
  readonly out: string;
  readonly date?: string;
  readonly pdf: boolean;
  readonly quiet?: boolean;
}

/** The report date from --date or SOURCE_DATE_EPOCH, checked (exit 2 with the fix when malformed). */
export function reportDate(option: string | undefined): string | null {
  const date = resolveReportDate(option);
  if (date !== null) {
    try {
      createFormatter('en').date(date);
    } catch (e) {
      throw new CliError(`--date: ${(e as Error).message}. Fix: give the date as YYYY-MM-DD, e.g. --date 2026-11-25`);
    }
  }
  return date;
}

export function checkLang(lang: string): Lang {
  if (!isLang(lang)) throw new CliError(`--lang must be "da" or "en", got "${lang}". Fix: run once per language, e.g. --lang da and --lang en`);
  return lang;
}

/** The files a report reads: its output may not be or hold one of them. */
export function reportInputs(opts: Pick<ReportCliOptions, 'results' | 'economics'>): string[] {
  return [opts.results, ...(opts.economics ? [opts.economics] : [])];
}

export interface PreparedReport {
  readonly out: string;
  readonly lang: Lang;
  readonly date: string | null;
  readonly pdf: boolean;
  readonly built: BuiltReport;
  readonly inputs: readonly string[];
}

/** Checks the options, reads the inputs and builds the report in memory. */
export async function prepareReport(opts: ReportCliOptions): Promise<PreparedReport> {
  const lang = checkLang(opts.lang);
  const date = reportDate(opts.date);
  const inputs = reportInputs(opts);
  checkOutputLocation(opts.out, { command: 'report', inputs });
  const results = readResultsFile(opts.results);
  const economics = opts.economics ? readEconomicsFile(opts.economics) : null;
  if (economics && opts.economics) checkEconomicsLink(economics, results, resultsSource(opts.results), opts.economics);
  return { out: opts.out, lang, date, pdf: opts.pdf, inputs, built: await buildReport(results, economics, { lang, date }) };
}

/** Prints the PDF (with `printer`, a Chromium shared by several reports), writes every file and returns the lines to show. */
export async function writePreparedReport(r: PreparedReport, printer?: PdfPrinter): Promise<string[]> {
  const written = await writeReport(r.out, r.built, { pdf: r.pdf, printer, inputs: r.inputs });
  const lines: string[] = [];
  if (written.pdf && !written.pdf.written) lines.push(`Note: ${written.pdf.notice}`);
  if (r.date === null) lines.push('Note: no report date given (--date or SOURCE_DATE_EPOCH); the report names its data version instead.');
  lines.push(`Wrote the ${r.lang === 'da' ? 'Danish' : 'English'} report (${r.built.charts.length} charts, ${written.files.length} files) to ${r.out}`);
  return lines;
}

export async function runReport(opts: ReportCliOptions): Promise<void> {
  const stage = createProgress({ quiet: opts.quiet }).stage('report');
  const lines = await writePreparedReport(await prepareReport(opts));
  stage.end(opts.lang);
  printOut(`${lines.join('\n')}\n`);
}
