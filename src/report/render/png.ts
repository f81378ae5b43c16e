/**
 * SVG → PNG with resvg, text in DejaVu Sans. When Debian's fonts-dejavu-core files are where
 * Debian puts them, only those two files are loaded: resvg otherwise parses every system font
 * on every call (≈ 150 ms each with ~200 fonts installed), and the PNG would depend on which
 * other fonts a machine happens to have. Elsewhere it falls back to the system fonts, with
 * DejaVu Sans as the default and sans-serif family — without that resvg picks a serif font or
 * draws no text at all.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { startJobWorker, type JobWorker } from './job-worker.ts';
import { Prewarmed, type PrewarmStats } from './prewarmed.ts';

export const PNG_SCALE = 2;

/**
 * resvg (a native addon) is loaded when this thread draws its first PNG: `effekt run` and
 * `effekt report` import this module to start the PNG worker, which draws them all, and loading
 * the addon was ≈ 30 ms of the main thread's start-up.
 */
let resvgModule: typeof import('@resvg/resvg-js') | null = null;
const resvg = () => {
  if (resvgModule === null) tuneResvgAllocator();
  return (resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));
};

/**
 * resvg-js allocates with its own mimalloc, which reads its options from the process environment
 * once, when the addon loads — so they are set on the main thread (a worker's process.env is its own
 * copy) before resvg is loaded here or the PNG worker is started. By default mimalloc hands freed
 * memory back to the system after 10 ms and maps it in 4 KB pages, so every chart's pixmap (up to
 * ≈ 7.5 MB at 2× zoom) and its PNG buffers were faulted in anew, page by page: ≈ 58,000 minor
 * faults and half of the CPU for the twin's 24 PNGs. Keeping freed memory (purge delay −1) and
 * letting it use transparent huge pages took those 24 PNGs from 1.5 to 0.75 s of CPU, the same
 * bytes. The worker's peak (≈ 190 MB) then stays mapped until it stops. A user's own settings win.
 */
function tuneResvgAllocator(): void {
  if (!isMainThread) return;
  process.env.MIMALLOC_PURGE_DELAY ??= '-1';
  process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES ??= '1';
}
const DEJAVU = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

let fontOptions: ResvgRenderOptions['font'] | null = null;

function fonts(): ResvgRenderOptions['font'] {
  if (fontOptions) return fontOptions;
  const own = DEJAVU.every((f) => existsSync(f));
  fontOptions = own
    ? { loadSystemFonts: false, fontFiles: DEJAVU, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
    : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
  return fontOptions;
}

/**
 * The build's subsets of the two DejaVu files (scripts/build-fonts.mjs, dist/…/fonts/): resvg
 * reads a font file whole for every glyph, so ~100 KB files instead of 760 KB cut the PNG work
 * by about 40 % — with the same pixels, as long as every character of the chart is one the
 * subsets keep. Null when there are none (run from the sources, no subset-font at build time)
 * or the DejaVu files changed after the build.
 */
interface Subset {
  readonly font: NonNullable<ResvgRenderOptions['font']>;
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}
let subsetFonts: Subset | null | undefined;

function subset(): Subset | null {
  if (subsetFonts !== undefined) return subsetFonts;
  subsetFonts = null;
  const record = new URL('./fonts/subset.json', import.meta.url);
  if (record.protocol !== 'file:' || !existsSync(record)) return null;
  try {
    const r = JSON.parse(readFileSync(record, 'utf8')) as { ranges: Array<[number, number]>; fonts: Array<{ file: string; source: { path: string; size: number; mtimeMs: number } }> };
    const same = r.fonts.length === DEJAVU.length && r.fonts.every((f, i) => {
      const st = statSync(DEJAVU[i], { throwIfNoEntry: false });
      return f.source.path === DEJAVU[i] && st !== undefined && st.size === f.source.size && st.mtimeMs === f.source.mtimeMs;
    });
    if (!same || fonts()?.loadSystemFonts !== false) return null;
    const files = r.fonts.map((f) => fileURLToPath(new URL(`./fonts/${f.file}`, import.meta.url)));
    if (!files.every((f) => existsSync(f))) return null;
    subsetFonts = { font: { ...fonts(), fontFiles: files }, ranges: r.ranges };
  } catch {
    subsetFonts = null;
  }
  return subsetFonts;
}

/** Whether every character of the SVG (markup included, character references decoded) lies in the ranges. */
export function coveredBy(svg: string, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  const inside = (cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);
  for (let i = 0; i < svg.length; i++) {
    const c = svg.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue; // white space between elements
    if (!inside(svg.codePointAt(i)!)) return false;
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  for (const m of svg.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const cp = m[1].startsWith('x') ? Number.parseInt(m[1].slice(1), 16) : Number(m[1]);
    if (!inside(cp)) return false;
  }
  return true;
}

/** The fonts to draw this SVG with: the subsets when they hold every character, else the full files. */
export function fontsFor(svg: string): ResvgRenderOptions['font'] {
  const s = subset();
  return s !== null && coveredBy(svg, s.ranges) ? s.font : fonts();
}

/** How every PNG is drawn: zoomed by `scale`, on white, with the fonts the SVG's text needs. */
function resvgOptions(svg: string, scale: number): ResvgRenderOptions {
  return { fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', font: fontsFor(svg) };
}

export function renderPng(svg: string, scale = PNG_SCALE): Uint8Array {
  return new Uint8Array(new (resvg().Resvg)(svg, resvgOptions(svg, scale)).render().asPng());
}

/**
 * renderPng off the main thread, same bytes. With the compiled build (dist/), one worker thread
 * does all of resvg's work (png-worker.ts); run from the TypeScript sources (tsx, vitest), where
 * a worker cannot load a .ts file, resvg's own async call does all but the PNG encoding on
 * libuv's thread pool.
 */
export function renderPngAsync(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  return prewarmed.take(() => pngKey(svg, scale), () => drawPng(svg, scale));
}

/** PNGs rasterised ahead by prewarmPng, by scale and SVG text (prewarmed.ts; the fonts follow from the SVG). */
const prewarmed = new Prewarmed<Uint8Array>();
const pngKey = (svg: string, scale: number) => `${scale}\n${svg}`;

/** Starts rasterising a PNG likely to be asked for later (renderPngAsync with the same SVG and scale takes it). */
export function prewarmPng(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  return prewarmed.add(pngKey(svg, scale), () => drawPng(svg, scale));
}

/** Forgets the prewarmed PNGs (those under way still finish). */
export function clearPrewarmedPngs(): void {
  prewarmed.clear();
}

export function prewarmedPngStats(): PrewarmStats {
  return prewarmed.stats();
}

/** Stops the worker (what it owed fails); later PNGs are drawn on this thread. For a run that failed. */
export function stopPngWorker(): Promise<void> {
  return worker ? worker.stop() : Promise.resolve();
}

function drawPng(svg: string, scale: number): Promise<Uint8Array> {
  const worker = pngWorker();
  if (!worker) return resvg().renderAsync(svg, resvgOptions(svg, scale)).then((image) => new Uint8Array(image.asPng()));
  return worker.run({ svg, scale, font: fontsFor(svg) });
}

/** Starts the PNG worker (it loads resvg) ahead of the first chart, e.g. while the economics run. */
export function preloadPngWorker(): void {
  pngWorker();
}

type PngJob = { svg: string; scale: number; font: ResvgRenderOptions['font'] };
let worker: JobWorker<PngJob, Uint8Array> | null | undefined;

function pngWorker(): JobWorker<PngJob, Uint8Array> | null {
  if (worker === undefined) {
    tuneResvgAllocator();
    worker = startJobWorker(new URL('./png-worker.js', import.meta.url), {
      name: 'PNG worker',
      failure: 'PNG rendering failed',
      decode: (m) => (m.png instanceof Uint8Array ? m.png : undefined),
    });
  }
  return worker && !worker.broken ? worker : null;
}
