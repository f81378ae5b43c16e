/**
 * Standardised effects (Cohen's d with CI) for every outcome, grouped by role. Each d is
 * multiplied by the outcome's benefit sign, so right of zero favours the intervention for
 * every row — also where a lower score is better — and the axis says so. The line of no effect
 * is drawn at 0 with its own tick and label.
 */
import type { OutcomeRole } from '../../analysis/results/types.ts';
import type { ChartBuilder } from './types.ts';
import { base, chartWidth, colours } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { domainThrough, MULTILINE_LABELS, noEffectLayers, wrap } from './marks.ts';

const roleOrder: readonly OutcomeRole[] = ['primary', 'secondary', 'exploratory', 'safety'];

export const forestChart: ChartBuilder = (ctx) => {
  const { t } = ctx;
  const rows = ctx.mainRows.filter((o) => o.cohensD && o.difference);
  if (rows.length === 0) return null;
  const narrow = ctx.layout === 'narrow';
  const data = rows.map((o, i) => {
    const d = o.cohensD!;
    const s = o.difference!.benefitSign;
    const [lo, hi] = s === 1 ? [d.lower, d.upper] : [-d.upper, -d.lower];
    return {
      order: i,
      role: t.msg.labels.roles[o.role],
      roleOrder: roleOrder.indexOf(o.role),
      // Wrapped, not cut: "(lower is better)" must survive the axis's label limit.
      outcome: wrap(outcomeLabel(ctx, o), narrow ? 20 : 28),
      d: r6(s * d.estimate),
      lower: r6(lo),
      upper: r6(hi),
      label: `${t.fmt.num(s * d.estimate, 2)} (${t.fmt.range(lo, hi, 2)})`,
    };
  });
  const { domain, ticks } = domainThrough(data.flatMap((r) => [r.lower, r.upper]));
  const axisTitle = narrow
    ? [t.msg.forestAxisShort, `← ${ctx.control.label} | ${ctx.intervention.label} →`, t.msg.dashedNoEffect('0')]
    : [t.msg.forestAxis(ctx.intervention.label), `← ${t.msg.favours(ctx.control.label)}  |  ${t.msg.favours(ctx.intervention.label)} →`, t.msg.dashedNoEffect('0')];
  const x = { type: 'quantitative', scale: { domain, nice: false }, axis: { values: ticks, format: '.1f' }, title: axisTitle };
  const plotWidth = narrow ? chartWidth(ctx) - 165 : chartWidth(ctx) - 380;
  // y is given per layer, not shared: the line of no effect must have none, or it shrinks to one row.
  const y = { field: 'outcome', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelExpr: MULTILINE_LABELS } };
  const layers: Array<Record<string, unknown>> = [
    ...noEffectLayers(x, null),
    { mark: { type: 'rule', strokeWidth: 2, color: colours.intervention }, encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
    { mark: { type: 'point', shape: 'square', filled: true, size: 70, color: colours.intervention, opacity: 1 }, encoding: { y, x: { field: 'd', ...x } } },
  ];
  // The numbers beside each row (the table below repeats them; a phone has no room for both).
  if (!narrow) layers.push({ mark: { type: 'text', align: 'left', dx: 8, fontSize: 10, color: '#444444' }, encoding: { y, x: { datum: domain[1], ...x }, text: { field: 'label', type: 'nominal' } } });
  const favoured = rows.filter((o) => o.cohensD && (o.difference!.benefitSign === 1 ? o.cohensD.lower > 0 : o.cohensD.upper < 0)).length;
  const alt = t.msg.forestAlt(ctx.intervention.label, data.map((r) => `${outcomeLabel(ctx, rows[r.order])} ${r.label}`).join('; '), String(favoured), String(rows.length));
  return {
    id: 'forest',
    title: t.msg.forestTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.forestTitle, `${t.msg.forestSubtitle}; ${t.fmt.ciLabel(ctx.results.confLevel)}`),
      data: { values: data },
      facet: { row: { field: 'role', type: 'nominal', title: null, sort: { field: 'roleOrder' }, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
      spacing: 8,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: plotWidth,
        height: { step: narrow || data.some((r) => r.outcome.includes('\n')) ? 30 : 24 },
        layer: layers,
      },
    }),
  };
};
