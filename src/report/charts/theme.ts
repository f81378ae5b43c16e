/**
 * One look for every chart: restrained colours (control ochre, the intervention arms blue, then
 * green, purple, rose — the same in every chart, legend, table and notebook, taken from
 * `armColours`), DejaVu Sans (what resvg and Chromium both have), light grids, and the
 * language's number locale so axes read "9.694" in Danish and "9,694" in English.
 */
import type { Lang } from '../../analysis/results/types.ts';
import { chartNumberLocale } from '../i18n/format.ts';
import type { ChartContext } from './types.ts';
import { wrap } from './wrap.ts';

export const colours = {
  control: '#c07a2c',
  intervention: '#1f5f8b',
  /** Further intervention arms of a k-arm trial, in results order after the first. */
  moreInterventions: ['#3d7a3a', '#7a4f9c', '#a63f6b', '#4d6b73'],
  neutral: '#6b6b6b',
  reference: '#555555',
  positive: '#1f5f8b',
  negative: '#b9463f',
  ink: '#222222',
  grid: '#e6e6e6',
  /** The synthetic-data note (charts, banner, PDF header). */
  warning: '#9b1c1c',
} as const;

export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Plot width the other layers' charts (the power curve) use; the report sizes its own by `chartWidth`. */
export const CHART_WIDTH = 560;

/** Arm label → colour: control ochre, the first intervention blue, further interventions in order. */
export function armColours(arms: ReadonlyArray<{ readonly label: string; readonly role: 'control' | 'intervention' }>): Record<string, string> {
  let k = 0;
  let c = 0;
  // Built as entries: an arm labelled "__proto__" is an own key like any other (an assignment would set the prototype).
  return Object.fromEntries(
    arms.map((a) => {
      if (a.role === 'control') return [a.label, c++ === 0 ? colours.control : colours.neutral];
      const colour = k === 0 ? colours.intervention : colours.moreInterventions[(k - 1) % colours.moreInterventions.length];
      k++;
      return [a.label, colour];
    }),
  );
}

/** The width a chart may take, labels included: A4 text width (≈ 700 px) or a phone (≈ 340 px). */
export function chartWidth(ctx: Pick<ChartContext, 'layout'>): number {
  return ctx.layout === 'narrow' ? 320 : 690;
}

export function chartConfig(lang: Lang, narrow = false): Record<string, unknown> {
  const small = narrow ? 10 : 11;
  return {
    font: FONT,
    locale: { number: chartNumberLocale(lang) },
    background: '#ffffff',
    padding: 8,
    view: { stroke: null },
    title: { fontSize: narrow ? 13 : 14, fontWeight: 'bold', color: colours.ink, anchor: 'start', subtitleFontSize: small, subtitleColor: '#555555', offset: 10, limit: narrow ? 330 : 690 },
    axis: { labelFontSize: small, titleFontSize: small, titleFontWeight: 'normal', titleColor: '#444444', labelColor: '#333333', gridColor: colours.grid, domainColor: '#999999', tickColor: '#999999', labelLimit: narrow ? 150 : 260 },
    legend: { labelFontSize: small, titleFontSize: small, titleFontWeight: 'normal', orient: 'top', symbolStrokeWidth: 2 },
    header: { labelFontSize: narrow ? 11 : 12, titleFontSize: 12, labelFontWeight: 'bold', labelColor: colours.ink },
    text: { font: FONT, fontSize: small, color: colours.ink },
  };
}

/** The arm colour scale over the given arms (default: all, in results order). */
export function armScale(ctx: Pick<ChartContext, 'arms'>, only?: readonly string[]): { domain: string[]; range: string[] } {
  const arms = only ? ctx.arms.filter((a) => only.includes(a.label)) : ctx.arms;
  return { domain: arms.map((a) => a.label), range: arms.map((a) => a.colour) };
}

/**
 * Common top-level fields; `data` values are aggregates only. `aria: false`: vega would write
 * English aria-labels carrying the raw data values into every SVG mark; the HTML figure carries a
 * localised description instead (html/figures.ts).
 */
export function base(ctx: ChartContext, title: string, subtitle?: string | readonly string[]): { $schema: string; title: { text: string | string[]; subtitle?: string | string[] }; config: Record<string, unknown> } {
  const narrow = ctx.layout === 'narrow';
  // On a phone long titles and subtitles break onto lines rather than run off the chart.
  // Wide ones too: headless vega (no canvas) estimates text at 0.8 em a character and would cut a
  // longer line with "…" in the exported SVG/PNG.
  const lines = wrap(title, narrow ? 42 : 56).split('\n');
  const text = lines.length === 1 ? lines[0] : lines;
  const sub = subtitle === undefined ? undefined : (typeof subtitle === 'string' ? [subtitle] : [...subtitle]).flatMap((x) => wrap(x, narrow ? 56 : 74).split('\n'));
  return { $schema: VL_SCHEMA, title: sub ? { text, subtitle: sub } : { text }, config: { ...chartConfig(ctx.t.lang, narrow), aria: false } };
}
