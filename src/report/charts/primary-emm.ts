/** The primary outcome: adjusted mean per arm (a binary, count or time-to-event row: its own figure, arm-figures.ts) with its CI; the difference, d and p in the subtitle. */
import type { ChartBuilder } from './types.ts';
import { armScale, base, chartWidth } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { effectWords } from './effect-words.ts';
import { armFigures } from './arm-figures.ts';
import { r6, vl } from './spec.ts';
import { keyOf } from '../disclosure/model.ts';
import { own } from '../i18n/own.ts';

export const primaryEmmChart: ChartBuilder = (ctx) => {
  const o = ctx.primary;
  if (!o || o.status !== 'estimated' || !o.difference) return null;
  const { t } = ctx;
  const conf = ctx.results.confLevel;
  const pair = [ctx.control.label, ctx.intervention.label];
  const arms = ctx.arms.filter((a) => pair.includes(a.label) && own(o.emm, a.label));
  // A binary, count or time-to-event row's figures per arm in their own words and numbers (a proportion in percent); else adjusted means.
  const fig = armFigures(ctx, o);
  const scale = fig?.scale ?? 1;
  const armValue = (x: number) => (fig ? fig.value(x) : t.fmt.num(x, 1));
  const armRange = (lo: number, hi: number) => (fig ? fig.range(lo, hi) : t.fmt.range(lo, hi, 1));
  const data = arms.map((a) => {
    const e = o.emm[a.label];
    const n = ctx.count(keyOf('analysed', o.id, o.visit, o.estimator, o.population, a.label), o.n.analysed[a.label] ?? Number.NaN);
    return { arm: a.label, armOrder: ctx.arms.indexOf(a), estimate: r6(e.estimate * scale), lower: r6(e.lower * scale), upper: r6(e.upper * scale), label: armValue(e.estimate), n };
  });
  const d = o.difference;
  const unit = ctx.names.declaredUnit(o);
  // The effect in the row's measure ("Difference 5.1", "Rate ratio 0.74"; effect-words.ts).
  const w = effectWords(ctx, o);
  const effect = `${w.value(d.estimate)}${w.chartUnit ? ` ${w.chartUnit}` : ''} (${w.ci(d.lower, d.upper)})`;
  const subtitle = `${w.title} ${effect}; ${t.fmt.p(d.p)}${o.cohensD ? `; ${t.msg.cohensD} ${t.fmt.num(o.cohensD.estimate, 2)}` : ''}`;
  const title = `${outcomeLabel(ctx, o)} — ${ctx.names.visit(o.visit)}`;
  // Sorted by a number, never by a list of labels: Vega compiles such a list into an expression, which breaks on labels like "constructor".
  const y = { field: 'arm', type: 'nominal', title: null, sort: { field: 'armOrder' }, axis: { labelFontWeight: 'bold', labelFontSize: 12 } };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx, pair), legend: null };
  const figTitle = fig && `${fig.name.charAt(0).toUpperCase()}${fig.name.slice(1)}${fig.scale === 100 ? ', %' : ''}`;
  const x = { type: 'quantitative', title: `${figTitle ?? (unit ? t.msg.adjustedMeanIn(unit) : t.msg.adjustedMean)} (${t.fmt.ciLabel(conf)})`, scale: { zero: false }, axis: { tickMinStep: 1 } };
  const alt = t.msg.primaryAlt(
    outcomeLabel(ctx, o),
    ctx.names.visit(o.visit),
    arms.map((a) => `${a.label} ${armValue(o.emm[a.label].estimate)} (${armRange(o.emm[a.label].lower, o.emm[a.label].upper)})`).join(', '),
    `${(o.measure ?? 'mean-difference') === 'mean-difference' ? t.msg.difference.toLowerCase() : w.noun} ${effect}`,
    fig?.name ?? null,
  );
  return {
    id: 'primary-outcome',
    title,
    alt,
    spec: vl({
      ...base(ctx, title, subtitle),
      width: chartWidth(ctx) - 90,
      height: { step: 46 },
      data: { values: data },
      encoding: { y },
      layer: [
        { mark: { type: 'rule', strokeWidth: 3 }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' }, color: colour } },
        { mark: { type: 'point', filled: true, size: 140, opacity: 1 }, encoding: { x: { field: 'estimate', ...x }, color: colour } },
        { mark: { type: 'text', dy: -14, fontSize: 11 }, encoding: { x: { field: 'estimate', ...x }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};
