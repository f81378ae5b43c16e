/**
 * SVG → PNG with resvg, text in DejaVu Sans. When Debian's fonts-dejavu-core files are where
 * Debian puts them, only those two files are loaded: resvg otherwise parses every system font
 * on every call (≈ 150 ms each with ~200 fonts installed), and the PNG would depend on which
 * other fonts a machine happens to have. Elsewhere it falls back to the system fonts, with
 * DejaVu Sans as the default and sans-serif family — without that resvg picks a serif font or
 * draws no text at all.
 */
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

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
