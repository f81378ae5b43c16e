/**
 * Subgroup forest: the difference within each level of each subgroup variable, with the
 * interaction p in the panel header. Level sizes are suppressed per arm over a variable's levels
 * (formatCountGroup: "<5" and the next smallest "–", as they add up to the arm's n), and a level
 * with fewer than 5 people in either arm has no estimate or CI drawn (they would describe a
 * handful of people).
 */
import type { ChartBuilder } from './types.ts';
import { base, colours, CHART_WIDTH } from './theme.ts';
import { outcomeLabel } from './context.ts';
import { r6, vl } from './spec.ts';
import { formatCountGroup } from '../privacy.ts';
import { SMALL_COUNT } from '../i18n/format.ts';

export const subgroupChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const groups = results.subgroups.filter((s) => s.levels.some((l) => l.difference));
  if (groups.length === 0) return null;
  const data: Array<Record<string, string | number>> = [];
  groups.forEach((g, gi) => {
    const header = `${t.label('variables', g.variable)} (${g.interactionP === null ? '–' : t.msg.interactionP(t.fmt.p(g.interactionP))})`;
    const arms = [ctx.intervention.label, ctx.control.label];
    const shown = new Map(arms.map((a) => [a, formatCountGroup(g.levels.map((l) => l.n[a] ?? 0), t.fmt.int)]));
    g.levels.forEach((l, li) => {
      const n = arms.map((a) => `${a} ${shown.get(a)![li]}`).join(', ');
      const row = { group: header, groupOrder: gi, order: li, level: `${t.label('levels', l.level)} (${n})` };
      const small = arms.some((a) => (l.n[a] ?? 0) < SMALL_COUNT);
      if (!l.difference || small) data.push(row);
      else data.push({ ...row, estimate: r6(l.difference.estimate), lower: r6(l.difference.lower), upper: r6(l.difference.upper) });
    });
  });
  const first = groups[0];
  const outcome = results.outcomes.find((o) => o.id === first.outcomeId);
  const title = `${t.msg.subgroupTitle}: ${outcome ? outcomeLabel(ctx, outcome) : first.outcomeId} — ${t.label('visits', first.visit)}`;
  const x = { type: 'quantitative', title: `${t.msg.subgroupAxis} (${t.fmt.ciLabel(results.confLevel)})` };
  return {
    id: 'subgroups',
    title,
    spec: vl({
      ...base(ctx, title),
      data: { values: data },
      facet: { row: { field: 'group', type: 'nominal', title: null, sort: { field: 'groupOrder' }, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelLimit: 400 } } },
      spacing: 8,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: CHART_WIDTH - 260,
        height: { step: 22 },
        encoding: { y: { field: 'level', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelLimit: 420 } } },
        layer: [
          { mark: { type: 'rule', color: colours.reference, strokeDash: [4, 3] }, encoding: { x: { datum: 0, ...x } } },
          { mark: { type: 'rule', strokeWidth: 2, color: colours.intervention }, encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
          { mark: { type: 'point', shape: 'square', filled: true, size: 50, color: colours.intervention, opacity: 1 }, encoding: { x: { field: 'estimate', ...x } } },
        ],
      },
    }),
  };
};
