/**
 * The visit axis of the change-over-time panels: each visit is a band holding one point per arm,
 * labelled underneath (in visit order, so neighbouring labels are neighbouring visits). A fixed panel width gives every visit width/visits pixels, so four visits
 * or a long visit name ("week 78 (18 months)") drew labels over each other. Here each band is
 * made as wide as its label and its arms need; the panel grows to fit (fewer panels a row), and
 * only when even the whole chart width cannot hold the labels side by side are they slanted.
 * Panels whose labels already fit keep the default width and columns.
 */
import { wrap } from './wrap.ts';
import { textWidth } from './text-width.ts';

/** Visit label font size (px) on the x axis. */
export const VISIT_LABEL_SIZE = 10;
/** Clear space between neighbouring labels (px): about two word spaces, so two labels never read as one phrase. */
const LABEL_GAP = 6;
/** Room per arm's point and interval inside a band, so k arms' intervals stay apart (px). */
const ARM_STEP = 16;
/** Horizontal room per slanted (−45°) label: its line height over sin 45° (px). */
const SLANTED_STEP = 18;
/** What a panel's y axis (tick labels such as "0.80", "2.75") takes beside the plot (px). */
const Y_AXIS = 45;
/** How much wider than the default layout a row of panels may become before it loses a panel. */
const ROW_GROWTH = 1.15;

/**
 * How many label-to-label steps a panel's width holds for n visits: Vega-Lite pads a band scale
 * with a nested offset (xOffset) by 0.2 of a step inside and 0.2 at each end, so a step is
 * width / (n − 0.2 + 2 × 0.2).
 */
function bands(n: number): number {
  return n + 0.2;
}

export interface VisitAxisLayout {
  /** The visit labels, in the order given, as drawn ("\n" between lines). */
  labels: string[];
  /** Plot width of one panel (px). */
  width: number;
  /** Panels per row. */
  columns: number;
  /** 0 (horizontal, wrapped) or −45 (slanted, one line each). */
  labelAngle: number;
}

/**
 * A visit's name wrapped onto lines of at most `width` characters, breaking first before a
 * parenthesis, so "week 78 (18 months)" reads "week 78" over "(18 months)" and not "week 78 (18"
 * over "months)".
 */
export function visitLabel(name: string, width: number): string {
  if (name.length <= width) return wrap(name, width);
  return name
    .split(/ (?=\()/)
    .map((part) => wrap(part, width))
    .join('\n');
}

/**
 * Width, columns and label angle for panels of `visitNames.length` visits with `arms` points each.
 * `defaultWidth` and `defaultColumns` are kept whenever the labels fit in them; `chartWidth` is the
 * room for the whole chart (theme.ts chartWidth), `spacing` the gap between panels.
 */
export function visitAxisLayout(o: { visitNames: readonly string[]; arms: number; defaultWidth: number; defaultColumns: number; chartWidth: number; spacing: number; wrapAt: number }): VisitAxisLayout {
  const n = Math.max(1, o.visitNames.length);
  const wrapped = o.visitNames.map((v) => visitLabel(v, o.wrapAt));
  // Labels are centred on their bands and their lines drawn row by row: line k of one label sits
  // beside line k of its neighbour, which needs half of each one's width plus the gap.
  const lines = wrapped.map((l) => l.split('\n').map((line) => textWidth(line, VISIT_LABEL_SIZE)));
  const pairs = lines.length < 2 ? lines.flat() : lines.slice(1).flatMap((right, i) => right.flatMap((w, k) => (k < lines[i].length ? [(w + lines[i][k]) / 2] : [w / 2])));
  const band = Math.max(...pairs.map((w) => w + LABEL_GAP), o.arms * ARM_STEP);
  const need = Math.ceil(bands(n) * band);
  if (need <= o.defaultWidth) return { labels: wrapped, width: o.defaultWidth, columns: o.defaultColumns, labelAngle: 0 };
  const room = o.chartWidth - Y_AXIS;
  // Wider panels, fewer a row: a row may grow by 15 % beyond the default layout's width (the
  // page scales the chart to fit, so its text shrinks by as much) before a panel moves down.
  const row = ROW_GROWTH * Math.max(o.chartWidth + o.spacing, o.defaultColumns * (o.defaultWidth + Y_AXIS + o.spacing));
  const columnsFor = (width: number) => Math.max(1, Math.min(o.defaultColumns, Math.floor(row / (width + Y_AXIS + o.spacing))));
  if (need <= room) return { labels: wrapped, width: need, columns: columnsFor(need), labelAngle: 0 };
  // Too many visits to lay their names side by side even across the whole chart: one line each,
  // slanted, so a band needs only a line's height of room (and its arms' points theirs).
  const width = Math.min(room, Math.max(o.defaultWidth, Math.ceil(bands(n) * Math.max(SLANTED_STEP, o.arms * ARM_STEP))));
  return { labels: o.visitNames.map((v) => v), width, columns: columnsFor(width), labelAngle: -45 };
}
