/** What `effekt report` does once its arguments are parsed (loaded only when the command runs). */
import { startChartFiles, reportPage, reportSource, resolveReportDate, type ReportPage } from '../../report/build-report.ts';
import { writeReportParts, type WrittenReport } from '../../report/write-report.ts';
import { checkEconomicsLink, readEconomicsFile, readResultsFile, resultsSource } from '../../report/load-inputs.ts';
import { isLang } from '../../report/i18n/index.ts';
import type { Lang } from '../../analysis/results/types.ts';
import { createFormatter } from '../../report/i18n/format.ts';
import { openPdfPrinter, type PdfPrinter } from '../../report/render/pdf.ts';
import { CliError } from '../errors.ts';
import { printLines } from '../ui/terminal.ts';
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

export interface ReportsJob {
  readonly results: string;
  readonly economics?: string;
  readonly langs: readonly Lang[];
  /** The output folder of each language (already checked with checkOutputLocation). */
  readonly out: (lang: Lang) => string;
  /** Resolved with reportDate(). */
  readonly date: string | null;
  readonly pdf: boolean;
  /** The Chromium that prints every PDF (openPdfPrinter), started before this is called. */
  readonly printer?: PdfPrinter;
  /** Called once every report's charts are drawn as SVG, and once all their PNGs are rasterised (PDFs may still be printing). */
  readonly onChartsDrawn?: { readonly svgs?: () => void; readonly pngs?: () => void };
}

/**
 * Writes the report in each language. The inputs are read and checked once and published once
 * (one disclosure plan for every language); each language's page is built and its charts
 * drawn as SVG (on the chart worker), then its print page is handed to Chromium, which prints it
 * while the PNGs are rasterised and the next language's SVGs are drawn.
 * Returns the lines to show, by language.
 */
export async function writeReports(job: ReportsJob): Promise<string[][]> {
  if (job.langs.length === 0) return [];
  const results = readResultsFile(job.results);
  const economics = job.economics ? readEconomicsFile(job.economics) : null;
  if (economics && job.economics) checkEconomicsLink(economics, results, resultsSource(job.results), job.economics);
  const source = reportSource(results, economics);
  const inputs = reportInputs(job);
  const drawings: Array<Promise<unknown>> = [];
  const chartFiles: Array<Promise<unknown>> = [];
  const writing = job.langs.map(async (lang) => {
    // Each language's charts are asked for as soon as its page is built, and drawn in that order
    // (the first report is printed as early as it can be); the next page is built, the PNGs
    // rasterised and the PDFs printed while the chart worker draws.
    const page = reportPage(source, { lang, date: job.date });
    const { drawn, files } = startChartFiles(page.charts);
    drawings.push(drawn);
    chartFiles.push(files);
    const print = drawn.then((d) => page.printPage(d.svgs));
    print.catch(() => undefined); // awaited through writeReportParts
    const w = writeReportParts(job.out(page.lang), { date: page.date, page: page.html, print, rest: async () => (await files).artefacts }, { pdf: job.pdf, printer: job.printer, inputs });
    return reportLines(page, await w, job.date);
  });
  const { svgs, pngs } = job.onChartsDrawn ?? {};
  if (svgs) void Promise.all(drawings).then(svgs, () => undefined);
  if (pngs) void Promise.all(chartFiles).then(pngs, () => undefined);
  // Every report finishes (written whole, or its folder left as it was) before an error is raised.
  const settled = await Promise.allSettled(writing);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<string[]>).value);
}

function reportLines(page: ReportPage, written: WrittenReport, date: string | null): string[] {
  const lines: string[] = [];
  if (written.pdf && !written.pdf.written) lines.push(`Note: ${written.pdf.notice}`);
  if (date === null) lines.push('Note: no report date given (--date or SOURCE_DATE_EPOCH); the report names its data version instead.');
  lines.push(`Wrote the ${page.lang === 'da' ? 'Danish' : 'English'} report (${page.charts.length} charts, ${written.files.length} files) to ${written.dir}`);
  return lines;
}

export async function runReport(opts: ReportCliOptions): Promise<void> {
  const lang = checkLang(opts.lang);
  const date = reportDate(opts.date);
  checkOutputLocation(opts.out, { command: 'report', inputs: reportInputs(opts) });
  const stage = createProgress({ quiet: opts.quiet }).stage('report');
  // Chromium starts now and is ready by the time the page is.
  const printer = opts.pdf ? openPdfPrinter() : undefined;
  try {
    const [lines] = await writeReports({ results: opts.results, economics: opts.economics, langs: [lang], out: () => opts.out, date, pdf: opts.pdf, printer });
    stage.end(opts.lang);
    printLines(lines);
  } finally {
    await printer?.close();
  }
}
