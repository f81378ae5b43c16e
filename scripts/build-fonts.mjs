/**
 * Part of the build (scripts/build.mjs): smaller copies of the two DejaVu Sans files that the
 * PNG charts are drawn with (src/report/render/png.ts), written to dist/report/render/fonts/.
 *
 * Why: resvg-js 2.6 keeps a font file as a path and reads the whole file again for every glyph
 * it lays out or draws — ≈ 12,300 reads of the 760/710 KB files for the twin's 24 charts, about
 * half of the PNG worker's CPU. The subsets hold the characters charts are written in (Latin,
 * Greek, punctuation, arrows, mathematical operators, currency signs) and ~100 KB each; hb-subset
 * (HarfBuzz, through subset-font) keeps each kept glyph's outline, its metrics and the layout
 * tables (kerning, ligatures) of the kept glyphs, so a chart whose text uses only those
 * characters draws byte-identically (checked: the twin's 24 PNGs, test/report/png-fonts.test.ts).
 * png.ts uses the subsets only for such a chart and only while the DejaVu files are the ones they
 * were made from (size and modification time recorded here); otherwise the full files, as before.
 *
 * Without subset-font (a devDependency) or without Debian's DejaVu files nothing is written and
 * the charts are drawn with the full files.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Debian's fonts-dejavu-core files, as png.ts loads them. */
export const DEJAVU = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

/** Code point ranges kept (inclusive); png.ts uses the subsets only for text inside them. */
export const SUBSET_RANGES = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x24f], // Latin-1 Supplement, Latin Extended-A and -B (æ ø å é ü ± × …)
  [0x370, 0x3ff], // Greek (δ α θ μ σ χ)
  [0x2000, 0x206f], // General Punctuation (– — ‘ ’ “ ” • … ‰ and the spaces)
  [0x20a0, 0x20cf], // Currency Symbols (€)
  [0x2100, 0x214f], // Letterlike Symbols (№ ™)
  [0x2190, 0x21ff], // Arrows (← →)
  [0x2200, 0x22ff], // Mathematical Operators (− ≤ ≥ ≈ √ ∞)
  [0x25a0, 0x25ff], // Geometric Shapes (■ ▲ ●)
];

/** Writes the subsets and fonts/subset.json into `dir`; returns false when it could not (nothing written). */
export async function writeFontSubsets(dir) {
  if (!DEJAVU.every((f) => existsSync(f))) return false;
  let subsetFont;
  try {
    ({ default: subsetFont } = await import('subset-font'));
  } catch {
    return false;
  }
  let text = '';
  for (const [a, b] of SUBSET_RANGES) for (let c = a; c <= b; c++) text += String.fromCodePoint(c);
  const fonts = [];
  for (const source of DEJAVU) {
    const before = statSync(source);
    // Name IDs 0–6 keep the family ("DejaVu Sans") and style by which resvg picks a face.
    const bytes = await subsetFont(readFileSync(source), text, { targetFormat: 'truetype', preserveNameIds: [0, 1, 2, 3, 4, 5, 6] });
    fonts.push({ file: basename(source).replace(/\.ttf$/, '.subset.ttf'), bytes, source: { path: source, size: before.size, mtimeMs: before.mtimeMs } });
  }
  mkdirSync(dir, { recursive: true });
  for (const f of fonts) writeFileSync(join(dir, f.file), f.bytes);
  const record = { ranges: SUBSET_RANGES, fonts: fonts.map((f) => ({ file: f.file, source: f.source })) };
  writeFileSync(join(dir, 'subset.json'), `${JSON.stringify(record, null, 2)}\n`);
  return true;
}
