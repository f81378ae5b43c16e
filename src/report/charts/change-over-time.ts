/**
 * Mean per arm per visit with CI, one small panel per outcome: the observed baseline mean
 * (from Table 1: mean ± t·SD/√n) and the adjusted means at each follow-up from the primary
 * estimator (same population as the outcome's main row).
 */
import { studentT } from '../../stats/dist/continuous.ts';
import type { ChartBuilder } from './types.ts';
import { armScale, base } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';

export const changeOverTimeChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const conf = results.confLevel;
  const arms = [ctx.control, ctx.intervention];
  const data: Array<Record<string, string | number>> = [];
  ctx.mainRows.forEach((main, order) => {
    const panel = outcomeLabel(ctx, main);
    const bl = results.baseline.find((b) => b.variable === main.id && b.kind === 'mean-sd');
    if (bl) {
      for (const a of arms) {
        const c = bl.byArm[a.label];
        if (!c || c.n < 2) continue;
        const [m, sd] = c.values;
        const half = studentT.quantile(1 - (1 - conf) / 2, c.n - 1) * (sd / Math.sqrt(c.n));
        data.push({ panel, order, visit: t.label('visits', results.visits[0] ?? 'baseline'), visitOrder: 0, arm: a.label, armOrder: a.role === 'control' ? 0 : 1, estimate: r6(m), lower: r6(m - half), upper: r6(m + half) });
      }
    }
    for (const o of results.outcomes) {
      if (o.id !== main.id || o.estimator !== main.estimator || o.population !== main.population || o.status !== 'estimated') continue;
      for (const a of arms) {
        const e = o.emm[a.label];
        if (!e) continue;
        data.push({ panel, order, visit: t.label('visits', o.visit), visitOrder: Math.max(1, results.visits.indexOf(o.visit)), arm: a.label, armOrder: a.role === 'control' ? 0 : 1, estimate: r6(e.estimate), lower: r6(e.lower), upper: r6(e.upper) });
      }
    }
  });
  if (data.length === 0) return null;
  const visitSort = { field: 'visitOrder' };
  const x = { field: 'visit', type: 'ordinal', title: null, sort: visitSort, axis: { labelAngle: -30, labelAlign: 'right', labelLimit: 260, labelFontSize: 10 } };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx), title: null };
  const y = { type: 'quantitative', scale: { zero: false }, title: null };
  return {
    id: 'change-over-time',
    title: t.msg.changeTitle,
    spec: vl({
      ...base(ctx, t.msg.changeTitle, `${t.msg.changeAxisY}; ${t.fmt.ciLabel(conf)}`),
      data: { values: data },
      facet: { field: 'panel', type: 'nominal', title: null, sort: { field: 'order' }, header: { labelFontSize: 11, labelLimit: 400 } },
      columns: 4,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: 135,
        height: 130,
        encoding: { x, xOffset: { field: 'arm', type: 'nominal', sort: { field: 'armOrder' }, scale: { paddingOuter: 0.6 } }, color: colour },
        layer: [
          { mark: { type: 'rule', strokeWidth: 1.6 }, encoding: { y: { field: 'lower', ...y }, y2: { field: 'upper' } } },
          { mark: { type: 'point', filled: true, size: 40, opacity: 1 }, encoding: { y: { field: 'estimate', ...y } } },
        ],
      },
    }),
  };
};
