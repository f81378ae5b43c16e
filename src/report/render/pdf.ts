/**
 * index.html → report.pdf (A4, the page's print CSS) with Debian's Chromium through
 * playwright-core. Without Chromium the PDF is skipped with a notice, not an error.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.EFFEKT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumAvailable(path = CHROMIUM_PATH): boolean {
  return existsSync(path);
}

export type PdfOutcome = { readonly written: true; readonly bytes: Uint8Array } | { readonly written: false; readonly notice: string };

/**
 * Chromium (Skia) stamps the wall clock into the Info dictionary's /CreationDate and /ModDate;
 * nothing else in its output depends on the run. They are overwritten in place with the report
 * date at 00:00 UTC (or blanked with spaces when there is none), keeping every byte offset, so
 * the cross-reference table stays valid and the PDF is byte-identical for the same inputs and date.
 */
export function stampPdfDates(pdf: Uint8Array, isoDate: string | null): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const stamp = isoDate && /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? `D:${isoDate.replace(/-/g, '')}000000+00'00'` : null;
  const out = text.replace(/\/(CreationDate|ModDate)\s*\((D:[^)]*)\)/g, (whole: string, key: string, value: string) => {
    const entry = stamp && stamp.length <= value.length ? `/${key} (${stamp})` : '';
    return entry.padEnd(whole.length, ' ');
  });
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Opens the HTML file (already on disk: file:// so relative assets resolve) and prints it; `date` (YYYY-MM-DD) dates the PDF. */
export async function renderPdf(htmlFile: string, options: { chromiumPath?: string; timeoutMs?: number; date?: string | null } = {}): Promise<PdfOutcome> {
  const exe = options.chromiumPath ?? CHROMIUM_PATH;
  if (!chromiumAvailable(exe)) return { written: false, notice: `PDF skipped: Chromium not found at ${exe} (install Debian's chromium, or set EFFEKT_CHROMIUM)` };
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { written: false, notice: 'PDF skipped: the playwright-core package is not installed (npm ci installs it)' };
  }
  const browser = await chromium.launch({ executablePath: exe, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { __reportReady?: boolean }).__reportReady === true, undefined, { timeout: options.timeoutMs ?? 60_000 });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return { written: true, bytes: stampPdfDates(new Uint8Array(pdf), options.date ?? null) };
  } finally {
    await browser.close();
  }
}
