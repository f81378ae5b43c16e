/**
 * Every estimator row of the primary outcome at its primary visit — whatever estimators
 * results.json holds (ANCOVA, complete case, per protocol, Welch, MMRM, MI …), labelled by id
 * through the catalogue, so new estimators appear without a code change.
 */
import type { ChartBuilder, ChartContext } from './types.ts';
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { base, colours, CHART_WIDTH } from './theme.ts';
import { outcomeLabel, rowsAt } from './context.ts';
import { r6, vl } from './spec.ts';

/** Row label: the estimator, plus the population when it is not the main row's. */
export function estimatorLabel(ctx: ChartContext, o: OutcomeResult, main: OutcomeResult): string {
  const e = ctx.t.label('estimators', o.estimator);
  // The per-protocol estimator already says its population.
  return o.population === main.population || o.estimator === o.population ? e : `${e} (${ctx.t.label('populations', o.population)})`;
}

export const sensitivityChart: ChartBuilder = (ctx) => {
  const main = ctx.primary;
  if (!main) return null;
  const { t } = ctx;
  const rows = rowsAt(ctx.results, main.id, main.visit).filter((o) => o.status === 'estimated' && o.difference);
  if (rows.length === 0) return null;
  const data = rows.map((o, order) => {
    const d = o.difference!;
    return { order, estimator: estimatorLabel(ctx, o, main), primary: o.isPrimaryEstimator, estimate: r6(d.estimate), lower: r6(d.lower), upper: r6(d.upper), label: `${t.fmt.num(d.estimate, 1)} (${t.fmt.range(d.lower, d.upper, 1)})` };
  });
  const title = `${t.msg.sensitivityTitle}: ${outcomeLabel(ctx, main)} — ${t.label('visits', main.visit)}`;
  const x = { type: 'quantitative', title: `${t.msg.difference} (${ctx.intervention.label} − ${ctx.control.label}; ${t.fmt.ciLabel(ctx.results.confLevel)})` };
  const colour = { field: 'primary', type: 'nominal', scale: { domain: [true, false], range: [colours.intervention, colours.neutral] }, legend: null };
  return {
    id: 'sensitivity',
    title,
    spec: vl({
      ...base(ctx, title),
      width: CHART_WIDTH - 240,
      height: { step: 30 },
      data: { values: data },
      encoding: { y: { field: 'estimator', type: 'nominal', title: null, sort: { field: 'order' } } },
      layer: [
        { mark: { type: 'rule', color: colours.reference, strokeDash: [4, 3] }, encoding: { x: { datum: 0, ...x } } },
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' }, color: colour } },
        { mark: { type: 'point', filled: true, size: 60, opacity: 1, shape: 'square' }, encoding: { x: { field: 'estimate', ...x }, color: colour } },
        { mark: { type: 'text', align: 'left', dx: 8, fontSize: 10, color: '#444444' }, encoding: { x: { field: 'upper', ...x }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};
