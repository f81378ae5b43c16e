/** Harms, subgroups, and the interpretation with limitations. */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { esc } from './escape.ts';
import { estCi, num, renderTable, type Cell } from './tables.ts';
import { keyOf } from '../disclosure/model.ts';
import { sensitivityRows } from '../charts/sensitivity.ts';
import { healthFlag } from '../charts/economics-facts.ts';
import { own } from '../i18n/own.ts';
import { comparisonBlocks, comparisonContexts } from '../charts/context.ts';
import type { ChartContext } from '../charts/types.ts';
import { benefitSide, excludesNoEffect, verdictOf, type Verdict } from '../charts/effect-words.ts';
import { measureNumbers } from '../../analysis/text/sentences.ts';
import { primaryMissingShares } from './missing-shares.ts';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function safetySection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const arms = ctx.arms;
  const ci = t.fmt.ciLabel(results.confLevel);
  const head: Cell[] = [t.msg.outcome, t.msg.visit, ...arms.map((a) => num(a.label)), num(`${t.msg.rateRatio} (${ci})`), num(t.msg.pValue)];
  const rows: Cell[][] = results.safety.map((s) => [
    capitalise(t.loc(s.name)),
    ctx.names.visit(s.visit),
    ...arms.map((a): Cell => {
      const c = own(s.byArm, a.label);
      if (!c) return num('–');
      // With the participants with an event withheld, the model withholds the total too (often 1 event each).
      const events = c.total;
      const total = Number.isFinite(events) ? t.fmt.count(events) : '–';
      const withEvent = ctx.count(keyOf('safety', s.id, s.visit, a.label), c.participantsWithEvent);
      return { html: `${esc(`${withEvent} / ${ctx.count(keyOf('safetyN', s.id, s.visit, a.label), c.n)}`)}<span class="ci">${esc(t.msg.harmsTotal(total))}</span>`, className: 'num' };
    }),
    s.rateRatio ? estCi(t.fmt.num(s.rateRatio.estimate, 2), t.fmt.range(s.rateRatio.lower, s.rateRatio.upper, 2)) : num(t.msg.notEstimable),
    num(s.rateRatio ? t.fmt.pBare(s.rateRatio.p) : ''),
  ]);
  const events = results.events.map((e) => [capitalise(t.loc(e.name)), ...arms.map((a) => num(ctx.count(keyOf('event', e.id, a.label), own(e.byArm, a.label) ?? 0)))]);
  const names = [...new Set(results.safety.map((s) => t.loc(s.name)))];
  const html = [
    rows.length ? para(t.msg.safetyIntro(capitalise(t.msg.listWords(names)), ctx.intervention.label, ctx.control.label)) : '',
    rows.length ? renderTable({ caption: t.msg.safetyCaption, head, rows }, m) : para(t.msg.noRows),
    `<h3>${esc(t.msg.seriousEventsTitle)}</h3>`,
    events.length ? renderTable({ caption: t.msg.eventsCaption, head: [t.msg.event, ...arms.map((a) => num(a.label))], rows: events }, m) : para(t.msg.noRows),
  ].join('\n');
  return { id: 'safety', title: t.msg.safetyTitle, html };
}

export function subgroupSection(m: PageModel): Section | null {
  const { ctx } = m;
  const { t, results } = ctx;
  const first = results.subgroups[0];
  if (!first || !m.charts.has('subgroups')) return null;
  const o = results.outcomes.find((x) => x.id === first.outcomeId);
  // In the measure the subgroup chart's axis names (the outcome's first row's), not always "difference".
  const [noun, nounDefinite] = t.msg.measureWords[o?.measure ?? 'mean-difference'] ?? t.msg.measureWords['mean-difference'];
  const intro = t.msg.subgroupIntro(o ? t.loc(o.name) : first.outcomeId, ctx.names.visit(first.visit), noun);
  return { id: 'subgroups', title: t.msg.subgroupTitle, html: para(intro) + figure(m, 'subgroups', t.msg.subgroupCaption(nounDefinite)) };
}

/**
 * What the results mean and what limits them (CONSORT 2025 items 29–30): generated from the
 * numbers — the primary answer, what held in the sensitivity analyses, harms, the outcomes left
 * unsupported — and the limitations the data show (missing outcomes, the per-protocol caveat,
 * multiplicity, synthetic data, economics assumptions), plus those the spec states.
 */
export function discussionSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const o = ctx.primary;
  const interp: string[] = [];
  const limits: string[] = [];
  if (o?.difference) {
    if (ctx.comparisons.length < 2) interp.push(...interpretation(ctx, false).sentences);
    else {
      // k arms: one item per comparison, each naming its pair; the exploratory note once after them.
      const items = comparisonContexts(ctx).map(([, c]) => interpretation(c, true));
      interp.push(...items.filter((x) => x.sentences.length > 0).map((x) => x.sentences.join(' ')));
      if (items.some((x) => x.others)) interp.push(t.msg.interpExploratory);
    }
    // Share not analysed per arm, each from a row that compares it (missing-shares.ts); an arm whose analysed n is withheld has none (the share would give it back).
    // A time-to-event outcome has no value "missing at random": its missing follow-up is censoring,
    // which its estimand and methods describe; the sentence (MAR, "0%–100% lack the primary outcome"
    // on survival::colon, the third arm counted as missing) is not said.
    const missing = o.kind === 'time-to-event' ? [] : primaryMissingShares(ctx, o);
    // Said only when something is missing; one share when the arms' round to the same.
    if (missing.length && Math.max(...missing) > 0) {
      const [lo, hi] = [t.fmt.pct(Math.min(...missing)), t.fmt.pct(Math.max(...missing))];
      // "…and the tipping point show…" only where the analysis computed one for the primary outcome.
      limits.push(t.msg.limitMissing(lo === hi ? lo : `${lo}–${hi}`, ctx.names.visit(o.visit), results.tippingPoints.some((tp) => tp.outcomeId === o.id)));
    }
  }
  if (results.safety.length) interp.push(results.safety.some((s) => s.rateRatio && (s.rateRatio.lower > 1 || s.rateRatio.upper < 1)) ? t.msg.interpHarmsSignal : t.msg.interpHarmsNone);
  if (results.populations?.some((p) => p.rule.type === 'adherence')) limits.push(t.msg.limitPerProtocol);
  if (comparisonBlocks(ctx).some(([, rows]) => rows.some((x) => x.multiplicity?.method.startsWith('none')))) limits.push(t.msg.limitMultiplicity);
  if (results.trial.blinding === undefined) limits.push(t.msg.limitBlinding);
  if (ctx.economics) limits.push(t.msg.limitEconomics);
  const flag = healthFlag(ctx);
  if (flag) limits.push(t.msg.limitHealth(t.msg.listWords([...new Set(flag.rows.map((r) => t.loc(r.name)))])));
  if (results.trial.limitations) limits.push(t.loc(results.trial.limitations));
  if (ctx.synthetic) limits.unshift(t.msg.limitSynthetic);
  const list = (xs: string[]) => `<ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  const html = [`<h3>${esc(t.msg.interpretationTitle)}</h3>`, list(interp), `<h3>${esc(t.msg.limitationsTitle)}</h3>`, list(limits)].join('\n');
  return { id: 'discussion', title: t.msg.discussionTitle, html };
}

/**
 * One comparison's primary answer, whether it held in every analysis of the primary outcome, and
 * its other outcomes with and without a clear difference. `named`: the sentences name the pair
 * (k arms, where "the intervention" no longer says which arm); the note on exploratory outcomes
 * is then left to the caller, to be said once.
 */
function interpretation(ctx: ChartContext, named: boolean): { sentences: string[]; others: boolean } {
  const { t } = ctx;
  const o = ctx.primary;
  if (!o?.difference) return { sentences: [], others: false };
  const out: string[] = [];
  const conf = ctx.results.confLevel;
  // The verdict respects the family's adjustment for multiple comparisons (verdictOf).
  const v = verdictOf(o, conf);
  const [name, visit, i, c] = [t.loc(o.name), ctx.names.visit(o.visit), ctx.intervention.label, ctx.control.label];
  if (named) out.push(v.kind === 'benefit' ? t.msg.interpBenefitPair(i, c, name, visit) : v.kind === 'harm' ? t.msg.interpHarmPair(i, c, name, visit) : v.kind === 'not-confirmed' ? t.msg.interpNotConfirmedPair(i, c, name, visit, v.better) : t.msg.interpUnclearPair(i, c, name, visit));
  else out.push(v.kind === 'benefit' ? t.msg.interpBenefit(name, visit) : v.kind === 'harm' ? t.msg.interpHarm(name, visit) : v.kind === 'not-confirmed' ? t.msg.interpNotConfirmed(name, visit, v.better) : t.msg.interpUnclear(name, visit));
  const s = sensitivityRows(ctx);
  if (s) {
    // Interval against interval: the sensitivity analyses are not in a multiplicity family, so the primary row's own unadjusted interval is their yardstick.
    const significant = excludesNoEffect(o);
    const all = [...s.shown, ...s.identical].filter((x) => x.difference);
    // Which side of no effect, as benefit or harm: a Cox row's hazard ratio 0.69 and its RMST
    // difference +0.31 years point the same way (survival::colon), though one is below 1 and the other above 0.
    const side = (x: OutcomeResult) => benefitSide(measureNumbers(x.measure ?? 'mean-difference'), x.difference!);
    // Two intervals that both include no effect say the same ("no clear difference") whichever
    // way their estimates lean: colon's Lev vs Obs, hazard ratio 0.97 and RMST difference −0.04 years.
    const same = all.filter((x) => excludesNoEffect(x) === significant && (!significant || side(x) === side(o)));
    out.push(same.length === all.length ? t.msg.interpRobust(String(all.length)) : t.msg.interpFragile(String(all.length - same.length), String(all.length)));
  }
  const others = ctx.mainRows.filter((x) => x !== o && x.difference && x.role !== 'safety');
  const group = (kind: (k: Verdict['kind']) => boolean) => {
    const names = others.filter((x) => kind(verdictOf(x, conf).kind)).map((x) => t.loc(x.name));
    return names.length ? t.msg.listWords(names) : null;
  };
  const [yes, no, unconfirmed] = [group((k) => k === 'benefit' || k === 'harm'), group((k) => k === 'unclear'), group((k) => k === 'not-confirmed')];
  if (others.length) out.push(named ? t.msg.interpOthersPair(yes, no, unconfirmed) : t.msg.interpOthers(yes, no, unconfirmed));
  return { sentences: out, others: others.length > 0 };
}
