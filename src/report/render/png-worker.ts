/**
 * The PNG worker (png.ts starts it): rasterises SVGs with resvg on its own thread — parsing,
 * text layout, raster and PNG encoding — so the main thread draws the next chart meanwhile.
 * Messages: { id, svg, scale, font } in, { id, png } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

interface Job {
  readonly id: number;
  readonly svg: string;
  readonly scale: number;
  /** The fonts for this SVG (png.ts fontsFor: the build's DejaVu subsets when they cover its text). */
  readonly font: ResvgRenderOptions['font'];
}

parentPort?.on('message', ({ id, svg, scale, font }: Job) => {
  try {
    // A copy the worker owns, so its memory can be handed over rather than copied again.
    const png = new Uint8Array(new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', font }).render().asPng());
    parentPort?.postMessage({ id, png }, [png.buffer]);
  } catch (e) {
    parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
