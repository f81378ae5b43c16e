/**
 * How wide a label is drawn in DejaVu Sans (the charts' font, theme.ts FONT), so a chart can make
 * room for its labels before vega lays them out: headless vega has no canvas to measure with and
 * draws axis labels where the band puts them, overlapping when the band is narrower than the text.
 */

/**
 * Advance widths of DejaVu Sans (Book) for U+0020…U+007E in thousandths of an em, read from
 * /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf (hmtx through the Windows cmap, 2048 units/em).
 */
const ASCII_ADVANCE = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
  1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
  500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
/** Outside ASCII (æ ø å, dashes, accented letters): Æ and — are 1000, the rest near a digit's width. */
const WIDE = new Set(['Æ', 'æ', 'Œ', 'œ', '—', '…', '‰']);

/** The drawn width in pixels of one line of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let thousandths = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    thousandths += code >= 32 && code <= 126 ? ASCII_ADVANCE[code - 32] : WIDE.has(ch) ? 1000 : 640;
  }
  return (thousandths / 1000) * fontSize;
}

/** The width of the widest line of a label that may hold "\n". */
export function labelWidth(label: string, fontSize: number): number {
  return Math.max(0, ...label.split('\n').map((line) => textWidth(line, fontSize)));
}
