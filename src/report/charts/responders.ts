/** Responder rates per arm with Wilson CIs, one row per outcome that defines a responder. */
import type { ChartBuilder } from './types.ts';
import { armScale, base, CHART_WIDTH } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { responderRateText, responderSuppressed } from './responder-text.ts';

export const respondersChart: ChartBuilder = (ctx) => {
  const { t } = ctx;
  const rows = ctx.mainRows.filter((o) => o.responder);
  if (rows.length === 0) return null;
  const data: Array<Record<string, string | number>> = [];
  rows.forEach((o, order) => {
    for (const a of [ctx.control, ctx.intervention]) {
      const r = o.responder!.rate[a.label];
      if (!r) continue;
      // An arm with 1–4 responders or non-responders: its rate and CI would give the count back, so only the "<5" label is kept.
      if (responderSuppressed(r)) data.push({ outcome: outcomeLabel(ctx, o), order, arm: a.label, armOrder: a.role === 'control' ? 0 : 1, at: 0, label: responderRateText(ctx, a.label, r) });
      else data.push({ outcome: outcomeLabel(ctx, o), order, arm: a.label, armOrder: a.role === 'control' ? 0 : 1, rate: r6(r.estimate), lower: r6(r.lower), upper: r6(r.upper), at: r6(r.upper), label: responderRateText(ctx, a.label, r) });
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
        yOffset: { field: 'arm', type: 'nominal', sort: { field: 'armOrder' } },
        color: colour,
      },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
        { mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { x: { field: 'rate', ...x } } },
        { mark: { type: 'text', align: 'left', dx: 8, fontSize: 10 }, encoding: { x: { field: 'at', ...x }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};
