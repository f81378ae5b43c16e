/**
 * SVG → PNG with resvg, text in DejaVu Sans. When Debian's fonts-dejavu-core files are where
 * Debian puts them, only those two files are loaded: resvg otherwise parses every system font
 * on every call (≈ 150 ms each with ~200 fonts installed), and the PNG would depend on which
 * other fonts a machine happens to have. Elsewhere it falls back to the system fonts, with
 * DejaVu Sans as the default and sans-serif family — without that resvg picks a serif font or
 * draws no text at all.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

export const PNG_SCALE = 2;
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

export function renderPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', font: fonts() });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * renderPng off the main thread, same bytes. With the compiled build (dist/), one worker thread
 * does all of resvg's work (png-worker.ts); run from the TypeScript sources (tsx, vitest), where
 * a worker cannot load a .ts file, resvg's own async call does all but the PNG encoding on
 * libuv's thread pool.
 */
export function renderPngAsync(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const worker = pngWorker();
  if (!worker) return renderAsync(svg, { fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', font: fonts() }).then((image) => new Uint8Array(image.asPng()));
  const id = nextJob++;
  return new Promise<Uint8Array>((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    if (jobs.size === 1) worker.ref(); // keeps the process alive while a PNG is owed
    worker.postMessage({ id, svg, scale });
  });
}

type Settle = { resolve: (png: Uint8Array) => void; reject: (e: Error) => void };
const jobs = new Map<number, Settle>();
let nextJob = 0;
let worker: Worker | null | undefined;

function settle(id: number, f: (s: Settle) => void): void {
  const s = jobs.get(id);
  if (!s) return;
  jobs.delete(id);
  if (jobs.size === 0) worker?.unref(); // idle: never holds the process open
  f(s);
}

function pngWorker(): Worker | null {
  if (worker !== undefined) return worker;
  const file = new URL('./png-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js') || !existsSync(file)) return (worker = null);
  const w = new Worker(file, { workerData: { font: fonts() } });
  w.unref();
  w.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => settle(m.id, (s) => (m.png ? s.resolve(m.png) : s.reject(new Error(`PNG rendering failed: ${m.error ?? 'unknown error'}`)))));
  // Nothing more goes to a broken worker; what it owed fails (the report is then not written).
  const broken = (e: Error) => {
    if (worker === w) worker = null;
    for (const id of [...jobs.keys()]) settle(id, (s) => s.reject(e));
  };
  w.on('error', broken);
  w.on('exit', (code) => broken(new Error(`the PNG worker stopped (exit code ${code})`)));
  return (worker = w);
}
