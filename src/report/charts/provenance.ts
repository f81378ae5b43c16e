/**
 * The synthetic-data note every chart carries when results.trial.synthetic is true: the chart
 * is wrapped in a one-view concatenation whose own title is the note (dark red, bold), above the
 * chart's title, so an exported SVG or PNG copied out of the report still says what it is. The
 * title is anchored to the whole drawing, so the note never widens a chart. A real trial's
 * charts are left exactly as built.
 */
import type { TopLevelSpec } from 'vega-lite';
import { colours } from './theme.ts';
import { vl } from './spec.ts';
import { wrap } from './wrap.ts';

const TOP_LEVEL = new Set(['$schema', 'config', 'padding', 'autosize', 'background', 'usermeta']);

export function withProvenanceNote(spec: TopLevelSpec, note: string, narrow: boolean): TopLevelSpec {
  const s = spec as unknown as Record<string, unknown>;
  const outer: Record<string, unknown> = {};
  const inner: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) (TOP_LEVEL.has(k) ? outer : inner)[k] = v;
  const text = narrow ? wrap(note, 48).split('\n') : note;
  const title = { text, color: colours.warning, fontSize: narrow ? 10 : 11, fontWeight: 'bold', anchor: 'start', frame: 'bounds', offset: 4 };
  return vl({ ...outer, title, vconcat: [inner] });
}
