/**
 * The economics, following the CHEERS 2022 items that apply to a budget-impact business case
 * and a social-investment settlement: perspective, population, horizon, discount rate, currency
 * and price year, the source of every assumption (the fund's SØM figures versus this trial),
 * the cost per citizen split into pre-financing and the investor's return, the payment schedule,
 * the rate card and cap, the uncertainty (P(net saving > 0), P(investor repaid), the 95 % range),
 * break-even, and a flag where a saving rests on an effect the trial did not show.
 */
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { esc } from './escape.ts';
import { num, renderTable, type Cell } from './tables.ts';
import { effectRateHidden, healthFlag, lastYear, municipalNetAt } from '../charts/economics-facts.ts';

export function economicsSection(m: PageModel): Section | null {
  const { ctx } = m;
  const { t, economics: e } = ctx;
  // Withheld by the publishable model: the section says so instead of printing amounts.
  if (!e) return ctx.economicsWithheld.length ? { id: 'economics', title: t.msg.economicsTitle, html: para(t.msg.economicsWithheld) } : null;
  const s = e.scenario;
  const bc = e.businessCase;
  const st = e.settlement;
  const conf = ctx.results.confLevel;
  const n = bc.participants;
  const effects = s.effects.map((x) => {
    const linked = e.link?.linked.find((l) => l.effect === x.id);
    // A rate from a suppressed responder result would give the small count back: "–".
    const value = linked ? (effectRateHidden(ctx, linked.metric) ? '–' : `${t.fmt.pct(linked.rate, 1)} (${t.fmt.ci(linked.lower * 100, linked.upper * 100, 1, conf)})`) : t.fmt.pct(x.rate, 2);
    // The trial's metric named by its outcome and visit (results.effectRates), not by its id.
    const er = linked ? ctx.results.effectRates.find((r) => r.metric === linked.metric) : undefined;
    const outcome = er ? ctx.results.outcomes.find((o) => o.id === er.outcomeId) : undefined;
    const what = er && outcome ? t.msg.respondersOn(t.loc(outcome.name), ctx.names.visit(er.visit)) : (linked?.metric ?? '');
    return [t.msg.effectRateItem(x.name[t.lang].toLowerCase()), value, linked ? t.msg.sourceTrial(what, linked.pooled) : t.msg.sourceProvenance[x.provenance]] as const;
  });
  const groups = s.targetGroups.map((g) => [t.msg.savingItem(g.name[t.lang]), t.msg.savingValue(t.fmt.money(g.savingPerSuccess.total), t.fmt.pct(g.share)), t.msg.sourceFund] as const);
  const cap = s.investor.cap;
  const assumptions: Cell[][] = [
    [t.msg.perspectiveItem, t.msg.perspectiveValue, t.msg.sourceScenario],
    [t.msg.populationItem, t.msg.populationValue(t.fmt.int(n), t.fmt.int(s.programme.groupsPerYear), t.fmt.int(s.programme.participantsPerGroup), t.fmt.int(s.programme.years)), t.msg.sourceFundPlan],
    [t.msg.horizonItem, t.msg.horizonValue(String(s.horizonYears), String(lastYear(ctx))), t.msg.sourceFundPlan],
    [t.msg.discountItem, t.msg.discountValue(t.fmt.pct(s.discountRate, 1)), t.msg.sourceScenario],
    [t.msg.priceYearItem, t.msg.priceYearValue(s.currency), t.msg.sourceNotStated],
    [t.msg.costItem, t.fmt.money(s.costPerCitizen), t.msg.sourceFundPlan],
    ...effects.map((r) => [...r]),
    ...groups.map((r) => [...r]),
    [t.msg.prefinancingItem, t.fmt.money(s.investor.prefinancingPerCitizen), t.msg.sourceAssumed],
    ...s.investor.rateCard.map((r) => [t.msg.rateCardItem((s.effects.find((x) => x.id === r.effect)?.name[t.lang] ?? r.effect).toLowerCase()), t.msg.rateCardValue(t.fmt.money(r.pricePerOutcome), r.basis === 'net'), t.msg.sourceAssumed]),
    [t.msg.capItem, cap === undefined ? t.msg.noCap : t.fmt.money(cap), t.msg.sourceAssumed],
    [t.msg.lagItem, t.msg.lagValue(String(s.investor.paymentLagYears)), t.msg.sourceAssumed],
    [t.msg.psaItem, t.msg.psaValue(t.fmt.int(e.psa.draws), String(e.psa.seed)), t.msg.sourceScenario],
  ];
  const sourceDoc = s.source;

  const years = s.programme.years;
  const last = lastYear(ctx);
  const k = (x: number) => t.fmt.num(x / 1000, 0);
  const byYear = new Map(st.cashFlow.map((c) => [c.year, c]));
  const schedule: Cell[][] = bc.cashFlow.map((c) => {
    const inv = byYear.get(c.year);
    const saving = c.savings.social + c.savings.health + c.savings.employment;
    return [String(c.year), num(k(saving)), num(k(c.cost)), num(k(inv?.outcomePayments ?? 0)), num(k(inv?.prefinancing ?? 0)), num(k(municipalNetAt(ctx, c.year) ?? 0))];
  });
  const rateCard: Cell[][] = st.rateCard.map((r) => [
    (s.effects.find((x) => x.id === r.effect)?.name[t.lang] ?? r.effect),
    num(t.fmt.money(r.pricePerOutcome)),
    num(t.fmt.num(r.outcomes, 1)),
    num(t.fmt.money(r.paymentsBeforeLimits)),
    num(t.fmt.money(r.payments)),
  ]);
  rateCard.push([{ html: `<strong>${esc(t.msg.rateCardTotal)}</strong>` }, num(''), num(''), num(t.fmt.money(st.paymentsBeforeLimits)), { html: `<strong>${esc(t.fmt.money(st.totalPayments))}</strong>`, className: 'num' }]);
  const perCitizen = (x: number) => t.fmt.money(x / n);
  const flag = healthFlag(ctx);
  const html = [
    para(t.msg.economicsIntro(t.loc(s.title))),
    renderTable({ caption: t.msg.assumptionsCaption, head: [t.msg.itemLabel, t.msg.valueLabel, t.msg.sourceLabel], rows: assumptions, className: 'data text' }, m),
    // The scenario's source is free text in one language (English): named in English only, where it is readable as written.
    t.lang === 'en' ? para(t.msg.sourceDocument(sourceDoc), 'meta') : para(t.msg.sourceDocumentElsewhere(s.id), 'meta'),
    flag ? `<div class="notice">${para(t.msg.healthFlag(t.fmt.money(flag.perCitizen), t.msg.listWords(flag.rows.map((r) => `${t.loc(r.name)} (${t.msg.rateRatio.toLowerCase()} ${t.fmt.num(r.rateRatio!.estimate, 2)}, ${t.fmt.ci(r.rateRatio!.lower, r.rateRatio!.upper, 2, conf)})`)), t.fmt.money(flag.netWithout)))}</div>` : '',
    `<h3>${esc(t.msg.economicsResultsTitle)}</h3>`,
    para(t.msg.economicsResult(t.fmt.money(bc.savingPerCitizen), t.fmt.money(bc.costPerCitizenDiscounted), t.fmt.money(bc.netPerCitizen))),
    para(t.msg.economicsTotals(String(years), t.fmt.millions(municipalNetAt(ctx, years) ?? 0), String(last), t.fmt.millions(municipalNetAt(ctx, last) ?? bc.totalNet), bc.paybackYear === null ? null : String(bc.paybackYear))),
    figure(m, 'economics-cash-flow', t.msg.cashFlowCaption),
    figure(m, 'economics-savings', t.msg.savingsCaption),
    `<h3>${esc(t.msg.investorTitle)}</h3>`,
    // The price splits into pre-financing and return only when the contract's payments add up to it.
    Math.abs(st.totalPayments / n - bc.costPerCitizen) < 0.5 ? para(t.msg.investorSplit(t.fmt.money(bc.costPerCitizen), perCitizen(st.totalPrefinancing), perCitizen(st.totalPayments - st.totalPrefinancing), t.fmt.money(st.totalPayments), st.limitApplied)) : '',
    para(t.msg.investorSummary(t.fmt.money(st.totalPrefinancing), t.fmt.money(st.totalPayments), st.irr === null ? '–' : t.fmt.pct(st.irr, 1), String(s.investor.paymentLagYears))),
    renderTable({ caption: t.msg.rateCardCaption, head: [t.msg.paymentMetric, num(t.msg.pricePerOutcome), num(t.msg.outcomesAchieved), num(t.msg.paymentsBefore), num(t.msg.paymentsAfter)], rows: rateCard }, m),
    renderTable({ caption: t.msg.scheduleCaption(t.msg.thousandKroner), head: [t.msg.year, num(t.msg.scheduleSavings), num(t.msg.scheduleCost), num(t.msg.schedulePayments), num(t.msg.schedulePrefinancing), num(t.msg.scheduleCumulative)], rows: schedule }, m),
    para(t.msg.scheduleNote(String(s.investor.paymentLagYears))),
    `<h3>${esc(t.msg.uncertaintyTitle)}</h3>`,
    para(t.msg.uncertaintyText(t.fmt.int(e.psa.draws), t.fmt.pct(e.psa.probabilityNetSaving, 1), t.fmt.pct(e.psa.probabilityInvestorRepaid, 1), t.fmt.millions(e.psa.totalNet.median), t.fmt.millions(e.psa.totalNet.lower), t.fmt.millions(e.psa.totalNet.upper))),
    ...Object.entries(bc.breakEvenEffectRates ?? {}).map(([id, r]) => para(t.msg.breakEven((s.effects.find((x) => x.id === id)?.name[t.lang] ?? id).toLowerCase(), t.fmt.pct(r, 2), t.fmt.money(bc.breakEvenCostPerCitizen)))),
    figure(m, 'economics-break-even', t.msg.breakEvenCaption),
    figure(m, 'economics-psa', t.msg.psaCaption),
    figure(m, 'economics-tornado', t.msg.tornadoCaption),
  ].join('\n');
  return { id: 'economics', title: t.msg.economicsTitle, html };
}
