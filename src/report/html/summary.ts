/**
 * Page 1, for a committee member with two minutes: the question, the answer and the money in
 * plain language, with four key figures. Every sentence is generated from the numbers.
 */
import type { PageModel, Section } from './model.ts';
import { para } from './model.ts';
import { esc } from './escape.ts';
import { anyResponderSuppressed, responderRateText } from '../charts/responder-text.ts';

function answer(m: PageModel): string {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  const conf = ctx.results.confLevel;
  if (!o || o.status !== 'estimated' || !o.difference) return para(t.msg.answerNotEstimable, 'answer');
  const d = o.difference;
  const excludesZero = d.lower > 0 || d.upper < 0;
  const benefit = d.estimate * d.benefitSign > 0;
  const verdict = !excludesZero ? t.msg.answerUnclear : benefit ? t.msg.answerBenefit : t.msg.answerHarm;
  const parts = [para(verdict, `answer${excludesZero && benefit ? ' benefit' : ''}`)];
  parts.push(para(t.msg.answerDetail(t.fmt.num(d.estimate, 1), t.fmt.ci(d.lower, d.upper, 1, conf), t.fmt.p(d.p), o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–')));
  const r = o.responder;
  const ri = r?.rate[ctx.intervention.label];
  const rc = r?.rate[ctx.control.label];
  if (r && ri && rc && anyResponderSuppressed(o)) {
    // 1–4 responders or non-responders in an arm: the percentages and the difference would give the count back.
    parts.push(para(t.msg.responderLineSuppressed(t.loc(r.definition), ctx.intervention.label, responderRateText(ctx, ctx.intervention.label, ri, false), ctx.control.label, responderRateText(ctx, ctx.control.label, rc, false))));
  } else if (r && ri && rc) {
    const rd = r.riskDifference;
    parts.push(para(t.msg.responderLine(t.loc(r.definition), ctx.intervention.label, t.fmt.pct(ri.estimate), ctx.control.label, t.fmt.pct(rc.estimate), t.fmt.num(rd.estimate * 100, 0), t.fmt.ci(rd.lower * 100, rd.upper * 100, 0, conf))));
    if (r.nnt.kind === 'benefit' && !r.nnt.crossesZero && r.nnt.estimate !== null) parts.push(para(t.msg.nntLine(t.fmt.int(Math.ceil(r.nnt.estimate)))));
  }
  // The sentence is about the primary visit, names that visit and only the safety outcomes measured at it.
  const atVisit = ctx.results.safety.filter((s) => s.visit === o.visit);
  const signals = atVisit.filter((s) => s.rateRatio && (s.rateRatio.lower > 1 || s.rateRatio.upper < 1));
  const names = [...new Set(atVisit.map((s) => t.loc(s.name)))].join(', ');
  const safety = signals.length === 0 ? t.msg.safetyNoSignal(names) : signals.map((s) => `${t.loc(s.name)}: ${t.msg.rateRatio.toLowerCase()} ${t.fmt.num(s.rateRatio!.estimate, 2)} (${t.fmt.ci(s.rateRatio!.lower, s.rateRatio!.upper, 2, conf)})`).join('; ');
  if (atVisit.length > 0) parts.push(para(t.msg.safetyLine(t.label('visits', o.visit), safety)));
  return parts.join('\n');
}

function money(m: PageModel): string {
  const { t, economics: e } = m.ctx;
  if (!e) return para(t.msg.moneyAbsent);
  const bc = e.businessCase;
  const lines = [
    t.msg.moneyCost(t.fmt.money(bc.costPerCitizenDiscounted)),
    t.msg.moneySaving(t.fmt.money(bc.savingPerCitizen)),
    t.msg.moneyNet(t.fmt.money(bc.netPerCitizen)),
    t.msg.moneyTotal(t.fmt.money(bc.totalNet), t.fmt.int(bc.participants), t.fmt.int(e.scenario.programme.years)),
    t.msg.moneyProbability(t.fmt.pct(e.psa.probabilityNetSaving, 1)),
    bc.paybackYear === null ? t.msg.moneyNoPayback : t.msg.moneyPayback(t.fmt.int(bc.paybackYear)),
  ];
  const effectName = (id: string) => e.scenario.effects.find((x) => x.id === id)?.name[t.lang] ?? id;
  const linked = e.link?.linked ?? [];
  // A rate from a responder result with 1–4 (non-)responders in an arm would give that count back: "–".
  const hidden = (metric: string) => {
    const er = m.ctx.results.effectRates.find((x) => x.metric === metric);
    // effectRates[].estimator describes the pooling, so every responder row of that outcome, visit and population counts.
    return er ? m.ctx.results.outcomes.some((o) => o.id === er.outcomeId && o.visit === er.visit && o.population === er.population && anyResponderSuppressed(o)) : false;
  };
  if (linked.length) lines.push(t.msg.moneyFromTrial(linked.map((l) => `${effectName(l.effect).toLowerCase()} ${hidden(l.metric) ? '–' : t.fmt.pct(l.rate, 1)}${l.pooled ? ` ${t.msg.pooledRateNote}` : ''}`).join(', ')));
  return lines.map((l) => para(l)).join('\n');
}

function keyFigures(m: PageModel): string {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  const box = (k: string, v: string) => `<div class="figure-box"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`;
  const boxes: string[] = [];
  if (o?.difference) {
    boxes.push(box(t.msg.keyFigureDifference, t.fmt.num(o.difference.estimate, 1)));
    boxes.push(box(t.msg.keyFigureD, o.cohensD ? t.fmt.num(o.cohensD.estimate, 2) : '–'));
    boxes.push(box(t.msg.keyFigureP, t.fmt.p(o.difference.p).replace(/^p\s*/, '')));
  }
  if (ctx.economics) boxes.push(box(t.msg.keyFigureNet, t.fmt.money(ctx.economics.businessCase.netPerCitizen)));
  return boxes.length ? `<div class="figures">${boxes.join('')}</div>` : '';
}

export function summarySection(m: PageModel): Section {
  const { ctx } = m;
  const { t } = ctx;
  const o = ctx.primary;
  const question = o ? t.msg.question(ctx.intervention.name, ctx.control.name.charAt(0).toLowerCase() + ctx.control.name.slice(1), t.loc(o.name), t.label('visits', o.visit)) : '';
  const html = [
    `<div class="block"><h3>${esc(t.msg.questionTitle)}</h3>${para(question, 'lead')}</div>`,
    `<div class="block"><h3>${esc(t.msg.answerTitle)}</h3>${answer(m)}</div>`,
    keyFigures(m),
    `<div class="block"><h3>${esc(t.msg.moneyTitle)}</h3>${money(m)}</div>`,
  ].join('\n');
  return { id: 'summary', title: t.msg.summaryTitle, html };
}
