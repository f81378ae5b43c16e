/**
 * Standardised effects (Cohen's d with CI) for every outcome, grouped by role. Each d is
 * multiplied by the outcome's benefit sign, so right of zero favours the intervention for
 * every row — also where a lower score is better — and the axis says so.
 */
import type { OutcomeRole } from '../../analysis/results/types.ts';
import type { ChartBuilder } from './types.ts';
import { base, colours, CHART_WIDTH } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';

const roleOrder: readonly OutcomeRole[] = ['primary', 'secondary', 'exploratory', 'safety'];

export const forestChart: ChartBuilder = (ctx) => {
  const { t } = ctx;
  const rows = ctx.mainRows.filter((o) => o.cohensD && o.difference);
  if (rows.length === 0) return null;
  const data = rows.map((o, i) => {
    const d = o.cohensD!;
    const s = o.difference!.benefitSign;
    const [lo, hi] = s === 1 ? [d.lower, d.upper] : [-d.upper, -d.lower];
    return {
      order: i,
      role: t.msg.labels.roles[o.role],
      roleOrder: roleOrder.indexOf(o.role),
      outcome: outcomeLabel(ctx, o),
      d: r6(s * d.estimate),
      lower: r6(lo),
      upper: r6(hi),
      label: `${t.fmt.num(s * d.estimate, 2)} (${t.fmt.range(lo, hi, 2)})`,
    };
  });
  const axisTitle = [t.msg.forestAxis(ctx.intervention.label), `← ${t.msg.favours(ctx.control.label)}  |  ${t.msg.favours(ctx.intervention.label)} →`];
  const x = { type: 'quantitative', scale: { domain: [-1, 1.2], nice: false, clamp: true }, title: axisTitle };
  return {
    id: 'forest',
    title: t.msg.forestTitle,
    spec: vl({
      ...base(ctx, t.msg.forestTitle, t.fmt.ciLabel(ctx.results.confLevel)),
      data: { values: data },
      facet: { row: { field: 'role', type: 'nominal', title: null, sort: { field: 'roleOrder' }, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
      spacing: 8,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: CHART_WIDTH - 220,
        height: { step: 24 },
        encoding: { y: { field: 'outcome', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelLimit: 420 } } },
        layer: [
          { mark: { type: 'rule', color: colours.reference, strokeDash: [4, 3] }, encoding: { x: { datum: 0, ...x } } },
          { mark: { type: 'rule', strokeWidth: 2, color: colours.intervention }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
          { mark: { type: 'point', shape: 'square', filled: true, size: 70, color: colours.intervention, opacity: 1 }, encoding: { x: { field: 'd', ...x } } },
          { mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: '#444444' }, encoding: { x: { datum: 1.2, ...x }, text: { field: 'label', type: 'nominal' } } },
        ],
      },
    }),
  };
};
