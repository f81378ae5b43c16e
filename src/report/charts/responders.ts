/** Responder rates per arm with Wilson CIs, one row per outcome that defines a responder. */
import type { ChartBuilder } from './types.ts';
import { armScale, base, chartWidth } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { wrap } from './marks.ts';
import { own } from '../i18n/own.ts';
import { anyResponderSuppressed, responderRateText, responderSuppressed } from './responder-text.ts';

export const respondersChart: ChartBuilder = (ctx) => {
  const { t } = ctx;
  const rows = ctx.mainRows.filter((o) => o.responder);
  if (rows.length === 0) return null;
  const narrow = ctx.layout === 'narrow';
  const pair = [ctx.control.label, ctx.intervention.label];
  const arms = ctx.arms.filter((a) => pair.includes(a.label));
  const data: Array<Record<string, string | number>> = [];
  rows.forEach((o, order) => {
    const outcome = wrap(outcomeLabel(ctx, o), narrow ? 18 : 28);
    for (const a of arms) {
      const r = own(o.responder!.rate, a.label);
      if (!r) continue;
      // An arm with 1–4 responders or non-responders: its rate and CI would give the count back, so only the "<5" label is kept.
      if (responderSuppressed(r)) data.push({ outcome, order, arm: a.label, armOrder: ctx.arms.indexOf(a), at: 0, label: responderRateText(ctx, o, a.label, r) });
      else data.push({ outcome, order, arm: a.label, armOrder: ctx.arms.indexOf(a), rate: r6(r.estimate), lower: r6(r.lower), upper: r6(r.upper), at: r6(r.upper), label: narrow ? t.fmt.pct(r.estimate) : responderRateText(ctx, o, a.label, r) });
    }
  });
  const x = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] }, title: `${t.msg.responderRate} (${t.fmt.ciLabel(ctx.results.confLevel)})` };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx, pair), title: null };
  const shown = rows.filter((o) => !anyResponderSuppressed(o));
  const alt = t.msg.respondersAlt(
    shown
      .map((o) => {
        const r = o.responder!;
        const rd = r.riskDifference;
        return `${outcomeLabel(ctx, o)}: ${arms.map((a) => `${a.label} ${t.fmt.pct(r.rate[a.label].estimate)}`).join(', ')} (${t.msg.riskDifference.toLowerCase()} ${t.fmt.num(rd.estimate * 100, 0)} ${t.msg.percentagePoints}, ${t.fmt.ci(rd.lower * 100, rd.upper * 100, 0, ctx.results.confLevel)})`;
      })
      .join('; '),
  );
  return {
    id: 'responders',
    title: t.msg.respondersTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.respondersTitle),
      width: narrow ? chartWidth(ctx) - 150 : chartWidth(ctx) - 330,
      height: { step: narrow ? 26 : 22 },
      data: { values: data },
      encoding: {
        y: { field: 'outcome', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelExpr: "split(datum.label, '\\n')" } },
        yOffset: { field: 'arm', type: 'nominal', sort: { field: 'armOrder' } },
        color: colour,
      },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
        { mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { x: { field: 'rate', ...x } } },
        { mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 }, encoding: { x: { field: 'at', ...x }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};
