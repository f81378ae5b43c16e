/**
 * One look for every chart: restrained colours (intervention blue, control ochre — the same in
 * every chart, legend and table), DejaVu Sans (what resvg and Chromium both have), light grids,
 * and the language's number locale so axes read "9.694" in Danish and "9,694" in English.
 */
import type { Lang } from '../../analysis/results/types.ts';
import { chartNumberLocale } from '../i18n/format.ts';
import type { ArmInfo, ChartContext } from './types.ts';

export const colours = {
  intervention: '#1f5f8b',
  control: '#c07a2c',
  neutral: '#6b6b6b',
  reference: '#9a9a9a',
  positive: '#1f5f8b',
  negative: '#b9463f',
  ink: '#222222',
  grid: '#e6e6e6',
} as const;

export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const CHART_WIDTH = 560;

export function chartConfig(lang: Lang): Record<string, unknown> {
  return {
    font: FONT,
    locale: { number: chartNumberLocale(lang) },
    background: '#ffffff',
    padding: 8,
    view: { stroke: null },
    title: { fontSize: 14, fontWeight: 'bold', color: colours.ink, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555555', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', titleColor: '#444444', labelColor: '#333333', gridColor: colours.grid, domainColor: '#999999', tickColor: '#999999', labelLimit: 420 },
    legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'top', symbolStrokeWidth: 2 },
    header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold', labelColor: colours.ink },
    text: { font: FONT, fontSize: 11, color: colours.ink },
  };
}

/** The arm colour scale: always control then intervention, always the same two colours. */
export function armScale(ctx: Pick<ChartContext, 'control' | 'intervention'>): { domain: string[]; range: string[] } {
  return { domain: [ctx.control.label, ctx.intervention.label], range: [ctx.control.colour, ctx.intervention.colour] };
}

export function armColour(role: ArmInfo['role']): string {
  return role === 'intervention' ? colours.intervention : colours.control;
}

/**
 * Common top-level fields; `data` values are aggregates only. `aria: false`: vega would write
 * English aria-labels carrying the raw data values into every SVG mark; the HTML figure carries a
 * localised description instead (html/model.ts figure()).
 */
export function base(ctx: ChartContext, title: string, subtitle?: string): { $schema: string; title: { text: string; subtitle?: string }; config: Record<string, unknown> } {
  return { $schema: VL_SCHEMA, title: subtitle ? { text: title, subtitle } : { text: title }, config: { ...chartConfig(ctx.t.lang), aria: false } };
}
