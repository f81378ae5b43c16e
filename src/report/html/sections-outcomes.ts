/** Primary outcome, all outcomes (forest and table), change over time, responders (binary: absolute and relative effects), sensitivity. */
import type { OutcomeResult, TippingPointResult } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { esc } from './escape.ts';
import { effectWords, inShareNotation, measureTitleInNotation } from '../charts/effect-words.ts';
import { armFigures, tableArmFigures } from '../charts/arm-figures.ts';
import { measureNumbers, rowMeasureNumbers } from '../../analysis/text/sentences.ts';
import { estCi, num, renderTable, twoLines, type Cell } from './tables.ts';
import { comparisonBlocks, comparisonChartId, comparisonContexts, comparisonOf, differenceTitle, outcomeLabel } from '../charts/context.ts';
import type { Comparison } from '../charts/types.ts';
import { estimatorLabel, measureGroups, sensitivityMeasureTitle, sensitivityRows } from '../charts/sensitivity.ts';
import { anyResponderSuppressed, responderRateText } from '../charts/responder-text.ts';
import { armSources, changePanelRows, singleVisitOutcomes } from '../charts/change-over-time.ts';
import { changeFigures } from '../charts/change-figures.ts';
import { analysedOfRandomised, missingDataText } from './sections-methods.ts';
import { own } from '../i18n/own.ts';

type Nnt = NonNullable<OutcomeResult['responder']>['nnt'];

/** NNTB or NNTH by kind; a CI that crosses zero in Altman's form "NNTB 4,5 til ∞ til NNTH 51,1". */
export function nntText(m: PageModel, nnt: Nnt): string {
  const { t } = m.ctx;
  if (nnt.estimate === null || nnt.kind === 'none') return '–';
  const label = nnt.kind === 'harm' ? t.msg.nntHarm : t.msg.nntBenefit;
  const to = t.msg.rangeTo;
  if (!nnt.crossesZero) return nnt.lower === null || nnt.upper === null ? `${label} ${t.fmt.num(nnt.estimate, 1)}` : `${label} ${t.fmt.num(nnt.estimate, 1)} (${t.fmt.range(nnt.lower, nnt.upper, 1)})`;
  // Crossing zero: lower is NNTB = 1/upper RD, upper is NNTH = 1/|lower RD| (src/stats/effects/binary.ts).
  const b = nnt.lower === null ? '' : `${t.msg.nntBenefit} ${t.fmt.num(nnt.lower, 1)} ${to} `;
  const h = nnt.upper === null ? '' : ` ${to} ${t.msg.nntHarm} ${t.fmt.num(nnt.upper, 1)}`;
  return `${label} ${t.fmt.num(nnt.estimate, 1)} (${b}${t.msg.nntInfinite}${h})`;
}

/**
 * Difference (CI), p, adjusted p and d as compact cells; `measure`: the row's measure under its
 * estimate (a table of mixed measures); `notation`: the effect in its measure's own notation
 * (measureNumbers: a share in percentage points, a ratio to 2 decimals), as its chart and
 * sentence write it — a difference of means stays at 2 decimals either way.
 */
function differenceCells(m: PageModel, o: OutcomeResult, withAdjusted = true, measure: string | null = null, notation = false): Cell[] {
  const { t } = m.ctx;
  const d = o.difference;
  if (o.status !== 'estimated' || !d) return [num(t.msg.notEstimable), num(''), ...(withAdjusted ? [num('')] : []), num('')];
  const nums = notation ? rowMeasureNumbers(o) : { scale: 1, digits: 2 };
  const digits = nums.digits ?? 2;
  const effect = estCi(t.fmt.num(d.estimate * nums.scale, digits), t.fmt.range(d.lower * nums.scale, d.upper * nums.scale, digits));
  return [
    measure === null ? effect : { html: `${effect.html}<span class="sub">${esc(measure)}</span>`, className: 'num' },
    num(t.fmt.pBare(d.p)),
    ...(withAdjusted ? [num(o.multiplicity && !o.multiplicity.method.startsWith('none') ? t.fmt.pBare(d.pAdjusted) : '–')] : []),
    num(o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–'),
  ];
}

/**
 * An arm's figure in the all-outcomes table: a binary, count or time-to-event row's own
 * (arm-figures.ts: a proportion in percent, 48.7% and 60.0% beside a risk difference of 11.3 or
 * a risk ratio of 1.23, not 0.49 and 0.60); an adjusted mean to 2 decimals, or in percent when
 * the row's measure is a share.
 */
function armValue(m: PageModel, o: OutcomeResult, arm: string): string {
  const { t } = m.ctx;
  if (!own(o.emm, arm)) return '–';
  const fig = armFigures(m.ctx, o);
  if (fig) return fig.value(o.emm[arm].estimate);
  const nums = measureNumbers(o.measure ?? 'mean-difference');
  return nums.share ? t.fmt.pct(o.emm[arm].estimate, nums.digits ?? 1) : t.fmt.num(o.emm[arm].estimate, 2);
}

export function primarySection(m: PageModel): Section {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  if (!o) return { id: 'primary', title: t.msg.primaryTitle, html: para(t.msg.answerNotEstimable) };
  const blocks = comparisonContexts(ctx).map(([c, cctx], i) => pairHeading(m, c) + primaryBlock({ ...m, ctx: cctx }, i));
  return { id: 'primary', title: t.msg.primaryTitle, html: para(t.msg.primaryIntro(outcomeLabel(ctx, o), ctx.names.visit(o.visit), armFigures(ctx, o)?.name ?? null)) + blocks.join('\n') };
}

/** A k-arm block's heading, the pair as the outcome table's group rows name it; none in a two-arm trial. */
function pairHeading(m: PageModel, c: Comparison | null): string {
  return c ? `<h3>${esc(m.ctx.t.msg.comparisonHeading(c.intervention.label, c.control.label))}</h3>` : '';
}

/** One comparison's primary row: its chart, the difference in words, who was analysed. */
function primaryBlock(m: PageModel, index: number): string {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  if (!o) return para(t.msg.answerNotEstimable);
  const d = o.difference;
  const w = effectWords(ctx, o);
  const sentence = d ? para(t.msg.primarySentence(ctx.names.visit(o.visit), ctx.intervention.label, ctx.control.label, t.loc(o.name), w.nounDefinite, `${w.value(d.estimate)}${w.unit ? ` ${w.unit}` : ''}`, w.ci(d.lower, d.upper), t.fmt.p(d.p), o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–'), 'lead') : '';
  const who = para(t.msg.primaryWho(analysedOfRandomised(m, o, true), missingDataText(m, o).replace(/\.$/, '')));
  return figure(m, comparisonChartId('primary-outcome', index), t.msg.primaryCaption(armFigures(ctx, o)?.name ?? null)) + sentence + who;
}

export function forestSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const ci = t.fmt.ciLabel(results.confLevel);
  // Every arm a column (a k-arm trial: each comparison's block fills its two arms); two arms: just those.
  const arms = ctx.comparisons.length > 1 ? ctx.arms : ctx.arms.filter((a) => a.label === ctx.control.label || a.label === ctx.intervention.label);
  const blocks = comparisonBlocks(m.ctx).map(([c, mains]) => [c, mains.map((main) => [main, results.outcomes.filter((o) => o.id === main.id && o.estimator === main.estimator && o.population === main.population && comparisonOf(o) === comparisonOf(main))] as const)] as const);
  const heading = effectHeading(m, blocks.flatMap(([, mains]) => mains.flatMap(([, all]) => all)));
  const head: Cell[] = [t.msg.outcome, t.msg.visit, ...arms.map((a) => num(a.label)), num(`${heading.title} (${ci})`), num(t.msg.pValue), num(t.msg.pAdjusted), num(t.msg.cohensD)];
  const rows: Cell[][] = [];
  const groups = new Set<number>();
  for (const [c, mains] of blocks) {
    if (c) {
      groups.add(rows.length);
      rows.push([t.msg.comparisonHeading(c.intervention.label, c.control.label)]);
    }
    let role = '';
    for (const [main, all] of mains) {
      if (main.role !== role) {
        role = main.role;
        groups.add(rows.length);
        rows.push([t.msg.labels.roles[main.role]]);
      }
      for (const o of all) {
        rows.push([outcomeLabel(ctx, o), ctx.names.visit(o.visit), ...arms.map((a) => num(armValue(m, o, a.label))), ...differenceCells(m, o, true, heading.perRow ? measureTitleInNotation(ctx, o.measure ?? 'mean-difference') : null, true)]);
      }
    }
  }
  const html = [
    ...forestFigures(m, heading.table),
    renderTable({ caption: heading.caption, head, rows, groupRows: groups }, m),
  ].join('\n');
  return { id: 'outcomes', title: t.msg.forestTitle, html };
}

/**
 * The effect column of a table of several outcomes, true for every row: "Difference" when every
 * row is a difference of means (in each outcome's own unit), the measure's name when every row
 * shares another ("Rate ratio"), else "Effect" with each row's measure under its estimate. It had
 * said "Difference" over HSAUR3::epilepsy's rate ratios (0.74) and the IPS twin's mix of risk
 * differences, rate ratios and hazard ratios. A share's title says "percentage points", as its
 * cells are written in them (differenceCells `notation`), like the sensitivity table's.
 */
function effectHeading(m: PageModel, rows: readonly OutcomeResult[]): { title: string; perRow: boolean; caption: string; table: string } {
  const { ctx } = m;
  const { t } = ctx;
  const measures = [...new Set(rows.map((o) => o.measure ?? 'mean-difference'))];
  // What the arms' columns hold: adjusted means (null), or a binary, count or time-to-event row's own figure (arm-figures.ts).
  const per = tableArmFigures(ctx, rows);
  // The intro's sentence on the table says what its rows hold ("differences in each outcome's own units" only when they are).
  if (measures.length <= 1 && (measures[0] ?? 'mean-difference') === 'mean-difference') return { title: t.msg.difference, perRow: false, caption: t.msg.outcomesTableCaption(pairsUnderHeadings(m, '−'), per), table: t.msg.forestTable(null) };
  if (measures.length === 1) {
    const [noun, nounDefinite] = t.msg.measureWords[measures[0]] ?? [t.msg.difference, t.msg.difference];
    return { title: measureTitleInNotation(ctx, measures[0]), perRow: false, caption: t.msg.outcomesTableCaptionIn(pairsUnderHeadings(m, measureNumbers(measures[0]).ratio ? '/' : '−'), noun, per), table: t.msg.forestTable(nounDefinite) };
  }
  const table = t.msg.forestTable(t.msg.forestTableEachRow);
  if (ctx.comparisons.length < 2) return { title: t.msg.effectEachRow, perRow: true, caption: t.msg.outcomesTableCaptionMixed(ctx.intervention.label, ctx.control.label, per), table };
  return { title: t.msg.effectEachRow, perRow: true, caption: t.msg.outcomesTableCaptionMixedPairs(pairFormulas(m, '−'), pairFormulas(m, '/'), per), table };
}

/**
 * "IPS − SAU" in a caption; with k arms every comparison's pair ("IPS − SAU, IPSE − SAU and IPSE −
 * IPS"), not the first pair's over every block of rows.
 */
function pairFormulas(m: PageModel, op: '−' | '/'): string {
  const { ctx } = m;
  if (ctx.comparisons.length < 2) return `${ctx.intervention.label} ${op} ${ctx.control.label}`;
  return ctx.t.msg.listWords(ctx.comparisons.map((c) => `${c.intervention.label} ${op} ${c.control.label}`));
}

/** pairFormulas, with k arms saying that each row's pair is the heading above it. */
function pairsUnderHeadings(m: PageModel, op: '−' | '/'): string {
  return m.ctx.comparisons.length < 2 ? pairFormulas(m, op) : m.ctx.t.msg.eachUnderItsHeading(pairFormulas(m, op));
}

/**
 * The intro and the Cohen's d chart; with k arms one chart per comparison (charts/index.ts
 * perComparison), each under its pair and turned towards its own first-named arm.
 */
function forestFigures(m: PageModel, table: string): string[] {
  const { ctx } = m;
  const { t } = ctx;
  if (ctx.comparisons.length < 2) return [para(t.msg.forestIntro(ctx.intervention.label, table)), figure(m, 'forest', t.msg.forestCaption)];
  const figures = ctx.comparisons.map((c, i) => {
    const f = figure(m, comparisonChartId('forest', i), t.msg.forestCaption);
    return f && pairHeading(m, c) + f;
  });
  return figures.some((f) => f) ? [para(t.msg.forestIntroPairs(table)), ...figures] : [];
}

export function changeSection(m: PageModel): Section | null {
  const { t } = m.ctx;
  if (!m.charts.has('change-over-time')) return null;
  return { id: 'change', title: t.msg.changeTitle, html: para(changeIntro(m)) + figure(m, 'change-over-time', changeFigures(m.ctx, changePanelRows(m.ctx)).caption) };
}

/** The intro; with k arms it also says which comparison each arm's mean comes from (pairwise models can estimate one arm a little differently). */
function changeIntro(m: PageModel): string {
  const { ctx } = m;
  const { t } = ctx;
  const single = singleVisitOutcomes(ctx);
  // What the chart plots (adjusted means, proportions, rates), as its caption says it.
  const figs = changeFigures(ctx, changePanelRows(ctx));
  const leftOut = single.length > 0 ? ` ${t.msg.changeLeftOut(t.msg.listWords(single.map((o) => outcomeLabel(ctx, o))))}` : '';
  if (ctx.comparisons.length < 2) return `${figs.intro}${leftOut}`;
  const sources = armSources(ctx).map(([c, arms]) => t.msg.armsFrom(t.msg.listWords(arms.map((a) => a.label)), t.msg.comparisonHeading(c.intervention.label, c.control.label)));
  return `${figs.intro} ${t.msg.changeArmSources(t.msg.listWords(sources), figs.means)}${leftOut}`;
}

/** Responders: risks per arm, risk difference, risk ratio, odds ratio and NNT — absolute and relative effects (CONSORT 2025 item 26). */
export function respondersSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const ci = t.fmt.ciLabel(results.confLevel);
  const arms = ctx.comparisons.length > 1 ? ctx.arms : ctx.arms.filter((a) => a.label === ctx.control.label || a.label === ctx.intervention.label);
  const head: Cell[] = [t.msg.outcome, ...arms.map((a) => num(a.label)), num(`${t.msg.riskDifferenceShort} (${ci})`), num(`${t.msg.riskRatioShort} (${ci})`), num(`${t.msg.oddsRatioShort} (${ci})`), num(t.msg.nnt)];
  const groups = new Set<number>();
  const rows: Cell[][] = [];
  for (const [c, mains] of comparisonBlocks(m.ctx)) {
    const block = mains.filter((o) => o.responder);
    if (c && block.length) {
      groups.add(rows.length);
      rows.push([t.msg.comparisonHeading(c.intervention.label, c.control.label)]);
    }
    rows.push(...block.map((o): Cell[] => {
      const r = o.responder!;
      // With one arm suppressed, the risk difference, ratios and NNT would give its count back.
      const hidden = anyResponderSuppressed(o);
      const rd = r.riskDifference;
      const ratio = (x: { estimate: number | null; lower: number | null; upper: number | null }) => (hidden || x.estimate === null ? num('–') : estCi(t.fmt.num(x.estimate, 2), x.lower === null || x.upper === null ? null : t.fmt.range(x.lower, x.upper, 2)));
      return [
        twoLines(outcomeLabel(ctx, o), t.loc(r.definition)),
        ...arms.map((a) => num(own(r.rate, a.label) ? responderRateText(ctx, o, a.label, r.rate[a.label]) : '–')),
        hidden ? num('–') : estCi(t.fmt.num(rd.estimate * 100, 1), t.fmt.range(rd.lower * 100, rd.upper * 100, 1)),
        ratio(r.riskRatio),
        ratio(r.oddsRatio),
        { html: hidden ? '–' : esc(nntText(m, r.nnt)), className: 'num wrap' },
      ];
    }));
  }
  const html = [
    para(t.msg.respondersIntro(ctx.names.visit(ctx.primary?.visit ?? ''))),
    figure(m, 'responders', t.msg.respondersCaption),
    rows.length ? renderTable({ caption: t.msg.respondersTableCaption(ctx.intervention.label, ctx.control.label), head, rows, groupRows: groups }, m) : para(t.msg.noRows),
  ].join('\n');
  return { id: 'responders', title: t.msg.respondersTitle, html };
}

export function sensitivitySection(m: PageModel): Section {
  const { ctx } = m;
  const { t } = ctx;
  const main = ctx.primary;
  if (!main) return { id: 'sensitivity', title: t.msg.sensitivityTitle, html: para(t.msg.noRows) };
  const blocks = comparisonContexts(ctx).map(([c, cctx], i) => pairHeading(m, c) + sensitivityBlock({ ...m, ctx: cctx }, c, i));
  return { id: 'sensitivity', title: t.msg.sensitivityTitle, html: [para(t.msg.sensitivityIntro(t.loc(main.name), ctx.names.visit(main.visit))), ...blocks].join('\n') };
}

/** One comparison's analyses of its primary row: the chart, the table, those identical to the primary, the tipping point. */
function sensitivityBlock(m: PageModel, c: Comparison | null, index: number): string {
  const { ctx } = m;
  const { t, results } = ctx;
  const s = sensitivityRows(ctx);
  if (!s) return para(t.msg.noRows);
  const { main } = s;
  const ci = t.fmt.ciLabel(results.confLevel);
  // The primary row's measure in its own notation, as the sensitivity chart writes it (a risk difference in percentage points, not 0.20).
  // The captions name that measure too ("the rate ratio"), not "the difference". Rows of other
  // measures (a Cox trial's RMST difference) are drawn in their own panel; the captions name every
  // measure and the table heads its column "Effect", each row's measure under its estimate.
  const groups = measureGroups(main, s.shown);
  const mixed = groups.length > 1;
  const measureDefinite = mixed ? t.msg.listWords(groups.map((g) => effectWords(ctx, g[0]).nounDefinite)) : effectWords(ctx, main).nounDefinite;
  const head: Cell[] = [t.msg.estimator, t.msg.whoAnalysed, num(`${mixed ? t.msg.effectEachRow : inShareNotation(ctx, differenceTitle(ctx, main), main.measure)} (${ci})`), num(t.msg.pValue), num(t.msg.cohensD)];
  const rows: Cell[][] = s.shown.map((o) => [twoLines(estimatorLabel(ctx, o, main), missingDataShort(m, o)), twoLines(ctx.names.population(o.population), analysedOfRandomised(m, o)), ...differenceCells(m, o, false, mixed ? sensitivityMeasureTitle(ctx, o) : null, true)]);
  const identical = s.identical.map((o) => estimatorLabel(ctx, o, main));
  // A k-arm trial's tipping points name their comparison; a two-arm row may carry none.
  const tipping = results.tippingPoints
    .filter((tp) => tp.outcomeId === main.id && tp.visit === main.visit && (c === null || comparisonOf(tp) === comparisonOf(main)))
    .map((tp) => para(tp.status === 'not-applicable' ? t.msg.tippingNotApplicable(tp.arm === 'both' ? null : tp.arm) : tp.tippingDelta === null ? t.msg.tippingNever(t.fmt.num(tp.searchedUpTo ?? 0, 1), ctx.names.unit({ id: tp.outcomeId })) : t.msg.tippingDelta(t.fmt.num(tp.tippingDelta, 1), ctx.names.unit({ id: tp.outcomeId }), tp.arm === 'both' ? null : tp.arm, tippingBetter(ctx.control.label, tp))));
  return [
    figure(m, comparisonChartId('sensitivity', index), t.msg.sensitivityCaption(measureDefinite)),
    renderTable({ caption: t.msg.sensitivityTableCaption(measureDefinite), head, rows }, m),
    identical.length ? para(t.msg.identicalToPrimary(t.msg.listWords(identical), identical.length > 1)) : '',
    tipping.length ? (c ? `<h4>${esc(t.msg.tippingTitle)}</h4>` : `<h3>${esc(t.msg.tippingTitle)}</h3>`) + tipping.join('') : '',
  ].join('\n');
}

/** The missing-data approach in a few words, for the sensitivity table. */
function missingDataShort(m: PageModel, o: OutcomeResult): string {
  const { t } = m.ctx;
  return own(t.msg.missingShort, o.estimator) ?? missingDataText(m, o);
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
