/**
 * index.html → report.pdf (A4, the page's print CSS) with Debian's Chromium through
 * playwright-core. Without Chromium the PDF is skipped with a notice, not an error.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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

type Browser = Awaited<ReturnType<typeof import('playwright-core').chromium.launch>>;

/**
 * What to print: an HTML file on disk (opened from file://, relative assets resolve; its scripts
 * run and it must set `window.__reportReady`), or a page given whole (`{ html }`) that needs no
 * file, no script and no asset — the report's print page, with its charts inline as SVG.
 */
export type PdfSource = string | { readonly html: string };

/**
 * One Chromium for any number of PDFs. Opening starts the browser at once, in the background
 * (its start-up overlaps whatever the caller does meanwhile, e.g. the analysis before the
 * reports); each print() waits for it and uses a fresh page (the first `pages` of them opened
 * in advance, default 1). A launch failure surfaces at the
 * first print(), as a single renderPdf() would raise it. close() ends the browser.
 */
export interface PdfPrinter {
  print(source: PdfSource, options?: { timeoutMs?: number; date?: string | null }): Promise<PdfOutcome>;
  close(): Promise<void>;
}

export function openPdfPrinter(options: { chromiumPath?: string; pages?: number } = {}): PdfPrinter {
  const exe = options.chromiumPath ?? CHROMIUM_PATH;
  const launching: Promise<Browser | PdfOutcome> = (async () => {
    if (!chromiumAvailable(exe)) return { written: false, notice: `PDF skipped: Chromium not found at ${exe} (install Debian's chromium, or set EFFEKT_CHROMIUM)` } as const;
    let chromium: typeof import('playwright-core').chromium;
    try {
      // require, not import(): playwright-core is CommonJS, and an ES import first scans its
      // multi-megabyte bundles for their export names (cjs-module-lexer) — 0.3–0.4 s of CPU on
      // the main thread per run, for names nobody asks for.
      ({ chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core'));
    } catch {
      return { written: false, notice: 'PDF skipped: the playwright-core package is not installed (npm ci installs it)' } as const;
    }
    return chromium.launch({ executablePath: exe, args: [...CHROMIUM_ARGS] });
  })();
  launching.catch(() => undefined); // reported by print(); not an unhandled rejection while nobody waits
  const isOutcome = (x: Browser | PdfOutcome): x is PdfOutcome => 'written' in x;
  // The tabs the first prints will use, opened as soon as the browser is up: a new tab (its own
  // context and renderer process) took 0.6–1.4 s at load 10, now spent while the caller works.
  type Tab = Awaited<ReturnType<Browser['newPage']>>;
  const spare: Array<Promise<Tab>> = [];
  launching.then(
    (b) => {
      if (isOutcome(b)) return;
      for (let i = 0; i < (options.pages ?? 1); i++) {
        const tab = b.newPage();
        tab.catch(() => undefined); // print() then opens its own
        spare.push(tab);
      }
    },
    () => undefined,
  );
  return {
    async print(source, printOptions = {}) {
      const browser = await launching;
      if (isOutcome(browser)) return browser;
      const ready = spare.shift();
      const page = ready ? await ready.catch(() => browser.newPage()) : await browser.newPage();
      try {
        // A dozen charts on a loaded machine can take a minute; loading the 1 MB page (vega inlined)
        // beside the other report's page and the charts drawn in Node took over Playwright's default 30 s at load 22.
        const timeout = printOptions.timeoutMs ?? 180_000;
        if (typeof source === 'string') {
          await page.goto(pathToFileURL(source).href, { waitUntil: 'load', timeout });
          await page.waitForFunction(() => (window as unknown as { __reportReady?: boolean }).__reportReady === true, undefined, { timeout });
          await page.emulateMedia({ media: 'print' });
        } else {
          // Nothing to load or run: parsed, laid out and printed (page.pdf() lays out for print itself).
          await page.setContent(source.html, { waitUntil: 'load', timeout });
        }
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        return { written: true, bytes: stampPdfDates(new Uint8Array(pdf), printOptions.date ?? null) };
      } finally {
        await page.close();
      }
    },
    async close() {
      const browser = await launching.catch(() => null);
      if (browser && !isOutcome(browser)) await browser.close();
    },
  };
}

/** Opens the HTML file (already on disk: file:// so relative assets resolve) or page and prints it; `date` (YYYY-MM-DD) dates the PDF. */
export async function renderPdf(htmlFile: PdfSource, options: { chromiumPath?: string; timeoutMs?: number; date?: string | null } = {}): Promise<PdfOutcome> {
  const printer = openPdfPrinter({ chromiumPath: options.chromiumPath });
  try {
    return await printer.print(htmlFile, { timeoutMs: options.timeoutMs, date: options.date });
  } finally {
    await printer.close();
  }
}
