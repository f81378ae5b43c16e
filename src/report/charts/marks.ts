/**
 * Pieces several charts share: the line of no effect (drawn over the whole plot height, with a
 * label and a 0 tick on the axis), axis ticks that always include the no-effect value, and
 * labels wrapped onto lines for narrow layouts.
 */
import { colours } from './theme.ts';

export { wrap } from './wrap.ts';

/** Tick values over [lo, hi] on a 1/2/5 step that always include `at` (0 for differences, 1 for ratios). */
export function ticksThrough(lo: number, hi: number, at = 0, target = 6): number[] {
  const a = Math.min(lo, at);
  const b = Math.max(hi, at);
  const raw = (b - a) / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  // From the last tick at or below the lowest value to the first at or above the highest.
  const first = Math.floor((a - at) / step + 1e-9);
  const last = Math.ceil((b - at) / step - 1e-9);
  for (let k = first; k <= last; k++) out.push(Number((at + k * step).toPrecision(12)));
  return out;
}

/** The x domain for intervals: the data and the no-effect value, padded a little, ends on ticks. */
export function domainThrough(values: readonly number[], at = 0): { domain: [number, number]; ticks: number[] } {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(at, ...finite);
  const hi = Math.max(at, ...finite);
  const ticks = ticksThrough(lo, hi, at);
  // When every interval lies on one side, the no-effect value would be the axis itself and its
  // dashed line would vanish into the axis line: one more tick beyond it keeps the line apart.
  if (ticks.length > 1) {
    const step = ticks[1] - ticks[0];
    if (ticks[0] === at) ticks.unshift(Number((at - step).toPrecision(12)));
    else if (ticks[ticks.length - 1] === at) ticks.push(Number((at + step).toPrecision(12)));
  }
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/**
 * Layers for the line of no effect at x = `at`: a rule with no y encoding (so it spans the plot
 * height) and, when `label` is given, its label at the top (faceted charts say it once, in the
 * axis title, instead of in every panel). Put them first so the estimates draw over them.
 */
export function noEffectLayers(x: Record<string, unknown>, label: string | null, at = 0): Array<Record<string, unknown>> {
  const rule = { mark: { type: 'rule', color: colours.reference, strokeWidth: 1.2, strokeDash: [5, 3] }, encoding: { x: { datum: at, ...x } } };
  if (label === null) return [rule];
  return [rule, { mark: { type: 'text', color: colours.reference, fontSize: 9, align: 'left', baseline: 'bottom', dx: 3, dy: -2 }, encoding: { x: { datum: at, ...x }, y: { value: 0 }, text: { value: label } } }];
}

/** Axis labels that may hold "\n": each becomes its own line. */
export const MULTILINE_LABELS = "split(datum.label, '\\n')";
