/**
 * Every estimator row of the primary outcome at its primary visit — whatever estimators
 * results.json holds (ANCOVA, complete case, per protocol, Welch, MMRM, MI …), labelled by id
 * through the catalogue, so new estimators appear without a code change. A row whose estimate,
 * interval and numbers analysed equal the primary row's (complete cases when no baseline value is
 * missing) is not drawn again: the text says it is identical.
 */
import type { ChartBuilder, ChartContext } from './types.ts';
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { base, chartWidth, colours } from './theme.ts';
import { differenceTitle, outcomeLabel, rowsAt } from './context.ts';
import { effectWords } from './effect-words.ts';
import { rowMeasureNumbers } from '../../analysis/text/sentences.ts';
import { r6, vl } from './spec.ts';
import { domainThrough, MULTILINE_LABELS, noEffectLayers, wrap } from './marks.ts';

/** Row label: the estimator, plus the population when it is not the main row's. */
export function estimatorLabel(ctx: ChartContext, o: OutcomeResult, main: OutcomeResult): string {
  const e = `${ctx.t.label('estimators', o.estimator)}${o.isPrimaryEstimator ? ` (${ctx.t.msg.primaryShort})` : ''}`;
  // The per-protocol estimator already says its population.
  return o.population === main.population || o.estimator === o.population ? e : `${e} (${ctx.names.population(o.population)})`;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Whether a sensitivity row repeats the primary row exactly (estimate, CI and n analysed per arm). */
export function identicalToPrimary(o: OutcomeResult, main: OutcomeResult): boolean {
  if (o === main || !o.difference || !main.difference) return false;
  const d = o.difference;
  const m = main.difference;
  const arms = new Set([...Object.keys(o.n.analysed), ...Object.keys(main.n.analysed)]);
  return same(d.estimate, m.estimate) && same(d.lower, m.lower) && same(d.upper, m.upper) && [...arms].every((a) => o.n.analysed[a] === main.n.analysed[a]);
}

/** The primary outcome's rows at its primary visit: those shown, and those left out as identical to the primary. */
export function sensitivityRows(ctx: ChartContext): { main: OutcomeResult; shown: OutcomeResult[]; identical: OutcomeResult[] } | null {
  const main = ctx.primary;
  if (!main) return null;
  const all = rowsAt(ctx.results, main.id, main.visit).filter((o) => (o as { comparison?: string }).comparison === (main as { comparison?: string }).comparison);
  return { main, shown: all.filter((o) => !identicalToPrimary(o, main)), identical: all.filter((o) => identicalToPrimary(o, main)) };
}

/**
 * The measure a sensitivity row is written in, as an axis or a table cell heads it: the measure's
 * title with a share's "percentage points" or a restricted mean's time unit.
 */
export function sensitivityMeasureTitle(ctx: ChartContext, row: OutcomeResult): string {
  const w = effectWords(ctx, row);
  return `${differenceTitle(ctx, row)}${w.share || (row.measure === 'rmst-difference' && w.unit) ? `, ${w.unit}` : ''}`;
}

/**
 * The shown rows grouped by measure, the primary row's measure first. Rows of another measure (a
 * Cox trial's RMST difference, in years, no effect at 0) must not share the hazard ratio's axis
 * (no effect at 1): survival::colon's RMST difference −0.04 years had been drawn at 0.04 on the
 * hazard-ratio axis, as if the hazard were cut by 96 %. Each group is drawn in its own panel.
 */
export function measureGroups(main: OutcomeResult, rows: readonly OutcomeResult[]): OutcomeResult[][] {
  const measures = [...new Set([main.measure ?? 'mean-difference', ...rows.map((o) => o.measure ?? 'mean-difference')])];
  return measures.map((m) => rows.filter((o) => (o.measure ?? 'mean-difference') === m)).filter((g) => g.length > 0);
}

export const sensitivityChart: ChartBuilder = (ctx) => {
  const s = sensitivityRows(ctx);
  if (!s) return null;
  const { main } = s;
  const { t } = ctx;
  const rows = s.shown.filter((o) => o.status === 'estimated' && o.difference);
  if (rows.length === 0) return null;
  const narrow = ctx.layout === 'narrow';
  const title = `${t.msg.sensitivityTitle}: ${outcomeLabel(ctx, main)} — ${ctx.names.visit(main.visit)}`;
  const width = narrow ? chartWidth(ctx) - 140 : chartWidth(ctx) - 340;
  const height = { step: narrow ? 32 : 26 };
  // One panel per measure, each on its own axis with its own no-effect line; the primary row's
  // measure first. In the primary row's own measure: a ratio against 1 (intervention / control), a
  // share in percentage points; a difference of means as before (to 1 decimal). Every measure had
  // been drawn and written as a difference against 0 ("forskel … 0,7 (0,5 til 1,0)" for a rate ratio).
  const panels = measureGroups(main, rows).map((group) => {
    const w = effectWords(ctx, group[0]);
    const { scale, digits } = rowMeasureNumbers(group[0]);
    const places = digits ?? 1;
    const data = group.map((o, order) => {
      const d = o.difference!;
      return { order, estimator: wrap(estimatorLabel(ctx, o, main), narrow ? 18 : 28), primary: o.isPrimaryEstimator, estimate: r6(d.estimate * scale), lower: r6(d.lower * scale), upper: r6(d.upper * scale), label: `${t.fmt.num(d.estimate * scale, places)} (${t.fmt.range(d.lower * scale, d.upper * scale, places)})` };
    });
    const { domain, ticks } = domainThrough(data.flatMap((r) => [r.lower, r.upper]), w.none);
    const axisTitle = group[0] === main || (group[0].measure ?? 'mean-difference') === (main.measure ?? 'mean-difference') ? `${differenceTitle(ctx, main)}${w.share ? `, ${w.unit}` : ''}` : sensitivityMeasureTitle(ctx, group[0]);
    const x = { type: 'quantitative', scale: { domain, nice: false }, axis: { values: ticks }, title: `${axisTitle} (${ctx.intervention.label} ${w.ratio ? '/' : '−'} ${ctx.control.label}; ${t.fmt.ciLabel(ctx.results.confLevel)})` };
    const y = { field: 'estimator', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelExpr: MULTILINE_LABELS } };
    const colour = { field: 'primary', type: 'nominal', scale: { domain: [true, false], range: [colours.intervention, colours.neutral] }, legend: null };
    const layers: Array<Record<string, unknown>> = [
      ...noEffectLayers(x, t.msg.noEffect, w.none),
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' }, color: colour } },
      { mark: { type: 'point', filled: true, size: 60, opacity: 1, shape: 'square' }, encoding: { y, x: { field: 'estimate', ...x }, color: colour } },
    ];
    if (!narrow) layers.push({ mark: { type: 'text', align: 'left', dx: 8, fontSize: 10, color: '#444444' }, encoding: { y, x: { datum: domain[1], ...x }, text: { field: 'label', type: 'nominal' } } });
    const allSame = group.every((o) => o.difference!.lower > w.none) || group.every((o) => o.difference!.upper < w.none);
    const alt = t.msg.sensitivityAlt(outcomeLabel(ctx, main), data.map((r) => `${estimatorLabel(ctx, group[r.order], main)} ${r.label}`).join('; '), allSame, w.share || group[0].measure === 'rmst-difference' ? `${w.noun} (${w.unit})` : w.noun, String(w.none));
    return { data, layers, alt };
  });
  // One measure: one layered chart, as it always was; several: a panel each, stacked, with
  // independent x scales (no shared axis between measures).
  const spec = panels.length === 1
    ? { ...base(ctx, title), width, height, data: { values: panels[0].data }, layer: panels[0].layers }
    : { ...base(ctx, title), vconcat: panels.map((p) => ({ width, height, data: { values: p.data }, layer: p.layers })), resolve: { scale: { x: 'independent', y: 'independent' } }, spacing: 18 };
  return {
    id: 'sensitivity',
    title,
    alt: panels.map((p) => p.alt).join(' '),
    spec: vl(spec),
  };
};
