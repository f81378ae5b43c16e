/** What the HTML sections read: the chart context, the built charts and the report date. */
import type { ChartContext, ChartDef } from '../charts/types.ts';
import { esc } from './escape.ts';

export interface PageModel {
  readonly ctx: ChartContext;
  readonly charts: ReadonlyMap<string, ChartDef>;
  /** The report date in words, or null when none was given. */
  readonly date: string | null;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

/** A chart's container: vega-embed renders into it in the browser; the PNG stands in without JavaScript. */
export function figure(m: PageModel, id: string, caption?: string): string {
  const c = m.charts.get(id);
  if (!c) return '';
  const alt = m.ctx.t.msg.chartAlt(c.title);
  return `<figure><div class="chart" id="chart-${esc(id)}" data-chart="${esc(id)}" role="img" aria-label="${esc(alt)}"><noscript><img src="charts/${esc(id)}.png" alt="${esc(alt)}" width="100%"></noscript></div>${caption ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`;
}

export function para(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${esc(text)}</p>`;
}
