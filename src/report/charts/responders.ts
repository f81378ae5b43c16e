/** Responder rates per arm with Wilson CIs, one row per outcome that defines a responder. */
import type { ChartBuilder } from './types.ts';
import { armScale, base, CHART_WIDTH } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';

export const respondersChart: ChartBuilder = (ctx) => {
  const { t } = ctx;
  const rows = ctx.mainRows.filter((o) => o.responder);
  if (rows.length === 0) return null;
  const data: Array<Record<string, string | number>> = [];
  rows.forEach((o, order) => {
    for (const a of [ctx.control, ctx.intervention]) {
      const r = o.responder!.rate[a.label];
      if (!r) continue;
      // The rate is shown; the raw count only when it passes the "<5" rule.
      data.push({ outcome: outcomeLabel(ctx, o), order, arm: a.label, rate: r6(r.estimate), lower: r6(r.lower), upper: r6(r.upper), label: `${t.fmt.pct(r.estimate)} (${t.fmt.count(r.events)}/${t.fmt.count(r.n)})` });
    }
  });
  const x = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: `${t.msg.responderRate} (${t.fmt.ciLabel(ctx.results.confLevel)})` };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx), title: null };
  return {
    id: 'responders',
    title: t.msg.respondersTitle,
    spec: vl({
      ...base(ctx, t.msg.respondersTitle),
      width: CHART_WIDTH - 200,
      height: { step: 40 },
      data: { values: data },
      encoding: {
        y: { field: 'outcome', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelLimit: 420 } },
        yOffset: { field: 'arm', type: 'nominal', sort: armScale(ctx).domain },
        color: colour,
      },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
        { mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { x: { field: 'rate', ...x } } },
        { mark: { type: 'text', align: 'left', dx: 8, fontSize: 10 }, encoding: { x: { field: 'upper', ...x }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};
