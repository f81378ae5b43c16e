/**
 * Subgroup forest: the effect within each level of each subgroup variable, with the interaction p
 * in the panel header and the line of no effect — in the outcome's measure, as the sensitivity
 * chart draws it: a difference against 0 (intervention − control), a share in percentage points, a
 * ratio against 1 (intervention / control) on the same linear axis. It had written "intervention −
 * control" and drawn the line at 0 under a "Rate ratio" title. Level sizes are printed as
 * the disclosure plan decided ("<5", or "–" where Table 1 and the analysed n would give a small
 * count back), and a level with fewer than 5 people in either arm has no estimate or CI drawn
 * (they would describe a handful of people).
 */
import type { ChartBuilder } from './types.ts';
import { base, chartWidth, colours } from './theme.ts';
import { differenceTitle, outcomeLabel } from './context.ts';
import { inShareNotation } from './effect-words.ts';
import { r6, vl } from './spec.ts';
import { measureNumbers } from '../../analysis/text/sentences.ts';
import { domainThrough, MULTILINE_LABELS, noEffectLayers, wrap } from './marks.ts';
import { keyOf } from '../disclosure/model.ts';
import { SMALL_COUNT } from '../i18n/format.ts';

export const subgroupChart: ChartBuilder = (ctx) => {
  const { t, results } = ctx;
  const groups = results.subgroups.filter((s) => s.levels.some((l) => l.difference));
  if (groups.length === 0) return null;
  const narrow = ctx.layout === 'narrow';
  // The measure the axis names: the outcome's first row's, as the subgroup section's words (sections-other.ts).
  const first = groups[0];
  const outcome = results.outcomes.find((o) => o.id === first.outcomeId);
  const { ratio, none, scale } = measureNumbers(outcome?.measure ?? 'mean-difference');
  const pair = ctx.arms.filter((a) => a.label === ctx.control.label || a.label === ctx.intervention.label).map((a) => a.label);
  const data: Array<Record<string, string | number>> = [];
  groups.forEach((g, gi) => {
    const headerText = `${ctx.names.variable(g.variable)} (${g.interactionP === null ? '–' : t.msg.interactionP(t.fmt.p(g.interactionP))})`;
    const header = wrap(headerText, narrow ? 34 : 60);
    const shown = new Map(pair.map((a) => [a, g.levels.map((l) => ctx.count(keyOf('subgroup', g.outcomeId, g.visit, g.variable, l.level, a), l.n[a] ?? Number.NaN))]));
    g.levels.forEach((l, li) => {
      const n = pair.map((a) => `${a} ${shown.get(a)![li]}`).join(', ');
      // A long label puts its counts on a line of their own rather than splitting them.
      const name = ctx.names.level(g.variable, l.level);
      const limit = narrow ? 20 : 28;
      const level = name.length + n.length + 3 > limit ? `${wrap(name, limit)}\n(${n})` : `${name} (${n})`;
      const row = { group: header, groupOrder: gi, order: li, level };
      // The model drops the estimate of a level with 1–4 in an arm; a level of 0 has none either.
      const small = pair.some((a) => !((l.n[a] ?? 0) >= SMALL_COUNT) && shown.get(a)![li] !== '–');
      if (!l.difference || small) data.push(row);
      else data.push({ ...row, estimate: r6(l.difference.estimate * scale), lower: r6(l.difference.lower * scale), upper: r6(l.difference.upper * scale) });
    });
  });
  const title = `${t.msg.subgroupTitle}: ${outcome ? outcomeLabel(ctx, outcome) : first.outcomeId} — ${ctx.names.visit(first.visit)}`;
  const { domain, ticks } = domainThrough(data.flatMap((r) => (typeof r.lower === 'number' ? [r.lower, r.upper as number] : [])), none);
  const x = { type: 'quantitative', scale: { domain, nice: false }, axis: { values: ticks }, title: [`${inShareNotation(ctx, differenceTitle(ctx, outcome ?? { id: first.outcomeId }), outcome?.measure)} (${ctx.intervention.label} ${ratio ? '/' : '−'} ${ctx.control.label}; ${t.fmt.ciLabel(results.confLevel)})`, t.msg.dashedNoEffect(String(none))] };
  const y = { field: 'level', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelExpr: MULTILINE_LABELS } };
  const ps = groups.map((g) => `${ctx.names.variable(g.variable)} ${g.interactionP === null ? '–' : t.fmt.p(g.interactionP)}`).join('; ');
  const alt = t.msg.subgroupAlt(outcome ? outcomeLabel(ctx, outcome) : first.outcomeId, ps, groups.every((g) => g.interactionP === null || g.interactionP >= results.alpha));
  return {
    id: 'subgroups',
    title,
    alt,
    spec: vl({
      ...base(ctx, title),
      data: { values: data },
      facet: { row: { field: 'group', type: 'nominal', title: null, sort: { field: 'groupOrder' }, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelLimit: 600, labelExpr: MULTILINE_LABELS } } },
      spacing: 8,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: narrow ? chartWidth(ctx) - 190 : chartWidth(ctx) - 330,
        height: { step: narrow || data.some((r) => String(r.level).includes('\n')) ? 30 : 22 },
        layer: [
          ...noEffectLayers(x, null, none),
          { mark: { type: 'rule', strokeWidth: 2, color: colours.intervention }, encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' } } },
          { mark: { type: 'point', shape: 'square', filled: true, size: 50, color: colours.intervention, opacity: 1 }, encoding: { y, x: { field: 'estimate', ...x } } },
        ],
      },
    }),
  };
};
