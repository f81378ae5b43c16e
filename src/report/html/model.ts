/**
 * What the HTML sections read: the chart context, the built charts (wide, and narrow for
 * phones), the report date, and the running numbers of figures and tables — assigned in page
 * order as the sections are built, so "Figure 3" is always the third figure a reader meets.
 */
import type { ChartContext, ChartDef } from '../charts/types.ts';
import { esc } from './escape.ts';

export interface PageModel {
  readonly ctx: ChartContext;
  readonly charts: ReadonlyMap<string, ChartDef>;
  /** The same charts built for a phone's width; the page picks one by the space it has. */
  readonly narrow: ReadonlyMap<string, ChartDef>;
  /** The report date in words, or null when none was given. */
  readonly date: string | null;
  readonly counters: { figure: number; table: number };
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

export function pageModel(ctx: ChartContext, charts: readonly ChartDef[], narrow: readonly ChartDef[], date: string | null): PageModel {
  return { ctx, charts: new Map(charts.map((c) => [c.id, c])), narrow: new Map(narrow.map((c) => [c.id, c])), date, counters: { figure: 0, table: 0 } };
}

/**
 * A chart's container, numbered, with its caption. vega-embed renders into it in the browser
 * (the wide or the narrow spec); without JavaScript the PNG stands in. The text alternative —
 * also the caption's second sentence — is the chart's finding with its numbers.
 */
export function figure(m: PageModel, id: string, caption?: string): string {
  const c = m.charts.get(id);
  if (!c) return '';
  const n = ++m.counters.figure;
  const { t } = m.ctx;
  const label = `${t.msg.figureLabel} ${n}.`;
  const alt = c.alt;
  return `<figure id="figure-${esc(id)}"><div class="chart" id="chart-${esc(id)}" data-chart="${esc(id)}" role="img" aria-label="${esc(alt)}"><noscript><img src="charts/${esc(id)}.png" alt="${esc(alt)}" width="100%"></noscript></div><figcaption><strong>${esc(label)}</strong> ${esc(caption ?? c.title)}. <span class="finding">${esc(alt)}</span></figcaption></figure>`;
}

/** The next table's label, "Tabel 3." / "Table 3.". */
export function tableLabel(m: PageModel): string {
  return `${m.ctx.t.msg.tableLabel} ${++m.counters.table}.`;
}

export function para(text: string, className?: string): string {
  return `<p${className ? ` class="${esc(className)}"` : ''}>${esc(text)}</p>`;
}
