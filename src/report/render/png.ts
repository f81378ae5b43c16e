/**
 * SVG → PNG with resvg. Fonts: the system's, with DejaVu Sans as the default and sans-serif
 * family — without this resvg falls back to a serif font or draws no text at all.
 */
import { Resvg } from '@resvg/resvg-js';

export const PNG_SCALE = 2;

export function renderPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
