/**
 * The report's time-to-event section (results.timeToEvent; docs/time-to-event.md): the
 * Kaplan–Meier and cumulative-incidence charts (charts/time-to-event.ts) and, per outcome, a
 * table per arm (participants, events, median with CI, proportion with the event by τ, RMST) and a
 * table per comparison (hazard ratio with CI, p and multiplicity-adjusted p, log-rank p, RMST
 * difference, proportional-hazards test). Every arm and every comparison of the trial; event
 * counts go through the disclosure plan (tteN, tteEvents: "<5", or "–" where one would be recoverable). The
 * words are in this file in both languages, so the shared catalogue is untouched.
 */
import type { Lang, OutcomeResult, TimeToEventResult } from '../../analysis/results/types.ts';
import type { CompetingRisksAnalysis, SurvivalAnalysis } from '../../analysis/survival/types.ts';
import { publishedLabel } from '../privacy.ts';
import { keyOf } from '../disclosure/model.ts';
import { figure, para, type PageModel, type Section } from './model.ts';
import { renderTable, type Cell } from './tables.ts';
import { esc } from './escape.ts';
import { medianDecimals, rmstDecimals, tauDecimals } from '../../analysis/text/time-decimals.ts';

const words: Record<Lang, Record<string, string>> = {
  da: {
    title: 'Tid til hændelse',
    intro: 'Tid fra randomisering til hændelsen for hver arm: andelen med hændelsen (1 − Kaplan–Meier) med konfidensbånd og antal i risiko; hvert trin i en kurve samler mindst 5 hændelser og er tegnet ved intervallets slutning, og kurverne stopper, hvor færre end 5 er i risiko. Hazardratioen er fra en Cox-model (Efron, stratificeret som randomiseringen) for de to arme i hver sammenligning; RMST er den begrænsede middeltid til hændelsen op til τ.',
    arm: 'Arm', n: 'n', events: 'Hændelser', median: 'Median', byTau: 'Andel med hændelsen ved τ', rmst: 'RMST til τ',
    comparison: 'Sammenligning', hr: 'Hazardratio', p: 'p', pAdj: 'Justeret p', logRank: 'Log-rank p', rmstDiff: 'RMST-forskel', ph: 'PH-test p',
    competingIntro: 'Med konkurrerende hændelser: kumuleret incidens (Aalen–Johansen) for hver årsag og årsagsspecifikke hazardratioer (de andre årsager censureret).',
    cause: 'Årsag', incidence: 'Kumuleret incidens ved τ', incDiff: 'Forskel i incidens', notReached: 'ikke nået',
  },
  en: {
    title: 'Time to event',
    intro: 'Time from randomisation to the event in each arm: the proportion with the event (1 − Kaplan–Meier) with its confidence band and the number at risk; each step of a curve gathers at least 5 events and is drawn at the end of its interval, and curves stop where fewer than 5 remain at risk. The hazard ratio is from a Cox model (Efron, stratified as randomised) of the two arms of each comparison; RMST is the restricted mean time to the event up to τ.',
    arm: 'Arm', n: 'n', events: 'Events', median: 'Median', byTau: 'Proportion with the event by τ', rmst: 'RMST to τ',
    comparison: 'Comparison', hr: 'Hazard ratio', p: 'p', pAdj: 'Adjusted p', logRank: 'Log-rank p', rmstDiff: 'RMST difference', ph: 'PH test p',
    competingIntro: 'With competing events: the cumulative incidence (Aalen–Johansen) of each cause and cause-specific hazard ratios (the other causes censored).',
    cause: 'Cause', incidence: 'Cumulative incidence by τ', incDiff: 'Difference in incidence', notReached: 'not reached',
  },
};

const numCell = (text: string): Cell => ({ text, className: 'num' });

function survivalTables(m: PageModel, r: TimeToEventResult, a: SurvivalAnalysis, rows: readonly OutcomeResult[]): string {
  const { t } = m.ctx;
  const w = words[t.lang];
  const f = t.fmt;
  const ci = (lo: number | null, hi: number | null, d: number) => (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi) ? '' : ` (${f.range(lo, hi, d)})`);
  // Times on τ's scale (time-decimals.ts): the same decimals for each arm's RMST and their differences.
  const rmstD = rmstDecimals(a.tau);
  const medianD = medianDecimals(a.tau);
  const armRows: Cell[][] = a.arms.map((x) => {
    const atTau = x.landmarks.find((l) => l.time === a.tau);
    const med = x.median.estimate === null ? w.notReached : f.num(x.median.estimate, medianD);
    return [
      x.arm, numCell(m.ctx.count(keyOf('tteN', r.id, x.arm), x.n)), numCell(m.ctx.count(keyOf('tteEvents', r.id, x.arm), x.events)), numCell(`${med}${ci(x.median.lower, x.median.upper, medianD)}`),
      numCell(atTau ? `${f.pct(1 - atTau.surv, 1)}${atTau.lower !== null && atTau.upper !== null ? ` (${f.pct(1 - atTau.upper, 1)}–${f.pct(1 - atTau.lower, 1)})` : ''}` : '–'),
      numCell(`${f.num(x.rmst.estimate, rmstD)}${ci(x.rmst.lower, x.rmst.upper, rmstD)}`),
    ];
  });
  const timeUnit = m.ctx.names.timeUnit(r.id, a.unit);
  const unit = timeUnit ? ` (${timeUnit})` : '';
  const armTable = renderTable({ caption: `${publishedLabel(t.loc(r.name))}: τ = ${f.num(a.tau, tauDecimals(a.tau))}${unit}`, head: [w.arm, numCell(w.n), numCell(w.events), numCell(`${w.median}${unit}`), numCell(w.byTau), numCell(`${w.rmst}${unit}`)], rows: armRows }, m);
  const cmpRows: Cell[][] = a.comparisons.map((c) => {
    const row = rows.find((o) => o.comparison === c.id && o.estimator === 'cox');
    const hr = c.cox.hazardRatio === null ? '–' : `${f.num(c.cox.hazardRatio, 2)}${ci(c.cox.lower, c.cox.upper, 2)}`;
    return [
      c.id, numCell(hr), numCell(c.cox.p === null ? '–' : f.p(c.cox.p)), numCell(row?.difference && row.multiplicity ? f.p(row.difference.pAdjusted) : '–'),
      numCell(f.p(c.logRank.p)), numCell(`${f.num(c.rmstDifference.estimate, rmstD)}${ci(c.rmstDifference.lower, c.rmstDifference.upper, rmstD)}`),
      numCell(c.cox.proportionalHazards ? f.p(c.cox.proportionalHazards.p) : '–'),
    ];
  });
  const cmpTable = renderTable({ head: [w.comparison, numCell(w.hr), numCell(w.p), numCell(w.pAdj), numCell(w.logRank), numCell(`${w.rmstDiff}${unit}`), numCell(w.ph)], rows: cmpRows });
  return armTable + cmpTable;
}

function competingTables(m: PageModel, r: TimeToEventResult, a: CompetingRisksAnalysis): string {
  const { t } = m.ctx;
  const w = words[t.lang];
  const f = t.fmt;
  const pctCi = (x: { estimate: number; lower: number; upper: number }) => `${f.pct(x.estimate, 1)}${Number.isFinite(x.lower) && Number.isFinite(x.upper) ? ` (${f.pct(x.lower, 1)}–${f.pct(x.upper, 1)})` : ''}`;
  // Each cause by the spec's name for it (labels.causes), not its code ("disability_pension").
  const cause = (c: string) => m.ctx.names.cause(r.id, c);
  const head: Cell[] = [w.arm, ...a.causes.map((c) => numCell(`${cause(c)}: ${w.incidence}`))];
  const armRows: Cell[][] = a.arms.map((x) => [x.arm, ...a.causes.map((c) => numCell(pctCi(x.byCause.find((b) => b.cause === c)!.atTau)))]);
  const timeUnit = m.ctx.names.timeUnit(r.id, a.unit);
  const unit = timeUnit ? ` ${timeUnit}` : '';
  const armTable = renderTable({ caption: `${publishedLabel(t.loc(r.name))}: τ = ${f.num(a.tau, tauDecimals(a.tau))}${unit}`, head, rows: armRows }, m);
  const cmpRows: Cell[][] = a.comparisons.flatMap((c) =>
    c.byCause.map((b) => [
      c.id, cause(b.cause),
      numCell(b.causeSpecificCox.hazardRatio === null ? '–' : `${f.num(b.causeSpecificCox.hazardRatio, 2)}${b.causeSpecificCox.lower !== null && b.causeSpecificCox.upper !== null ? ` (${f.range(b.causeSpecificCox.lower, b.causeSpecificCox.upper, 2)})` : ''}`),
      numCell(b.causeSpecificCox.p === null ? '–' : f.p(b.causeSpecificCox.p)),
      numCell(Number.isFinite(b.difference.estimate) ? `${f.num(100 * b.difference.estimate, 1)} (${f.range(100 * b.difference.lower, 100 * b.difference.upper, 1)})` : '–'),
    ]),
  );
  const cmpTable = renderTable({ head: [w.comparison, w.cause, numCell(w.hr), numCell(w.p), numCell(`${w.incDiff} (pp)`)], rows: cmpRows });
  return armTable + cmpTable;
}

export function timeToEventSection(m: PageModel): Section | null {
  const tte = m.ctx.results.timeToEvent ?? [];
  if (tte.length === 0) return null;
  const w = words[m.ctx.t.lang];
  const parts: string[] = [para(w.intro), figure(m, 'time-to-event')];
  for (const r of tte) {
    const rows = m.ctx.results.outcomes.filter((o) => o.id === r.id);
    if (r.analysis.kind === 'survival') parts.push(`<h3>${esc(publishedLabel(m.ctx.t.loc(r.name)))}</h3>`, survivalTables(m, r, r.analysis, rows));
  }
  const competing = tte.filter((r) => r.analysis.kind === 'competing-risks');
  if (competing.length) {
    parts.push(para(w.competingIntro), figure(m, 'cumulative-incidence'));
    for (const r of competing) parts.push(`<h3>${esc(publishedLabel(m.ctx.t.loc(r.name)))}</h3>`, competingTables(m, r, r.analysis as CompetingRisksAnalysis));
  }
  return { id: 'time-to-event', title: w.title, html: parts.join('\n') };
}
