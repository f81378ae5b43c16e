/** Primary outcome, all outcomes (forest and table), change over time, responders, sensitivity. */
import type { OutcomeResult, TippingPointResult } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { renderTable, type Cell } from './tables.ts';
import { outcomeLabel, rowsAt } from '../charts/context.ts';
import { estimatorLabel } from '../charts/sensitivity.ts';
import { anyResponderSuppressed, responderRateText } from '../charts/responder-text.ts';
import { formatPart } from '../privacy.ts';

type Nnt = NonNullable<OutcomeResult['responder']>['nnt'];

/** NNTB or NNTH by kind; a CI that crosses zero in Altman's form "NNTB 4,5 til ∞ til NNTH 51,1". */
export function nntText(m: PageModel, nnt: Nnt): string {
  const { t } = m.ctx;
  if (nnt.estimate === null || nnt.kind === 'none') return '–';
  const label = nnt.kind === 'harm' ? t.msg.nntHarm : t.msg.nntBenefit;
  const to = t.lang === 'da' ? 'til' : 'to';
  if (!nnt.crossesZero) return nnt.lower === null || nnt.upper === null ? `${label} ${t.fmt.num(nnt.estimate, 1)}` : `${label} ${t.fmt.num(nnt.estimate, 1)} (${t.fmt.range(nnt.lower, nnt.upper, 1)})`;
  // Crossing zero: lower is NNTB = 1/upper RD, upper is NNTH = 1/|lower RD| (src/stats/effects/binary.ts).
  const b = nnt.lower === null ? '' : `${t.msg.nntBenefit} ${t.fmt.num(nnt.lower, 1)} ${to} `;
  const h = nnt.upper === null ? '' : ` ${to} ${t.msg.nntHarm} ${t.fmt.num(nnt.upper, 1)}`;
  return `${label} ${t.fmt.num(nnt.estimate, 1)} (${b}${t.msg.nntInfinite}${h})`;
}

const num = (text: string): Cell => ({ text, className: 'num' });

function differenceCells(m: PageModel, o: OutcomeResult): Cell[] {
  const { t } = m.ctx;
  const d = o.difference;
  if (o.status !== 'estimated' || !d) return [num(t.msg.notEstimable), num(''), num(''), num('')];
  const bareP = (p: number) => t.fmt.p(p).replace(/^p\s*=?\s*/, '');
  return [
    num(`${t.fmt.num(d.estimate, 2)} (${t.fmt.range(d.lower, d.upper, 2)})`),
    num(bareP(d.p)),
    num(o.multiplicity && !o.multiplicity.method.startsWith('none') ? bareP(d.pAdjusted) : '–'),
    num(o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–'),
  ];
}

export function primarySection(m: PageModel): Section {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  const intro = o ? para(t.msg.primaryIntro(outcomeLabel(ctx, o), t.label('visits', o.visit))) : para(t.msg.answerNotEstimable);
  const sentence = o ? para(t.loc(o.sentence), 'lead') : '';
  return { id: 'primary', title: t.msg.primaryTitle, html: intro + figure(m, 'primary-outcome') + sentence };
}

export function forestSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const ci = t.fmt.ciLabel(results.confLevel);
  const arms = [ctx.control, ctx.intervention];
  const head: Cell[] = [t.msg.outcome, t.msg.visit, ...arms.map((a) => num(a.label)), num(`${t.msg.difference} (${ci})`), num(t.msg.pValue), num(t.msg.pAdjusted), num(t.msg.cohensD)];
  const rows: Cell[][] = [];
  const groups = new Set<number>();
  let role = '';
  for (const main of ctx.mainRows) {
    if (main.role !== role) {
      role = main.role;
      groups.add(rows.length);
      rows.push([t.msg.labels.roles[main.role]]);
    }
    const all = results.outcomes.filter((o) => o.id === main.id && o.estimator === main.estimator && o.population === main.population);
    for (const o of all) {
      rows.push([outcomeLabel(ctx, o), t.label('visits', o.visit), ...arms.map((a) => num(o.emm[a.label] ? t.fmt.num(o.emm[a.label].estimate, 2) : '–')), ...differenceCells(m, o)]);
    }
  }
  const html = [para(t.msg.forestIntro(ctx.intervention.label)), figure(m, 'forest'), `<h3>${t.msg.outcomesTableTitle}</h3>`, renderTable({ caption: t.msg.outcomesTableCaption(ctx.intervention.label, ctx.control.label), head, rows, groupRows: groups })].join('\n');
  return { id: 'outcomes', title: t.msg.forestTitle, html };
}

export function changeSection(m: PageModel): Section {
  const { t } = m.ctx;
  return { id: 'change', title: t.msg.changeTitle, html: para(t.msg.changeIntro) + figure(m, 'change-over-time') };
}

export function respondersSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const ci = t.fmt.ciLabel(results.confLevel);
  const head: Cell[] = [t.msg.outcome, num(ctx.intervention.label), num(ctx.control.label), num(`${t.msg.riskDifference}, ${t.msg.percentagePoints} (${ci})`), num(t.msg.nnt)];
  const rows: Cell[][] = ctx.mainRows
    .filter((o) => o.responder)
    .map((o) => {
      const r = o.responder!;
      const rate = (label: string) => {
        const x = r.rate[label];
        return x ? responderRateText(ctx, label, x) : '–';
      };
      const rd = r.riskDifference;
      // With one arm suppressed, the risk difference and NNT would give its count back.
      const hidden = anyResponderSuppressed(o);
      const rdText = hidden ? '–' : `${t.fmt.num(rd.estimate * 100, 1)} (${t.fmt.range(rd.lower * 100, rd.upper * 100, 1)})`;
      return [`${outcomeLabel(ctx, o)}: ${t.loc(r.definition)}`, num(rate(ctx.intervention.label)), num(rate(ctx.control.label)), num(rdText), num(hidden ? '–' : nntText(m, r.nnt))];
    });
  const html = [para(t.msg.respondersIntro), figure(m, 'responders'), rows.length ? renderTable({ head, rows }) : para(t.msg.noRows)].join('\n');
  return { id: 'responders', title: t.msg.respondersTitle, html };
}

/** An analysed n: randomised − analysed (the lost) is hidden when 1–4, so the analysed n is "–" then. */
function analysedText(m: PageModel, arm: string, n: number): string {
  const randomised = m.ctx.results.consort[arm]?.randomised;
  return randomised === undefined ? m.ctx.t.fmt.count(n) : formatPart(n, randomised, m.ctx.t.fmt.int);
}

export function sensitivitySection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const main = ctx.primary;
  if (!main) return { id: 'sensitivity', title: t.msg.sensitivityTitle, html: para(t.msg.noRows) };
  const ci = t.fmt.ciLabel(results.confLevel);
  const head: Cell[] = [t.msg.estimator, t.msg.population, num(`n (${ctx.intervention.label} / ${ctx.control.label})`), num(`${t.msg.difference} (${ci})`), num(t.msg.pValue), num(t.msg.pAdjusted), num(t.msg.cohensD)];
  const rows: Cell[][] = rowsAt(results, main.id, main.visit).map((o) => [
    estimatorLabel(ctx, o, main),
    t.label('populations', o.population),
    num([ctx.intervention.label, ctx.control.label].map((a) => analysedText(m, a, o.n.analysed[a] ?? 0)).join(' / ')),
    ...differenceCells(m, o),
  ]);
  const tipping = results.tippingPoints
    .filter((tp) => tp.outcomeId === main.id && tp.visit === main.visit)
    .map((tp) => para(tp.status === 'not-applicable' ? t.msg.tippingNotApplicable(tp.arm === 'both' ? null : tp.arm) : tp.tippingDelta === null ? t.msg.tippingNever(t.fmt.num(tp.searchedUpTo ?? 0, 1)) : t.msg.tippingDelta(t.fmt.num(tp.tippingDelta, 1), tp.arm === 'both' ? null : tp.arm, tippingBetter(ctx.control.label, tp))));
  const html = [
    para(t.msg.sensitivityIntro(t.loc(main.name), t.label('visits', main.visit))),
    figure(m, 'sensitivity'),
    renderTable({ head, rows }),
    tipping.length ? `<h3>${t.msg.tippingTitle}</h3>${tipping.join('')}` : '',
  ].join('\n');
  return { id: 'sensitivity', title: t.msg.sensitivityTitle, html };
}

/**
 * δ moves the imputed values against the intervention (the intervention arm worse, the control
 * arm better) unless the MAR result was significant harm, when it moves towards it (results
 * ≥ 1.1.0 say which; older files only ever moved against it).
 */
function tippingBetter(controlLabel: string, tp: TippingPointResult): boolean {
  const towards = tp.direction === 'towards-intervention'; // undefined in 1.0.0 files: against
  return (tp.arm === controlLabel) !== towards;
}
