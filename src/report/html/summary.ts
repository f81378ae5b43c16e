/**
 * Page 1, for a committee member with two minutes: what the data are (a banner when they are
 * synthetic), the effect in plain words, the question, the answer with both visits, the two
 * effect numbers a reader meets (observed responders; the effect rate the economics use) each
 * explained in one sentence, key figures and the money. Every sentence is generated from the
 * numbers it states.
 */
import type { PageModel, Section } from './model.ts';
import { para } from './model.ts';
import { esc } from './escape.ts';
import { anyResponderSuppressed, responderRateText } from '../charts/responder-text.ts';
import { healthFlag, lastYear, municipalNetAt } from '../charts/economics-facts.ts';
import { keyOf } from '../disclosure/model.ts';
import { comparisonContexts, mainRows } from '../charts/context.ts';
import type { ChartContext, Comparison } from '../charts/types.ts';
import type { EffectRate, OutcomeResult } from '../../analysis/results/types.ts';
import { midSentence } from '../i18n/mid-sentence.ts';
import { adjustedForMultiplicity, effectWords, excludesNoEffect, favoursIntervention, holdsAfterAdjustment, verdictOf } from '../charts/effect-words.ts';

/** The banner every page of a synthetic report opens with (also in the PDF's running header and every chart). */
export function syntheticBanner(m: PageModel): string {
  const { ctx } = m;
  if (!ctx.synthetic) return '';
  const src = ctx.results.trial.dataSource ? ctx.t.loc(ctx.results.trial.dataSource) : '';
  return `<div class="synthetic" role="note"><strong>${esc(ctx.t.msg.syntheticBannerTitle)}</strong> ${esc(src)} ${esc(ctx.t.msg.syntheticBannerText)}</div>`;
}

/**
 * The effect in the outcome's own terms — points on the instrument's scale (or the declared unit), percentage points of a share, a ratio as itself — and how a difference of means compares with the minimal important difference.
 * A k-arm trial: every comparison's, each sentence naming its pair (comparisonContexts).
 */
function plainWords(m: PageModel): string {
  const { t } = m.ctx;
  const lines = comparisonContexts(m.ctx).flatMap(([, ctx]) => plainLines(ctx));
  if (lines.length === 0) return '';
  return `<div class="plain"><h3>${esc(t.msg.plainTitle)}</h3>${lines.map((l) => para(l)).join('')}</div>`;
}

/** One comparison's plain words: the effect, the minimal important difference, and whether chance could explain it. */
function plainLines(ctx: ChartContext): string[] {
  const { t } = ctx;
  const o = ctx.primary;
  if (!o || o.status !== 'estimated' || !o.difference) return [];
  const d = o.difference;
  const w = effectWords(ctx, o);
  const scale = ctx.results.scales?.[o.id];
  const better = favoursIntervention(w, d);
  const measure = o.measure ?? 'mean-difference';
  const direction = d.estimate > w.none ? t.msg.higher : t.msg.lower;
  const [arm, outcome, visit, control] = [ctx.intervention.label, t.loc(o.name), ctx.names.visit(o.visit), ctx.control.label];
  const effect = w.ratio
    ? t.msg.plainRatio(arm, w.value(d.estimate), outcome, visit, control, w.nounDefinite)
    : w.share
      ? t.msg.plainShare(arm, w.value(Math.abs(d.estimate)), direction, outcome, visit, control)
      : t.msg.plainEffect(arm, w.value(Math.abs(d.estimate)), direction, outcome, visit, control, scale ? t.msg.plainScale(scale.instrument, t.fmt.num(scale.range[0], 0), t.fmt.num(scale.range[1], 0), scale.higherIsBetter) : null, measure === 'rmst-difference' ? w.unit : ctx.names.declaredUnit(o));
  const lines = [effect];
  const mcid = measure === 'mean-difference' ? scale?.mcid?.betweenGroups : undefined;
  if (mcid !== undefined && better) {
    const rel = Math.abs(d.estimate) >= mcid ? 'above' : Math.abs(d.estimate) >= 0.75 * mcid ? 'about' : 'below';
    const lowEnd = d.benefitSign === 1 ? d.lower : -d.upper;
    lines.push(t.msg.plainMcid(rel, t.fmt.num(mcid, 0), lowEnd < mcid ? t.fmt.range(d.lower, d.upper, 1) : null, ctx.names.unit(o)));
  }
  if (!better || !excludesNoEffect(o)) lines.push(t.msg.plainUncertain);
  else if (!holdsAfterAdjustment(o, ctx.results.confLevel)) lines.push(t.msg.plainUncertainAdjusted);
  return lines;
}

/**
 * The comparisons the question asks about: with k arms, every comparison whose primary row is in
 * the multiplicity family of the first comparison's primary row (the plan's primary hypotheses,
 * e.g. IPS vs SAU and IPSE vs SAU), in results.comparisons order. A two-arm trial, a primary row
 * without a family, or a family holding one comparison: the first comparison alone.
 */
function primaryFamily(ctx: ChartContext): Array<[Comparison | null, ChartContext]> {
  const o = ctx.primary;
  const family = o?.multiplicity?.family;
  const all = comparisonContexts(ctx);
  if (ctx.comparisons.length < 2 || !o || family === undefined) return all.slice(0, 1);
  const inFamily = all.filter(([, x]) => x.primary?.id === o.id && x.primary.visit === o.visit && x.primary.population === o.population && x.primary.multiplicity?.family === family);
  return inFamily.length > 1 ? inFamily : all.slice(0, 1);
}

/** One comparison's verdict, its effect at the primary visit and at the later visits; `pair` names it (k arms). */
function verdictLines(ctx: ChartContext, pair: Comparison | null): string[] {
  const { t, results } = ctx;
  const o = ctx.primary;
  if (!o || o.status !== 'estimated' || !o.difference) return [pair ? para(t.msg.otherComparisonNotEstimable(t.msg.treatmentComparison(pair.intervention.name, midSentence(pair.control.name)), o ? ctx.names.visit(o.visit) : '–')) : para(t.msg.answerNotEstimable, 'answer')];
  const d = o.difference;
  const w = effectWords(ctx, o);
  // The interval, and the family's adjustment for multiple comparisons (verdictOf): a k-arm comparison whose Holm-adjusted p is at or above α is not a "yes".
  const v = verdictOf(o, results.confLevel);
  const [i, c] = pair ? [pair.intervention.label, pair.control.label] : ['', ''];
  const verdict = v.kind === 'unclear' ? (pair ? t.msg.answerUnclearPair(i, c) : t.msg.answerUnclear)
    : v.kind === 'not-confirmed' ? (pair ? t.msg.answerNotConfirmedPair(i, c, v.better) : t.msg.answerNotConfirmed(v.better))
    : v.kind === 'benefit' ? (pair ? t.msg.answerBenefitPair(i, c) : t.msg.answerBenefit) : pair ? t.msg.answerHarmPair(i, c) : t.msg.answerHarm;
  const parts = [para(verdict, `answer${v.kind === 'benefit' ? ' benefit' : ''}`)];
  parts.push(para(t.msg.answerDetail(ctx.names.visit(o.visit), w.phrase(d.estimate), w.ci(d.lower, d.upper), pWithAdjusted(ctx, o, v.kind === 'not-confirmed'), o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–')));
  // The same outcome, estimator and population at the other visits: does the effect last?
  for (const later of results.outcomes.filter((x) => x.id === o.id && x.estimator === o.estimator && x.population === o.population && x.visit !== o.visit && x.difference && (x as { comparison?: string }).comparison === (o as { comparison?: string }).comparison)) {
    const l = later.difference!;
    const lw = effectWords(ctx, later);
    parts.push(para(t.msg.laterVisit(ctx.names.visit(later.visit), lw.nounDefinite, `${lw.value(l.estimate)}${lw.unit ? ` ${lw.unit}` : ''}`, lw.ci(l.lower, l.upper), t.fmt.p(l.p))));
  }
  return parts;
}

/**
 * The answer's p, with the family's adjusted p beside it where they differ as printed (Holm over
 * two comparisons) or where the adjusted p is what withholds the "yes" (`always`). A single
 * fixed-sequence hypothesis, whose adjusted p is its p, reads as before.
 */
function pWithAdjusted(ctx: ChartContext, o: OutcomeResult, always: boolean): string {
  const { t } = ctx;
  const d = o.difference!;
  const p = t.fmt.p(d.p);
  if (!adjustedForMultiplicity(o)) return p;
  const adjusted = t.fmt.p(d.pAdjusted);
  return always || adjusted !== p ? `${p}; ${t.msg.adjustedP(adjusted, t.label('multiplicity', o.multiplicity!.method))}` : p;
}

function answer(m: PageModel): string {
  const { ctx } = m;
  const { t, results } = ctx;
  const o = ctx.primary;
  if (!o || o.status !== 'estimated' || !o.difference) return para(t.msg.answerNotEstimable, 'answer');
  const asked = primaryFamily(ctx);
  const several = asked.length > 1;
  const parts = asked.flatMap(([c, x]) => verdictLines(x, several ? c : null));
  // k arms: the question and the verdicts are the primary family's comparisons'; every other
  // comparison's answer at the primary visit follows, so that no comparison is missing from the summary.
  const answered = new Set(asked.map(([c]) => c?.id));
  for (const c of ctx.comparisons.slice(1).filter((x) => !answered.has(x.id))) {
    const x = mainRows(results, c, false).find((r) => r.id === o.id && r.visit === o.visit && r.population === o.population);
    const label = t.msg.treatmentComparison(c.intervention.name, midSentence(c.control.name));
    const xd = x?.status === 'estimated' ? x.difference : null;
    const xw = x ? effectWords(ctx, x) : null;
    parts.push(para(xd && xw ? t.msg.otherComparison(label, ctx.names.visit(o.visit), xw.phrase(xd.estimate), xw.ci(xd.lower, xd.upper), t.fmt.p(xd.p), x!.cohensD ? t.fmt.num(x!.cohensD.estimate, 2) : '–') : t.msg.otherComparisonNotEstimable(label, ctx.names.visit(o.visit))));
  }
  // Responders: each asked comparison's line (k arms: named by its pair); the effect rate the
  // economics use follows the line of the comparison it was taken from (economicsRate).
  const er = economicsRate(ctx);
  const rateAt = asked.findIndex(([c]) => c !== null && er?.comparison === c.id);
  asked.forEach(([c, x], k) => parts.push(...responderLines(x, several ? c : null, er && k === Math.max(rateAt, 0) ? er : null)));
  parts.push(...safetyLines(ctx, several ? asked.map(([c]) => c!) : null));
  return parts.join('\n');
}

/** One comparison's observed responders, the effect rate when `er` is given, and the number needed to treat; `pair` names the comparison (k arms). */
function responderLines(ctx: ChartContext, pair: Comparison | null, er: EffectRate | null): string[] {
  const { t, results } = ctx;
  const o = ctx.primary;
  const r = o?.responder;
  if (!o || !r) return [];
  const conf = results.confLevel;
  const [il, cl] = [ctx.intervention.label, ctx.control.label];
  const ri = r.rate[il];
  const rc = r.rate[cl];
  if (!ri || !rc) return [];
  if (anyResponderSuppressed(o)) {
    // 1–4 responders or non-responders in an arm: the percentages and the difference would give the count back.
    const [ti, tc] = [responderRateText(ctx, o, il, ri, false), responderRateText(ctx, o, cl, rc, false)];
    return [para(pair ? t.msg.responderLineSuppressedPair(il, cl, t.loc(r.definition), ti, tc) : t.msg.responderLineSuppressed(t.loc(r.definition), il, ti, cl, tc))];
  }
  const rd = r.riskDifference;
  const nOf = [il, cl].map((a) => t.msg.nOfN(ctx.count(keyOf('responderN', o.id, o.visit, o.estimator, o.population, a), r.rate[a].n), ctx.count(keyOf('consort', a, 'randomised'), results.consort[a]?.randomised ?? Number.NaN), a));
  const nOfText = t.msg.listWords(nOf);
  const [pi, pc, diff, ci, visit] = [t.fmt.pct(ri.estimate), t.fmt.pct(rc.estimate), t.fmt.num(rd.estimate * 100, 0), t.fmt.ci(rd.lower * 100, rd.upper * 100, 0, conf), ctx.names.visit(o.visit)];
  const parts = [para(pair ? t.msg.responderLinePair(il, cl, t.loc(r.definition), pi, pc, diff, ci, visit, nOfText) : t.msg.responderLine(t.loc(r.definition), il, pi, cl, pc, diff, ci, visit, nOfText))];
  const rate = er ? effectRateLine(ctx, er) : null;
  if (rate) parts.push(para(rate));
  if (r.nnt.kind === 'benefit' && !r.nnt.crossesZero && r.nnt.estimate !== null) parts.push(para(t.msg.nntLine(t.fmt.int(Math.ceil(r.nnt.estimate)))));
  return parts;
}

/**
 * The harms line at the primary visit. Two arms (`pairs` null): every harms row, as one sentence.
 * k arms: one sentence per comparison of the primary family, naming its pair, and one for any
 * other comparison whose harms show a signal — its rate ratios are not those of the asked pairs.
 */
function safetyLines(ctx: ChartContext, pairs: readonly Comparison[] | null): string[] {
  const { t, results } = ctx;
  const o = ctx.primary!;
  const conf = results.confLevel;
  // The sentence is about the primary visit, names that visit and only the harms outcomes measured at it.
  const atVisit = results.safety.filter((s) => s.visit === o.visit);
  const isSignal = (s: (typeof atVisit)[number]) => s.rateRatio !== null && (s.rateRatio.lower > 1 || s.rateRatio.upper < 1);
  const text = (rows: typeof atVisit) => {
    const signals = rows.filter(isSignal);
    const names = [...new Set(rows.map((s) => t.loc(s.name)))].join(', ');
    return signals.length === 0 ? t.msg.safetyNoSignal(names) : signals.map((s) => `${t.loc(s.name)}: ${t.msg.rateRatio.toLowerCase()} ${t.fmt.num(s.rateRatio!.estimate, 2)} (${t.fmt.ci(s.rateRatio!.lower, s.rateRatio!.upper, 2, conf)})`).join('; ');
  };
  if (atVisit.length === 0) return [];
  if (!pairs) return [para(t.msg.safetyLine(ctx.names.visit(o.visit), text(atVisit)))];
  const asked = new Set(pairs.map((c) => c.id));
  return ctx.comparisons.flatMap((c) => {
    const rows = atVisit.filter((s) => s.comparison === c.id);
    if (rows.length === 0 || (!asked.has(c.id) && !rows.some(isSignal))) return [];
    return [para(t.msg.safetyLinePair(c.intervention.label, c.control.label, ctx.names.visit(o.visit), text(rows)))];
  });
}

/**
 * The effect-rate row page 1 explains for the primary outcome at its visit: the one whose metric
 * the linked economics use — the first row of that metric, as the economics link takes it — else
 * the first row (k arms: one per comparison, in results order).
 */
function economicsRate(ctx: ChartContext): EffectRate | null {
  const o = ctx.primary;
  if (!o) return null;
  const rows = ctx.results.effectRates.filter((x) => x.outcomeId === o.id && x.visit === o.visit);
  const linked = ctx.economics?.link?.linked ?? [];
  return rows.find((x) => linked.some((l) => l.metric === x.metric)) ?? rows[0] ?? null;
}

/** The effect rate the economics use for the primary outcome's responder metric (`er`, economicsRate), explained against the observed difference in `ctx`'s comparison. */
function effectRateLine(ctx: ChartContext, er: EffectRate): string | null {
  const { t, results } = ctx;
  const o = ctx.primary;
  // Withheld by the publishable model (a count under it is not shown): not printed.
  if (!o || !Number.isFinite(er.estimate)) return null;
  const ci = t.fmt.ci(er.lower * 100, er.upper * 100, 1, results.confLevel);
  const m_ = o.responder?.pooled?.m;
  const e = ctx.economics;
  // Only economics linked to these results use this rate; otherwise the summary says whose rate they use.
  const used = e?.link?.linked.some((l) => l.metric === er.metric) ?? false;
  if (e && !used) {
    const own = e.scenario.effects.find((x) => x.resultsMetric === er.metric) ?? e.scenario.effects[0];
    return t.msg.effectRateNotUsed(t.fmt.pct(er.estimate, 1), ci, own ? t.fmt.pct(own.rate, 1) : '–');
  }
  const rate = t.fmt.pct(er.estimate, 1);
  return er.pooled ? t.msg.effectRatePooled(rate, ci, m_ === undefined ? '–' : t.fmt.int(m_), used) : t.msg.effectRateObserved(rate, ci, used);
}

function money(m: PageModel): string {
  const { ctx } = m;
  const { t, economics: e } = ctx;
  if (!e) return para(t.msg.moneyAbsent);
  const bc = e.businessCase;
  const st = e.settlement;
  const years = e.scenario.programme.years;
  const last = lastYear(ctx);
  const perCitizen = (x: number) => t.fmt.money(x / bc.participants);
  const lines = [
    // The price splits into the investor's pre-financing and return only when the contract's payments add up to it.
    Math.abs(st.totalPayments / bc.participants - bc.costPerCitizen) < 0.5
      ? t.msg.moneyCost(t.fmt.money(bc.costPerCitizenDiscounted), perCitizen(st.totalPrefinancing), perCitizen(st.totalPayments - st.totalPrefinancing))
      : t.msg.moneyCostContract(t.fmt.money(bc.costPerCitizenDiscounted), perCitizen(st.totalPayments), perCitizen(st.totalPrefinancing)),
    t.msg.moneySaving(t.fmt.money(bc.savingPerCitizen), String(e.scenario.horizonYears)),
    t.msg.moneyNet(t.fmt.money(bc.netPerCitizen)),
    t.msg.moneyTotal(t.fmt.int(bc.participants), t.fmt.int(bc.participantsPerYear), String(years), String(e.scenario.horizonYears), t.fmt.millions(municipalNetAt(ctx, years) ?? 0), String(last), t.fmt.millions(municipalNetAt(ctx, last) ?? bc.totalNet), t.fmt.pct(e.scenario.discountRate, 1)),
    t.msg.moneyProbability(t.fmt.pct(e.psa.probabilityNetSaving, 1), t.fmt.millions(e.psa.totalNet.lower), t.fmt.millions(e.psa.totalNet.upper)),
    t.msg.moneyInvestor(t.fmt.pct(e.psa.probabilityInvestorRepaid, 1)),
    bc.paybackYear === null ? t.msg.moneyNoPayback : t.msg.moneyPayback(t.fmt.int(bc.paybackYear)),
  ];
  const flag = healthFlag(ctx);
  if (flag) lines.push(t.msg.healthFlag(t.fmt.money(flag.perCitizen), t.msg.listWords(flag.rows.map((s) => `${t.loc(s.name)} (${t.msg.rateRatio.toLowerCase()} ${t.fmt.num(s.rateRatio!.estimate, 2)}, ${t.fmt.ci(s.rateRatio!.lower, s.rateRatio!.upper, 2, ctx.results.confLevel)})`)), t.fmt.money(flag.netWithout)));
  lines.push(t.msg.moneySource);
  return lines.map((l) => para(l)).join('\n');
}

function keyFigures(m: PageModel): string {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  const box = (k: string, v: string, sub?: string) => `<div class="figure-box"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div>${sub ? `<div class="s">${esc(sub)}</div>` : ''}</div>`;
  const boxes: string[] = [];
  if (ctx.comparisons.length > 1) boxes.push(...comparisonContexts(ctx).flatMap(([c, x]) => (c ? pairFigure(x, c, box) : [])));
  else if (o?.difference) {
    const d = o.difference;
    const w = effectWords(ctx, o);
    boxes.push(box(effectTitle(ctx, o), w.value(d.estimate), w.ci(d.lower, d.upper)));
    boxes.push(box(t.msg.keyFigureD, o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–'));
    boxes.push(box(t.msg.keyFigureP, t.fmt.p(d.p).replace(/^p\s*=?\s*/, '')));
  }
  if (ctx.economics) boxes.push(box(t.msg.keyFigureNet, t.fmt.money(ctx.economics.businessCase.netPerCitizen)));
  return boxes.length ? `<div class="figures">${boxes.join('')}</div>` : '';
}

/** The effect's box title: "Difference (points)"; another measure by its name (capitalised), with its unit when it has one. */
function effectTitle(ctx: ChartContext, o: OutcomeResult): string {
  const w = effectWords(ctx, o);
  return (o.measure ?? 'mean-difference') === 'mean-difference' ? ctx.t.msg.keyFigureDifference(ctx.names.unit(o)) : `${w.title}${w.unit ? ` (${w.unit})` : ''}`;
}

/** k arms: one box per comparison, its primary effect, the pair in the label, CI, p and Cohen's d below the number. */
function pairFigure(ctx: ChartContext, c: Comparison, box: (k: string, v: string, sub?: string) => string): string[] {
  const { t } = ctx;
  const o = ctx.primary;
  if (!o?.difference || o.status !== 'estimated') return [];
  const d = o.difference;
  const w = effectWords(ctx, o);
  const sub = [w.ci(d.lower, d.upper), t.fmt.p(d.p), ...(o.cohensD ? [`${t.msg.keyFigureD} ${t.fmt.num(o.cohensD.estimate, 2)}`] : [])].join('; ');
  return [box(t.msg.keyFigurePair(effectTitle(ctx, o), c.intervention.label, c.control.label), w.value(d.estimate), sub)];
}

/** The question: the first comparison's; with k arms every comparison of the primary family, as one question when they share a control. */
function questionText(ctx: ChartContext, o: OutcomeResult): string {
  const { t } = ctx;
  const pairs = primaryFamily(ctx).map(([c, x]) => c ?? x);
  const ask = (i: string, c: string) => t.msg.question(i, midSentence(c), t.loc(o.name), ctx.names.visit(o.visit));
  if (pairs.length < 2) return ask(ctx.intervention.name, ctx.control.name);
  const control = pairs[0].control;
  if (pairs.every((p) => p.control.label === control.label)) return t.msg.questionArms(t.msg.listWords(pairs.map((p) => p.intervention.name)), midSentence(control.name), t.loc(o.name), ctx.names.visit(o.visit));
  return pairs.map((p) => ask(p.intervention.name, p.control.name)).join(' ');
}

export function summarySection(m: PageModel): Section {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  const question = o ? questionText(ctx, o) : '';
  const html = [
    syntheticBanner(m),
    plainWords(m),
    `<div class="block"><h3>${esc(t.msg.questionTitle)}</h3>${para(question, 'lead')}</div>`,
    `<div class="block"><h3>${esc(t.msg.answerTitle)}</h3>${answer(m)}</div>`,
    keyFigures(m),
    `<div class="block"><h3>${esc(t.msg.moneyTitle)}</h3>${money(m)}</div>`,
  ].join('\n');
  return { id: 'summary', title: t.msg.summaryTitle, html };
}
