/**
 * Break-even: the total net result over the horizon as a function of the net effect rate (all
 * effects scaled together — the business case is linear in them), with the rate at which it is
 * 0, the rate the scenario uses and, when it comes from the trial, that rate's 95 % CI shaded.
 * Two points fix the line: the base case and the break-even rate, both from economics.json.
 */
import type { ChartBuilder } from './types.ts';
import { base, chartWidth, colours } from './theme.ts';
import { r6, vl } from './spec.ts';
import { effectRateHidden } from './economics-facts.ts';
import { ticksThrough } from './marks.ts';

export const breakEvenChart: ChartBuilder = (ctx) => {
  const e = ctx.economics;
  if (!e) return null;
  const { t } = ctx;
  const be = e.businessCase.breakEvenEffectRates;
  const effect = e.scenario.effects[0];
  if (!be || !effect || be[effect.id] === undefined) return null;
  const rBe = be[effect.id];
  const rBase = effect.rate;
  if (!(Math.abs(rBase - rBe) > 1e-12)) return null;
  const total = e.businessCase.totalNet;
  const slope = total / (rBase - rBe);
  const net = (r: number) => slope * (r - rBe);
  const linked = e.link?.linked.find((l) => l.effect === effect.id) ?? null;
  // A trial rate from a suppressed responder result is not drawn (it would give the small count back).
  if (linked && effectRateHidden(ctx, linked.metric)) return null;
  const hi = Math.min(1, Math.max(rBase, rBe, linked?.upper ?? 0) * 1.25 + 0.02);
  const lo = Math.max(-1, Math.min(0, linked?.lower ?? 0));
  const line = [lo, hi].map((r) => ({ rate: r6(r), net: r6(net(r) / 1e6) }));
  const name = effect.name[t.lang].toLowerCase();
  const ticks = ticksThrough(lo, hi, 0, ctx.layout === 'narrow' ? 4 : 8).filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);
  const x = { type: 'quantitative', title: t.msg.breakEvenAxisX(name), scale: { domain: [r6(lo), r6(hi)], nice: false }, axis: { format: '.0%', values: ticks } };
  const y = { type: 'quantitative', title: t.msg.cashFlowAxisYTotal, axis: { format: ',.1f' } };
  const layers: Array<Record<string, unknown>> = [];
  if (linked) layers.push({ data: { values: [{ from: r6(linked.lower), to: r6(linked.upper) }] }, mark: { type: 'rect', color: '#dfe9f1' }, encoding: { x: { field: 'from', ...x }, x2: { field: 'to' } } });
  layers.push(
    { mark: { type: 'rule', color: colours.reference }, encoding: { y: { datum: 0, ...y } } },
    { data: { values: line }, mark: { type: 'line', color: colours.intervention, strokeWidth: 2.2 }, encoding: { x: { field: 'rate', ...x }, y: { field: 'net', ...y } } },
    {
      data: { values: [{ rate: r6(rBe), net: 0, label: t.msg.breakEvenPoint(t.fmt.pct(rBe, 1)) }, { rate: r6(rBase), net: r6(total / 1e6), label: t.msg.breakEvenBase(t.fmt.pct(rBase, 1)) }] },
      layer: [
        { mark: { type: 'point', filled: true, size: 70, color: colours.ink, opacity: 1 }, encoding: { x: { field: 'rate', ...x }, y: { field: 'net', ...y } } },
        { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 10 }, encoding: { x: { field: 'rate', ...x }, y: { field: 'net', ...y }, text: { field: 'label', type: 'nominal' } } },
      ],
    },
  );
  const alt = t.msg.breakEvenAlt(name, t.fmt.pct(rBe, 2), t.fmt.pct(rBase, 1), t.fmt.millions(total), linked ? t.fmt.range(linked.lower * 100, linked.upper * 100, 1) : null, linked !== null && linked.lower > rBe);
  const title = t.msg.breakEvenTitle;
  return {
    id: 'economics-break-even',
    title,
    alt,
    spec: vl({
      ...base(ctx, title, linked ? t.msg.breakEvenSubtitleTrial(t.fmt.ciLabel(ctx.results.confLevel)) : t.msg.breakEvenSubtitle),
      width: chartWidth(ctx) - 110,
      height: ctx.layout === 'narrow' ? 180 : 220,
      layer: layers,
    }),
  };
};
