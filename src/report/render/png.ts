/**
 * SVG → PNG with resvg, text in DejaVu Sans. When Debian's fonts-dejavu-core files are where
 * Debian puts them, only those two files are loaded: resvg otherwise parses every system font
 * on every call (≈ 150 ms each with ~200 fonts installed), and the PNG would depend on which
 * other fonts a machine happens to have. Elsewhere it falls back to the system fonts, with
 * DejaVu Sans as the default and sans-serif family — without that resvg picks a serif font or
 * draws no text at all.
 */
import { existsSync } from 'node:fs';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { startJobWorker, type JobWorker } from './job-worker.ts';

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
  return worker.run({ svg, scale });
}

let worker: JobWorker<{ svg: string; scale: number }, Uint8Array> | null | undefined;

function pngWorker(): JobWorker<{ svg: string; scale: number }, Uint8Array> | null {
  if (worker === undefined) {
    worker = startJobWorker(new URL('./png-worker.js', import.meta.url), {
      name: 'PNG worker',
      failure: 'PNG rendering failed',
      decode: (m) => (m.png instanceof Uint8Array ? m.png : undefined),
      workerData: { font: fonts() },
    });
  }
  return worker && !worker.broken ? worker : null;
}
