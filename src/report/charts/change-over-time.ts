/**
 * Like with like over time: the adjusted mean per arm (a binary or count outcome: its own figure, change-figures.ts) (every arm of a k-arm trial) with its CI at every follow-up visit, from
 * each outcome's primary estimator (same population as its main row), one small panel per
 * outcome. Baseline is not a point here: the models adjust for it, so an observed baseline mean
 * beside adjusted follow-up means would compare different things (baseline means: Table 1).
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import type { ArmInfo, ChartBuilder, ChartContext, Comparison } from './types.ts';
import { armScale, base, chartWidth } from './theme.ts';
import { inComparison, outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { MULTILINE_LABELS, wrap } from './marks.ts';
import { own } from '../i18n/own.ts';
import { VISIT_LABEL_SIZE, visitAxisLayout } from './visit-axis.ts';
import { changeFigures } from './change-figures.ts';

/** One visit of an outcome's estimator and population, with each arm's own adjusted mean there. */
type VisitMeans = { visit: string; emm: Map<string, Emm | undefined> };
type Emm = OutcomeResult['emm'][string];

/**
 * Every arm's trajectory for one outcome (same estimator and population as its main row), visit
 * by visit in results order. An arm's mean at a visit is its own estimate, taken from the first
 * comparison (results.comparisons order) whose row there has the arm: with k arms, SAU and IPS
 * come from IPS vs SAU and IPSE from IPSE vs SAU, never a row of one pair filed under another.
 * A two-arm trial has one comparison, so this is its rows as they are.
 */
export function armTrajectories(ctx: ChartContext, main: OutcomeResult, keep: (o: OutcomeResult) => boolean): VisitMeans[] {
  const rank = (o: OutcomeResult) => ctx.comparisons.findIndex((c, i) => inComparison(o, c, i === 0));
  const rows = ctx.results.outcomes
    .filter((o) => o.id === main.id && o.estimator === main.estimator && o.population === main.population && keep(o) && rank(o) >= 0)
    .map((o, i) => ({ o, i, r: rank(o) }))
    .sort((a, b) => a.r - b.r || a.i - b.i);
  const visits = [...new Set(rows.map((x) => x.o.visit))];
  return visits.map((visit) => {
    const there = rows.filter((x) => x.o.visit === visit).map((x) => x.o);
    return { visit, emm: new Map(trajectoryArms(ctx).map((a) => [a.label, there.map((o) => own(o.emm, a.label)).find((e) => e !== undefined)])) };
  });
}

/** Which comparison each arm's trajectory comes from (armTrajectories): per comparison, the arms it is the first to include. */
export function armSources(ctx: ChartContext): Array<[Comparison, ArmInfo[]]> {
  const first = (a: ArmInfo) => ctx.comparisons.find((c) => c.control.label === a.label || c.intervention.label === a.label);
  return ctx.comparisons.map((c): [Comparison, ArmInfo[]] => [c, trajectoryArms(ctx).filter((a) => first(a) === c)]).filter(([, arms]) => arms.length > 0);
}

/** The arms in some comparison, in results order (a two-arm trial: its pair). */
function trajectoryArms(ctx: ChartContext): ArmInfo[] {
  return ctx.arms.filter((a) => ctx.comparisons.some((c) => c.control.label === a.label || c.intervention.label === a.label));
}

/** An outcome's estimated visits in the chart (its main row's estimator and population). */
function estimatedVisits(ctx: ChartContext, main: OutcomeResult): VisitMeans[] {
  return armTrajectories(ctx, main, (o) => o.status === 'estimated');
}

/**
 * The main rows left out of the chart, one per outcome: fewer than two estimated visits, so no
 * trajectory (a time-to-event outcome at "follow-up to 130 weeks", weeks worked at week 130).
 * In a panel of its own it would put its one visit label on the shared x axis beside the others'.
 */
export function singleVisitOutcomes(ctx: ChartContext): OutcomeResult[] {
  const seen = new Set<string>();
  return ctx.mainRows.filter((main) => {
    if (seen.has(main.id) || estimatedVisits(ctx, main).length >= 2) return false;
    seen.add(main.id);
    return true;
  });
}

/** The main rows the chart draws, one panel per outcome: every main row but the single-visit ones. */
export function changePanelRows(ctx: ChartContext): OutcomeResult[] {
  const leftOut = new Set(singleVisitOutcomes(ctx).map((o) => o.id));
  return ctx.mainRows.filter((main) => !leftOut.has(main.id));
}

export const changeOverTimeChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const conf = results.confLevel;
  const arms = trajectoryArms(ctx);
  const shown = arms.map((a) => a.label);
  const narrow = ctx.layout === 'narrow';
  const leftOut = new Set(singleVisitOutcomes(ctx).map((o) => o.id));
  const panels = ctx.mainRows.flatMap((main, order) => (leftOut.has(main.id) ? [] : [{ main, order, means: estimatedVisits(ctx, main) }]));
  // What each panel plots: adjusted means, proportions in percent, rates (change-figures.ts).
  const figs = changeFigures(ctx, panels.map((p) => p.main));
  const visits = new Set(panels.flatMap((p) => p.means.map((m) => m.visit)));
  if (visits.size < 2) return null;
  // The panels share one x scale, so every panel's bands hold every visit's label.
  const visitIds = [...visits].sort((a, b) => results.visits.indexOf(a) - results.visits.indexOf(b));
  const spacing = narrow ? 14 : 18;
  const layout = visitAxisLayout({ visitNames: visitIds.map((v) => ctx.names.visit(v)), arms: arms.length, defaultWidth: narrow ? 110 : 118, defaultColumns: narrow ? 2 : 4, chartWidth: chartWidth(ctx), spacing, wrapAt: 12 });
  const label = new Map(visitIds.map((v, i) => [v, layout.labels[i]]));
  const data: Array<Record<string, string | number>> = [];
  for (const { main, order, means } of panels) {
    const note = figs.panelNote(main);
    const panel = [outcomeLabel(ctx, main), ...(note ? [note] : [])].map((x) => wrap(x, narrow ? 22 : 20)).join('\n');
    const at = (x: number) => r6(figs.plotted(main, x));
    for (const { visit, emm } of means) {
      for (const a of arms) {
        const e = emm.get(a.label);
        if (!e) continue;
        data.push({ panel, order, visit: label.get(visit) ?? visit, visitOrder: results.visits.indexOf(visit), arm: a.label, armOrder: ctx.arms.indexOf(a), estimate: at(e.estimate), lower: at(e.lower), upper: at(e.upper) });
      }
    }
  }
  if (data.length === 0) return null;
  const slanted = layout.labelAngle !== 0 ? { labelAlign: 'right', labelBaseline: 'top' } : {};
  const x = { field: 'visit', type: 'ordinal', title: null, sort: { field: 'visitOrder' }, axis: { labelAngle: layout.labelAngle, labelExpr: MULTILINE_LABELS, labelFontSize: VISIT_LABEL_SIZE, ...slanted } };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx, shown), title: null };
  const y = { type: 'quantitative', scale: { zero: false }, title: null };
  const primary = ctx.primary;
  const alt = figs.alt(
    [...visits].map((v) => ctx.names.visit(v)).join(', '),
    primary && !leftOut.has(primary.id)
      ? `${outcomeLabel(ctx, primary)}: ${
          armTrajectories(ctx, primary, (o) => Boolean(o.difference))
            .map(({ visit, emm }) => `${ctx.names.visit(visit)} ${arms.map((a) => `${a.label} ${figs.value(primary, emm.get(a.label)?.estimate ?? NaN)}`).join(', ')}`)
            .join('; ')}.`
      : '',
  );
  const title = figs.title;
  return {
    id: 'change-over-time',
    title,
    alt,
    spec: vl({
      ...base(ctx, title, `${figs.axis}; ${t.fmt.ciLabel(conf)}`),
      data: { values: data },
      facet: { field: 'panel', type: 'nominal', title: null, sort: { field: 'order' }, header: { labelFontSize: narrow ? 10 : 11, labelLimit: 200, labelExpr: MULTILINE_LABELS } },
      columns: layout.columns,
      spacing: { row: 14, column: spacing },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: layout.width,
        height: narrow ? 110 : 120,
        encoding: { x, xOffset: { field: 'arm', type: 'nominal', sort: { field: 'armOrder' }, scale: { paddingOuter: 0.6 } }, color: colour },
        layer: [
          { mark: { type: 'rule', strokeWidth: 1.6 }, encoding: { y: { field: 'lower', ...y }, y2: { field: 'upper' } } },
          { mark: { type: 'point', filled: true, size: 40, opacity: 1 }, encoding: { y: { field: 'estimate', ...y } } },
        ],
      },
    }),
  };
};
