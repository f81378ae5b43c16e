/** The primary outcome: adjusted mean per arm with its CI; the difference, d and p in the subtitle. */
import type { ChartBuilder } from './types.ts';
import { armScale, base, CHART_WIDTH } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { formatPart } from '../privacy.ts';

/** randomised − analysed (the lost) is hidden when 1–4, so the analysed n is "–" then. */
function analysedN(randomised: number | undefined, n: number, fmt: { int(n: number): string; count(n: number): string }): string {
  return randomised === undefined ? fmt.count(n) : formatPart(n, randomised, fmt.int);
}

export const primaryEmmChart: ChartBuilder = (ctx) => {
  const o = ctx.primary;
  if (!o || o.status !== 'estimated' || !o.difference) return null;
  const { t } = ctx;
  const conf = ctx.results.confLevel;
  const data = [ctx.control, ctx.intervention]
    .filter((a) => o.emm[a.label])
    .map((a) => {
      const e = o.emm[a.label];
      return { arm: a.label, armOrder: a.role === 'control' ? 0 : 1, estimate: r6(e.estimate), lower: r6(e.lower), upper: r6(e.upper), label: t.fmt.num(e.estimate, 1), n: analysedN(ctx.results.consort[a.label]?.randomised, o.n.analysed[a.label] ?? 0, t.fmt) };
    });
  const d = o.difference;
  const subtitle = `${t.msg.difference} ${t.fmt.num(d.estimate, 1)} (${t.fmt.ci(d.lower, d.upper, 1, conf)}); ${t.fmt.p(d.p)}${o.cohensD ? `; ${t.msg.cohensD} ${t.fmt.num(o.cohensD.estimate, 2)}` : ''}`;
  const title = `${outcomeLabel(ctx, o)} — ${t.label('visits', o.visit)}`;
  // Sorted by a number, never by a list of labels: Vega compiles such a list into an expression, which breaks on labels like "constructor".
  const y = { field: 'arm', type: 'nominal', title: null, sort: { field: 'armOrder' }, axis: { labelFontWeight: 'bold', labelFontSize: 12 } };
  const colour = { field: 'arm', type: 'nominal', scale: armScale(ctx), legend: null };
  return {
    id: 'primary-outcome',
    title,
    spec: vl({
      ...base(ctx, title, subtitle),
      width: CHART_WIDTH - 80,
      height: { step: 46 },
      data: { values: data },
      encoding: { y },
      layer: [
        { mark: { type: 'rule', strokeWidth: 3 }, encoding: { x: { field: 'lower', type: 'quantitative', title: `${t.msg.adjustedMean} (${t.fmt.ciLabel(conf)})`, scale: { zero: false } }, x2: { field: 'upper' }, color: colour } },
        { mark: { type: 'point', filled: true, size: 140, opacity: 1 }, encoding: { x: { field: 'estimate', type: 'quantitative' }, color: colour } },
        { mark: { type: 'text', dy: -14, fontSize: 11 }, encoding: { x: { field: 'estimate', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};
