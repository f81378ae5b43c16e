/**
 * Like with like over time: the adjusted mean per arm with its CI at every follow-up visit, from
 * each outcome's primary estimator (same population as its main row), one small panel per
 * outcome. Baseline is not a point here: the models adjust for it, so an observed baseline mean
 * beside adjusted follow-up means would compare different things (baseline means: Table 1).
 */
import type { ChartBuilder } from './types.ts';
import { armScale, base } from './theme.ts';
import { comparisonOf, outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { MULTILINE_LABELS, wrap } from './marks.ts';
import { own } from '../i18n/own.ts';

export const changeOverTimeChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const conf = results.confLevel;
  const pair = [ctx.control.label, ctx.intervention.label];
  const arms = ctx.arms.filter((a) => pair.includes(a.label));
  const narrow = ctx.layout === 'narrow';
  const data: Array<Record<string, string | number>> = [];
  const visits = new Set<string>();
  ctx.mainRows.forEach((main, order) => {
    const panel = wrap(outcomeLabel(ctx, main), narrow ? 22 : 20);
    for (const o of results.outcomes) {
      if (o.id !== main.id || o.estimator !== main.estimator || o.population !== main.population || o.status !== 'estimated') continue;
      if (comparisonOf(o) !== comparisonOf(main)) continue;
      visits.add(o.visit);
      for (const a of arms) {
        const e = own(o.emm, a.label);
        if (!e) continue;
        data.push({ panel, order, visit: wrap(ctx.names.visit(o.visit), 12), visitOrder: results.visits.indexOf(o.visit), arm: a.label, armOrder: ctx.arms.indexOf(a), estimate: r6(e.estimate), lower: r6(e.lower), upper: r6(e.upper) });
      }
    }
  });
  if (data.length === 0 || visits.size < 2) return null;
  const x = { field: 'visit', type: 'ordinal', title: null, sort: { field: 'visitOrder' }, axis: { labelAngle: 0, labelExpr: MULTILINE_LABELS, labelFontSize: 10 } };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx, pair), title: null };
  const y = { type: 'quantitative', scale: { zero: false }, title: null };
  const primary = ctx.primary;
  const alt = t.msg.changeAlt(
    [...visits].map((v) => ctx.names.visit(v)).join(', '),
    primary
      ? `${outcomeLabel(ctx, primary)}: ${
          results.outcomes
            .filter((o) => o.id === primary.id && o.estimator === primary.estimator && o.population === primary.population && o.difference)
            .map((o) => `${ctx.names.visit(o.visit)} ${arms.map((a) => `${a.label} ${t.fmt.num(own(o.emm, a.label)?.estimate ?? NaN, 1)}`).join(', ')}`)
            .join('; ')}.`
      : '',
  );
  const title = t.msg.changeChartTitle;
  return {
    id: 'change-over-time',
    title,
    alt,
    spec: vl({
      ...base(ctx, title, `${t.msg.changeAxisY}; ${t.fmt.ciLabel(conf)}`),
      data: { values: data },
      facet: { field: 'panel', type: 'nominal', title: null, sort: { field: 'order' }, header: { labelFontSize: narrow ? 10 : 11, labelLimit: 200, labelExpr: MULTILINE_LABELS } },
      columns: narrow ? 2 : 4,
      spacing: { row: 14, column: narrow ? 14 : 18 },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: narrow ? 110 : 118,
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
