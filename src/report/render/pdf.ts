/**
 * index.html → report.pdf (A4, the page's print CSS) with Debian's Chromium, driven over its
 * DevTools pipe (devtools-pipe.ts). Without Chromium the PDF is skipped with a notice, not an error.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launchBrowser, type DevToolsBrowser, type DevToolsEvent } from './devtools-pipe.ts';

/** The browser (Debian's chromium): the report's browser tests open index.html in it; it prints when the headless shell is not installed. */
export const CHROMIUM_PATH = process.env.EFFEKT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's chromium-headless-shell: the same Blink, Skia and PDF writer as the browser (one
 * version, one source package), without the browser around them — no profile services, no
 * windows, no WebUI. It is what Playwright and Puppeteer print and screenshot with when headless.
 * Launch, the twin's two prints and close took 2.1–2.3 s of CPU (cpuacct cgroup, this script's
 * Node included, 4 runs at load 7–8) against 3.4–3.7 s in the browser, in 290 MB instead of
 * 400 MB. Its text is placed without the browser's hinted glyph advances, so a line may break
 * at another word: the Danish twin report has 27 pages instead of 28, the English 26 as before.
 */
export const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';

/** What prints the PDFs: EFFEKT_CHROMIUM when set, else the headless shell when installed, else the browser. */
export const PRINTER_PATH = process.env.EFFEKT_CHROMIUM ?? (existsSync(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : CHROMIUM_PATH);
/** The switches every Chromium of effekt's gets (the printer's, and the tests' browsers). */
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The switches playwright-core 1.65 started Chromium with (its chromiumSwitches.ts and headless
 * options), through which every PDF effekt printed until session 9 was made. The printer still
 * gives them: some change what is printed (--force-color-profile=srgb, --hide-scrollbars,
 * --blink-settings), the rest keep the browser from doing anything besides printing
 * (updates, extensions, sync, background throttling).
 */
export const PLAYWRIGHT_SWITCHES: readonly string[] = [
  '--disable-field-trial-config', '--disable-background-networking', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows',
  '--disable-back-forward-cache', '--disable-breakpad', '--disable-component-extensions-with-background-pages', '--disable-component-update',
  '--no-default-browser-check', '--disable-default-apps', '--disable-dev-shm-usage', '--disable-edgeupdater', '--disable-extensions',
  '--enable-features=CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies', '--allow-pre-commit-input', '--disable-hang-monitor',
  '--disable-ipc-flooding-protection', '--disable-popup-blocking', '--disable-prompt-on-repost', '--disable-renderer-backgrounding',
  '--disable-updater-scheduler', '--force-color-profile=srgb', '--metrics-recording-only', '--no-first-run', '--password-store=basic',
  '--use-mock-keychain', '--no-service-autorun', '--disable-search-engine-choice-screen', '--unsafely-disable-devtools-self-xss-warnings',
  '--enable-unsafe-swiftshader', '--edge-skip-compat-layer-relaunch', '--disable-stack-profiler', '--disable-infobars', '--disable-sync',
  '--do-not-de-elevate', '--headless', '--hide-scrollbars', '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4', '--no-sandbox',
];

/**
 * The features Playwright switched off (the same chromiumSwitches.ts). Chromium honours only the
 * last --disable-features on its command line, so they and ours go into one switch.
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 15x's headless mode is the whole browser without a screen: every window (one per
 * page) gets a location bar, whose omnibox drop-downs are WebUI pages preloaded in
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
 * two PDFs are the same bytes. The mode is Chromium's to keep or drop (it is meant for its own
 * tests), so a browser that does not start in it, or that ends during a print, is started again
 * in the ordinary mode and the print done there.
 * Measuring it: GNU time (and so the bench's CPU column) counts only the processes that were
 * waited for up the tree, and Chromium's renderer, GPU and zygote processes mostly are not — in
 * the ordinary mode it missed ≈ 2.4 s of the twin run's CPU (14.2 s in a cpuacct cgroup, 11.8 s
 * by GNU time), in this mode almost nothing (13.7 vs 13.6 s). Compare modes by a cgroup, or by
 * summing /proc/<pid>/stat of every descendant, never by GNU time.
 */
export const SINGLE_PROCESS_ARG = '--single-process';

/**
 * The zygote — the process Chromium forks renderers from — is started even in single-process
 * mode, where nothing is forked: --no-zygote leaves it out. Launch, the twin's two prints and
 * close in the headless shell: 2.10–2.14 s of CPU against 2.36–2.45 s (4 runs each, load 7–8);
 * the PDFs are the same bytes, in the shell and in the browser.
 */
export const NO_ZYGOTE_ARG = '--no-zygote';

/**
 * With the GPU switched off (--disable-gpu), Chromium still brought up SwiftShader — a GPU in
 * software — on its GPU thread for compositing, which printing never uses (the PDF is drawn by
 * Skia's PDF backend on the renderer thread). Without it the GPU and compositor threads took
 * 0.04–0.07 s of CPU for the twin's two prints instead of 0.12–0.13 s (3 runs each; 2,843 → 81
 * minor faults on the GPU thread), and both PDFs are the same bytes.
 */
export const NO_SOFTWARE_GPU_ARG = '--disable-software-rasterizer';

/** Chromium's command line (before the profile folder and the pipe): Playwright's switches, ours, one --disable-features. */
export function chromiumSwitches(options: { singleProcess?: boolean } = {}): string[] {
  const switches = [...PLAYWRIGHT_SWITCHES];
  for (const s of CHROMIUM_ARGS) if (!switches.includes(s)) switches.push(s);
  switches.push(NO_SOFTWARE_GPU_ARG);
  if (options.singleProcess) switches.push(SINGLE_PROCESS_ARG, NO_ZYGOTE_ARG);
  switches.push(`--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OWN_DISABLED_FEATURES].join(',')}`);
  return switches;
}

export function chromiumAvailable(path = CHROMIUM_PATH): boolean {
  return existsSync(path);
}

/**
 * Chromium was found but could not print: it did not start, ended during a print, or took too
 * long. A problem of the machine, not of the input: the command exits 1 with what to do.
 */
export class PdfPrintError extends Error {
  readonly exitCode = 1;
  constructor(message: string, readonly chromiumPath: string) {
    super(message);
    this.name = 'PdfPrintError';
  }

  userMessage(): string {
    return `effekt: the PDF could not be printed: ${this.message}. Fix: check that \`${this.chromiumPath} --headless --version\` runs on this machine, set EFFEKT_CHROMIUM to a Chromium that does, or leave the PDF out with --no-pdf`;
  }
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

/** A running browser, and whether it is the single-process one. */
interface Session {
  readonly browser: DevToolsBrowser;
  readonly single: boolean;
}

/** A page (tab) of the browser and the protocol session attached to it. */
interface Tab {
  readonly targetId: string;
  readonly sessionId: string;
}

/**
 * The page settings Playwright gave every page it opened, which the PDFs were made with: the
 * default font families it sets on Linux, and its 1280 × 720 viewport.
 */
const PAGE_FONT_FAMILIES = { standard: 'Times New Roman', fixed: 'Monospace', serif: 'Times New Roman', sansSerif: 'Arial', cursive: 'Comic Sans MS', fantasy: 'Impact' };
const PAGE_METRICS = { mobile: false, width: 1280, height: 720, screenWidth: 1280, screenHeight: 720, deviceScaleFactor: 1, screenOrientation: { angle: 0, type: 'landscapePrimary' } };
/** A4 in inches, no margins (the page's @page rule sets them: preferCSSPageSize), as Playwright's page.pdf({ format: 'A4' }) asked. */
const PRINT_OPTIONS = {
  transferMode: 'ReturnAsStream', landscape: false, displayHeaderFooter: false, headerTemplate: '', footerTemplate: '', printBackground: true, scale: 1,
  paperWidth: 8.27, paperHeight: 11.7, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, pageRanges: '', preferCSSPageSize: true,
  generateTaggedPDF: false, generateDocumentOutline: false,
};
/** Print media for a page loaded from a file (its scripts ran for the screen), with no other media feature overridden. */
const PRINT_MEDIA = { media: 'print', features: ['prefers-color-scheme', 'prefers-reduced-motion', 'forced-colors', 'prefers-contrast'].map((name) => ({ name, value: '' })) };

async function openTab(browser: DevToolsBrowser): Promise<Tab> {
  const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  await Promise.all([
    browser.send('Page.enable', {}, sessionId),
    browser.send('Page.setFontFamilies', { fontFamilies: PAGE_FONT_FAMILIES }, sessionId),
    browser.send('Emulation.setDeviceMetricsOverride', PAGE_METRICS, sessionId),
  ]);
  return { targetId, sessionId };
}

/** The first event `method` of this page's session after now. */
function nextEvent(browser: DevToolsBrowser, tab: Tab, method: string): Promise<DevToolsEvent> {
  return new Promise((resolve) => {
    const stop = browser.onEvent((e) => {
      if (e.method === method && e.sessionId === tab.sessionId) {
        stop();
        resolve(e);
      }
    });
  });
}

/** `work`, or an error naming what did not finish within `timeoutMs`. */
async function within<T>(timeoutMs: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Chromium did not finish ${what} within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Prints the tab's page as it is now; the PDF's bytes, read from the stream Chromium returns. */
async function printTab(browser: DevToolsBrowser, tab: Tab): Promise<Uint8Array> {
  const { stream } = await browser.send<{ stream: string }>('Page.printToPDF', PRINT_OPTIONS, tab.sessionId);
  const chunks: Buffer[] = [];
  for (;;) {
    const r = await browser.send<{ data: string; eof: boolean; base64Encoded?: boolean }>('IO.read', { handle: stream, size: 1 << 20 }, tab.sessionId);
    chunks.push(Buffer.from(r.data, r.base64Encoded ? 'base64' : 'utf8'));
    if (r.eof) break;
  }
  await browser.send('IO.close', { handle: stream }, tab.sessionId);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A page given whole, written into the tab (document.open/write/close, as Playwright's
 * setContent did) and printed once its load event has fired. Nothing of it runs: the print page
 * has no script and forbids one (CSP).
 */
async function printWhole(browser: DevToolsBrowser, tab: Tab, html: string): Promise<Uint8Array> {
  const loaded = `new Promise((ready) => { document.open(); addEventListener('load', () => ready(true), { once: true }); document.write(${JSON.stringify(html)}); document.close(); })`;
  const r = await browser.send<{ exceptionDetails?: { text?: string } }>('Runtime.evaluate', { expression: loaded, awaitPromise: true }, tab.sessionId);
  if (r.exceptionDetails) throw new Error(`Chromium could not load the print page: ${r.exceptionDetails.text ?? 'script error'}`);
  return printTab(browser, tab);
}

/** A page from a file (file://, so relative assets resolve): loaded, its scripts' `window.__reportReady` awaited, printed as print media. */
async function printFile(browser: DevToolsBrowser, tab: Tab, file: string): Promise<Uint8Array> {
  const loaded = nextEvent(browser, tab, 'Page.loadEventFired');
  const nav = await browser.send<{ errorText?: string }>('Page.navigate', { url: pathToFileURL(file).href }, tab.sessionId);
  if (nav.errorText) throw new Error(`Chromium could not open ${file}: ${nav.errorText}`);
  await loaded;
  const ready = `new Promise((ok) => { const check = () => (window.__reportReady === true ? ok(true) : setTimeout(check, 25)); check(); })`;
  await browser.send('Runtime.evaluate', { expression: ready, awaitPromise: true }, tab.sessionId);
  await browser.send('Emulation.setEmulatedMedia', PRINT_MEDIA, tab.sessionId);
  return printTab(browser, tab);
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
 * ran, gets a fresh tab and closes it). One tab rather than one per report: in the single-process
 * browser every tab is laid out and printed on the same renderer thread, so two tabs printing at
 * once took as long as one after the other (the same bytes and CPU; session 9), and in the
 * ordinary mode a second tab is a renderer process of its own (≈ 0.5 s more CPU). A launch failure surfaces at the
 * first print(), as a single renderPdf() would raise it. close() ends the browser; given
 * `prints`, the browser is ended as soon as that many prints are done.
 */
export interface PdfPrinter {
  print(source: PdfSource, options?: { timeoutMs?: number; date?: string | null }): Promise<PdfOutcome>;
  close(): Promise<void>;
}

export function openPdfPrinter(options: { chromiumPath?: string; prints?: number } = {}): PdfPrinter {
  const exe = options.chromiumPath ?? PRINTER_PATH;
  const start = async (single: boolean): Promise<Session> => ({ browser: await launchBrowser(exe, chromiumSwitches({ singleProcess: single })), single });
  let session: Promise<Session | PdfOutcome> = chromiumAvailable(exe)
    ? start(true).catch(() => start(false))
    : Promise.resolve({ written: false, notice: `PDF skipped: Chromium not found at ${exe} (install Debian's chromium-headless-shell or chromium, or set EFFEKT_CHROMIUM)` } as const);
  session.catch(() => undefined); // reported by print(); not an unhandled rejection while nobody waits
  const isOutcome = (x: Session | PdfOutcome): x is PdfOutcome => 'written' in x;
  // The tab the first print uses, opened as soon as the browser is up: a new tab (its own
  // renderer) took 0.6–1.4 s at load 10, now spent while the caller works.
  let tab: Promise<Tab> | null = null;
  const openTabEarly = (s: Session | PdfOutcome) => {
    if (isOutcome(s) || tab) return;
    tab = openTab(s.browser);
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
    const page = ready ? await ready.catch(() => openTab(s.browser)) : await openTab(s.browser);
    let keep = false;
    try {
      // A dozen charts on a loaded machine can take a minute; loading the 1 MB page (vega inlined)
      // beside the other report's page and the charts drawn in Node took over 30 s at load 22.
      const timeout = printOptions.timeoutMs ?? 180_000;
      const bytes = typeof source === 'string'
        ? await within(timeout, `printing ${source}`, printFile(s.browser, page, source))
        : await within(timeout, 'printing the report', printWhole(s.browser, page, source.html));
      keep = typeof source !== 'string';
      return { written: true, bytes: stampPdfDates(bytes, printOptions.date ?? null) };
    } finally {
      if (keep) tab = Promise.resolve(page);
      else await s.browser.send('Target.closeTarget', { targetId: page.targetId }).catch(() => undefined);
    }
  };
  /** The print, and once more in an ordinary browser when the single-process one ended during it. */
  const printWithRetry = async (s: Session, source: PdfSource, printOptions: { timeoutMs?: number; date?: string | null }): Promise<PdfOutcome> => {
    try {
      return await printOne(s, source, printOptions);
    } catch (e) {
      if (!s.single || s.browser.connected || closing) throw e;
      tab = null;
      void s.browser.close(); // the ended browser's folder goes now, not when this process exits
      const again = start(false);
      session = again;
      session.catch(() => undefined);
      return printOne(await again, source, printOptions);
    }
  };
  return {
    async print(source, printOptions = {}) {
      const first = await session.catch((e: unknown) => {
        throw new PdfPrintError(`Chromium (${exe}) did not start: ${e instanceof Error ? e.message : String(e)}`, exe);
      });
      if (isOutcome(first)) return first;
      if (closing) throw new Error('the PDF printer is closed');
      const mine = turn.then(async () => {
        const s = await session; // a browser started again by an earlier print
        if (isOutcome(s)) return s;
        return printWithRetry(s, source, printOptions);
      });
      turn = mine.catch(() => undefined);
      try {
        return await mine.catch((e: unknown) => {
          throw e instanceof PdfPrintError ? e : new PdfPrintError(e instanceof Error ? e.message : String(e), exe);
        });
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
