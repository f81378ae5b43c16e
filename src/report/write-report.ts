/**
 * Writes a built report all-or-nothing: the PDF is printed from a private staging copy first,
 * then every file goes into the target folder under a temporary name and is renamed into place
 * only when all were written (src/data/io/write-atomic.ts). Chart files a previous run left
 * behind that this report no longer has are removed, so the folder always matches one run.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFilesAtomic } from '../data/io/write-atomic.ts';
import type { BuiltReport, ReportArtefact } from './build-report.ts';
import { renderPdf, type PdfOutcome } from './render/pdf.ts';

export interface WriteReportOptions {
  /** Print report.pdf with Chromium (default true; skipped with a notice when Chromium is absent). */
  readonly pdf?: boolean;
  readonly chromiumPath?: string;
}

export interface WrittenReport {
  readonly dir: string;
  readonly files: readonly string[];
  readonly pdf: PdfOutcome | null;
}

async function printPdf(report: BuiltReport, options: WriteReportOptions): Promise<PdfOutcome> {
  const stage = mkdtempSync(join(tmpdir(), 'effekt-report-'));
  try {
    writeFilesAtomic(stage, report.artefacts);
    return await renderPdf(join(stage, 'index.html'), { chromiumPath: options.chromiumPath, date: report.date });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function removeStale(dir: string, keep: ReadonlySet<string>): void {
  const charts = join(dir, 'charts');
  if (existsSync(charts)) {
    for (const f of readdirSync(charts)) {
      if (/\.(vl\.json|svg|png)$/.test(f) && !keep.has(`charts/${f}`)) rmSync(join(charts, f), { force: true });
    }
  }
  if (!keep.has('report.pdf')) rmSync(join(dir, 'report.pdf'), { force: true });
}

export async function writeReport(dir: string, report: BuiltReport, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const files: ReportArtefact[] = [...report.artefacts];
  let pdf: PdfOutcome | null = null;
  if (options.pdf !== false) {
    pdf = await printPdf(report, options);
    if (pdf.written) files.push({ name: 'report.pdf', content: pdf.bytes });
  }
  writeFilesAtomic(dir, files);
  removeStale(dir, new Set(files.map((f) => f.name)));
  return { dir, files: files.map((f) => f.name), pdf };
}
