/**
 * index.html → report.pdf (A4, the page's print CSS) with Debian's Chromium through
 * playwright-core. Without Chromium the PDF is skipped with a notice, not an error.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.EFFEKT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The features playwright-core (1.65, its chromiumSwitches.ts) switches off. Chromium honours
 * only the last --disable-features on its command line, so adding our own would silently turn
 * these back on: chromiumLaunchOptions() drops Playwright's switch (ignoreDefaultArgs, which
 * matches it exactly) and passes one with these and ours. When a Playwright upgrade changes its
 * list, the browser gets two switches again; test/report/render/pdf-launch.test.ts fails then.
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 15x's headless mode is the whole browser without a screen: every window (one per
 * Playwright page) gets a location bar, whose omnibox drop-downs are WebUI pages preloaded in
 * renderer processes of their own (chrome://omnibox-popup.top-chrome/ and its AI-mode variant).
 * Nobody types into them; they cost ≈ 2.2–2.5 s of CPU per run (two renderers) and the browser
 * process another ≈ 0.6 s. The PDFs are the same bytes without them.
 */
export const OWN_DISABLED_FEATURES: readonly string[] = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Chromium's browser, renderer, GPU, network, storage and zygote processes are one process with
 * --single-process: each of the others costs a start-up and the messages between them, while
 * printing a page needs none of them apart. Launch, one print and close took 0.84 s of CPU
 * instead of 1.16 s (medians of 6, at load 8), and the browser is up ≈ 0.5 s sooner; the twin's
 * two PDFs are the same bytes. Chromium then allows one browser context (a second one ends the
 * browser), so the printer opens its tabs in one context; and the mode is Chromium's to keep or
 * drop (it is meant for its own tests), so a browser that does not start in it, or that ends
 * during a print, is started again in the ordinary mode and the print done there.
 * Measuring it: GNU time (and so the bench's CPU column) counts only the processes that were
 * waited for up the tree, and Chromium's renderer, GPU and zygote processes mostly are not — in
 * the ordinary mode it missed ≈ 2.4 s of the twin run's CPU (14.2 s in a cpuacct cgroup, 11.8 s
 * by GNU time), in this mode almost nothing (13.7 vs 13.6 s). Compare modes by a cgroup, or by
 * summing /proc/<pid>/stat of every descendant, never by GNU time.
 */
export const SINGLE_PROCESS_ARG = '--single-process';

/** What playwright-core's chromium.launch() is given: our switches, and one merged --disable-features. */
export function chromiumLaunchOptions(executablePath = CHROMIUM_PATH, options: { singleProcess?: boolean } = {}): { executablePath: string; args: string[]; ignoreDefaultArgs: string[] } {
  return {
    executablePath,
    args: [...CHROMIUM_ARGS, ...(options.singleProcess ? [SINGLE_PROCESS_ARG] : []), `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OWN_DISABLED_FEATURES].join(',')}`],
    ignoreDefaultArgs: [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`],
  };
}

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
type Context = Awaited<ReturnType<Browser['newContext']>>;
type Tab = Awaited<ReturnType<Context['newPage']>>;

/** A running browser, the one context its tabs are opened in, and whether it is the single-process one. */
interface Session {
  readonly browser: Browser;
  readonly context: Context;
  readonly single: boolean;
}

/**
 * What to print: an HTML file on disk (opened from file://, relative assets resolve; its scripts
 * run and it must set `window.__reportReady`), or a page given whole (`{ html }`) that needs no
 * file, no script and no asset — the report's print page, with its charts inline as SVG.
 */
export type PdfSource = string | { readonly html: string };

/**
 * One Chromium for any number of PDFs. Opening starts the browser at once, in the background
 * (its start-up overlaps whatever the caller does meanwhile, e.g. the analysis before the
 * reports), with one tab opened in advance. print() waits for it; the prints take turns in that
 * tab (a print page given whole replaces the one before; a page loaded from a file, whose scripts
 * ran, gets a fresh tab and closes it). One tab rather than one per report: each tab is a window
 * and a renderer of its own — ≈ 0.5 s more CPU for a second one,
 * while the prints cannot overlap much anyway (the second report's print page is ready only
 * after its charts, which are drawn after the first report's). A launch failure surfaces at the
 * first print(), as a single renderPdf() would raise it. close() ends the browser; given
 * `prints`, the browser is ended as soon as that many prints are done.
 */
export interface PdfPrinter {
  print(source: PdfSource, options?: { timeoutMs?: number; date?: string | null }): Promise<PdfOutcome>;
  close(): Promise<void>;
}

export function openPdfPrinter(options: { chromiumPath?: string; prints?: number } = {}): PdfPrinter {
  const exe = options.chromiumPath ?? CHROMIUM_PATH;
  let chromium: typeof import('playwright-core').chromium | undefined;
  const start = async (single: boolean): Promise<Session> => {
    const browser = await chromium!.launch(chromiumLaunchOptions(exe, { singleProcess: single }));
    try {
      return { browser, context: await browser.newContext(), single };
    } catch (e) {
      await browser.close().catch(() => undefined);
      throw e;
    }
  };
  let session: Promise<Session | PdfOutcome> = (async () => {
    if (!chromiumAvailable(exe)) return { written: false, notice: `PDF skipped: Chromium not found at ${exe} (install Debian's chromium, or set EFFEKT_CHROMIUM)` } as const;
    try {
      // require, not import(): playwright-core is CommonJS, and an ES import first scans its
      // multi-megabyte bundles for their export names (cjs-module-lexer) — 0.3–0.4 s of CPU on
      // the main thread per run, for names nobody asks for.
      ({ chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core'));
    } catch {
      return { written: false, notice: 'PDF skipped: the playwright-core package is not installed (npm ci installs it)' } as const;
    }
    return start(true).catch(() => start(false));
  })();
  session.catch(() => undefined); // reported by print(); not an unhandled rejection while nobody waits
  const isOutcome = (x: Session | PdfOutcome): x is PdfOutcome => 'written' in x;
  // The tab the first print uses, opened as soon as the browser is up: a new tab (its own
  // renderer) took 0.6–1.4 s at load 10, now spent while the caller works.
  let tab: Promise<Tab> | null = null;
  const openTabEarly = (s: Session | PdfOutcome) => {
    if (isOutcome(s) || tab) return;
    tab = s.context.newPage();
    tab.catch(() => undefined); // print() then opens its own
  };
  session.then(openTabEarly, () => undefined);
  let turn: Promise<unknown> = Promise.resolve(); // the prints, one after another
  // With `prints` known, the browser is closed as soon as the last one is done — its shutdown
  // (≈ 0.2–0.5 s: the profile written and removed) overlaps the caller writing that PDF out.
  let left = options.prints ?? Number.POSITIVE_INFINITY;
  let closing: Promise<void> | null = null;
  const closeBrowser = (): Promise<void> =>
    (closing ??= (async () => {
      // Until no browser is left: a print may have started one again (printWithRetry) meanwhile.
      for (let closed: Promise<Session | PdfOutcome> | null = null; closed !== session; ) {
        closed = session;
        const s = await closed.catch(() => null);
        if (s && !isOutcome(s)) await s.browser.close();
      }
    })());
  const printOne = async (s: Session, source: PdfSource, printOptions: { timeoutMs?: number; date?: string | null }): Promise<PdfOutcome> => {
    const ready = tab;
    tab = null;
    const page = ready ? await ready.catch(() => s.context.newPage()) : await s.context.newPage();
    let keep = false;
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
      keep = typeof source !== 'string';
      return { written: true, bytes: stampPdfDates(new Uint8Array(pdf), printOptions.date ?? null) };
    } finally {
      if (keep) tab = Promise.resolve(page);
      else await page.close().catch(() => undefined);
    }
  };
  /** The print, and once more in an ordinary browser when the single-process one ended during it. */
  const printWithRetry = async (s: Session, source: PdfSource, printOptions: { timeoutMs?: number; date?: string | null }): Promise<PdfOutcome> => {
    try {
      return await printOne(s, source, printOptions);
    } catch (e) {
      if (!s.single || s.browser.isConnected() || closing) throw e;
      tab = null;
      const again = start(false);
      session = again;
      session.catch(() => undefined);
      return printOne(await again, source, printOptions);
    }
  };
  return {
    async print(source, printOptions = {}) {
      const first = await session;
      if (isOutcome(first)) return first;
      if (closing) throw new Error('the PDF printer is closed');
      const mine = turn.then(async () => {
        const s = await session; // a browser started again by an earlier print
        if (isOutcome(s)) return s;
        return printWithRetry(s, source, printOptions);
      });
      turn = mine.catch(() => undefined);
      try {
        return await mine;
      } finally {
        if (--left <= 0) closeBrowser().catch(() => undefined); // reported by close()
      }
    },
    close: closeBrowser,
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
