/**
 * Time-to-event charts from results.timeToEvent (docs/time-to-event.md), every arm of the trial:
 *   "time-to-event"        one panel per survival outcome: the cumulative proportion with the
 *                          event, 1 − Kaplan–Meier, with its confidence band, and the number at
 *                          risk per arm under it;
 *   "cumulative-incidence" one panel per cause of the first competing-risks outcome: the
 *                          Aalen–Johansen cumulative incidence per arm with its band.
 * Aggregates only: the curves are the publishable model's (disclosure/curves.ts) — every drop
 * gathers at least 5 events and is drawn at a time of the analysis grid, a curve stops where
 * fewer than 5 of its arm remain at risk, and an arm's curve with fewer than 5 events is not drawn
 * (the panel says so); numbers at risk of 1–4 are shown as "<5" (0 is shown). The words live
 * here, in both languages, so this file adds charts without touching the shared catalogue.
 */
import type { Lang, TimeToEventResult } from '../../analysis/results/types.ts';
import type { CompetingRisksAnalysis, Curve, SurvivalAnalysis } from '../../analysis/survival/types.ts';
import type { ChartBuilder, ChartContext } from './types.ts';
import { base, chartWidth, colours } from './theme.ts';
import { r6, vl } from './spec.ts';
import { publishedLabel } from '../privacy.ts';
import { keyOf } from '../disclosure/model.ts';

const words: Record<Lang, { kmTitle: string; ciTitle: string; byTau: (tau: number) => string; proportion: string; incidence: string; atRisk: string; time: (unit: string | null) => string; arm: string; cause: string; fewEvents: (arms: readonly string[]) => string }> = {
  da: {
    kmTitle: 'Tid til hændelse (1 − Kaplan–Meier)',
    byTau: (tau) => `ved ${tau}`,
    ciTitle: 'Kumuleret incidens med konkurrerende hændelser (Aalen–Johansen)',
    proportion: 'Andel med hændelsen',
    incidence: 'Kumuleret incidens',
    atRisk: 'I risiko',
    time: (u) => (u ? `Tid (${u})` : 'Tid'),
    arm: 'Arm',
    cause: 'Årsag',
    fewEvents: (arms) => `Færre end 5 hændelser: ingen kurve for ${arms.join(', ')}`,
  },
  en: {
    kmTitle: 'Time to event (1 − Kaplan–Meier)',
    byTau: (tau) => `by ${tau}`,
    ciTitle: 'Cumulative incidence with competing events (Aalen–Johansen)',
    proportion: 'Proportion with the event',
    incidence: 'Cumulative incidence',
    atRisk: 'At risk',
    time: (u) => (u ? `Time (${u})` : 'Time'),
    arm: 'Arm',
    cause: 'Cause',
    fewEvents: (arms) => `Fewer than 5 events: no curve for ${arms.join(', ')}`,
  },
};

/** Control in the report's control colour, interventions in the intervention colour and then distinct hues. */
function armScale(ctx: ChartContext): { domain: string[]; range: string[] } {
  const extra = ['#2a9d8f', '#7b4fa0', '#b9463f', '#4d7c0f'];
  let k = 0;
  const range = ctx.results.arms.map((a) => (a.role === 'control' ? colours.control : k++ === 0 ? colours.intervention : extra[(k - 2) % extra.length]));
  return { domain: ctx.results.arms.map((a) => a.label), range };
}

/** The points of a published curve (already coarsened and cut by the model), as "cumulative" values (1 − S for survival). */
function points(c: Curve, flip: boolean): Array<{ arm: string; state: string; time: number; y: number; lo: number | null; hi: number | null }> {
  const out = [];
  for (let k = 0; k < c.time.length; k++) {
    const e = c.estimate[k];
    const lo = flip ? c.upper[k] : c.lower[k];
    const hi = flip ? c.lower[k] : c.upper[k];
    out.push({ arm: c.arm, state: c.state, time: c.time[k], y: r6(flip ? 1 - e : e), lo: lo === null ? null : r6(flip ? 1 - lo : lo), hi: hi === null ? null : r6(flip ? 1 - hi : hi) });
  }
  return out;
}

function curveLayers(ctx: ChartContext, data: object[], yTitle: string, unit: string | null, tau: number) {
  const w = words[ctx.t.lang];
  const x = { field: 'time', type: 'quantitative', title: w.time(unit), scale: { domain: [0, tau], nice: false } };
  const color = { field: 'arm', type: 'nominal', title: w.arm, scale: armScale(ctx) };
  return {
    width: chartWidth(ctx) - 40,
    height: 200,
    data: { values: data },
    layer: [
      { mark: { type: 'area', opacity: 0.15, interpolate: 'step-after' }, transform: [{ filter: 'datum.lo !== null && datum.hi !== null' }], encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
      { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y: { field: 'y', type: 'quantitative', title: yTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } }, color } },
    ],
  };
}

/** The numbers at risk as the disclosure plan publishes them: "<5" for 1–4, "–" where a neighbour would give back a count of 1–4 by subtraction. */
function riskTable(ctx: ChartContext, id: string, a: SurvivalAnalysis) {
  const w = words[ctx.t.lang];
  const values = Object.entries(a.riskTable.byArm).flatMap(([arm, counts]) =>
    a.riskTable.times.map((time, k) => {
      const key = keyOf('tteAtRisk', id, arm, time);
      // A count the plan does not model (risk sets that grow: delayed entry) is masked by the primary rule alone.
      const text = Number.isNaN(counts[k]) && ctx.disclosure.state(key) === undefined ? '<5' : ctx.count(key, counts[k]);
      return { arm, time, text };
    }),
  );
  return {
    width: chartWidth(ctx) - 40,
    height: 18 * Object.keys(a.riskTable.byArm).length,
    data: { values },
    mark: { type: 'text', fontSize: 10 },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: null, scale: { domain: [0, a.tau], nice: false }, axis: { title: w.atRisk, orient: 'top', labels: false, ticks: false, domain: false, grid: false, titleFontWeight: 'bold' } },
      y: { field: 'arm', type: 'nominal', title: null, sort: ctx.results.arms.map((x) => x.label), axis: { labelPadding: 18, ticks: false, domain: false } },
      text: { field: 'text', type: 'nominal' },
      color: { field: 'arm', type: 'nominal', title: words[ctx.t.lang].arm, scale: armScale(ctx) },
    },
  };
}

/** A panel title, with a note naming the arms whose curve has too few events to be drawn. */
function panelTitle(ctx: ChartContext, text: string, curves: readonly Curve[]) {
  const empty = curves.filter((c) => c.time.length === 0).map((c) => publishedLabel(c.arm));
  return { text, anchor: 'start', fontSize: 12, ...(empty.length ? { subtitle: words[ctx.t.lang].fewEvents(empty), subtitleFontSize: 10 } : {}) };
}

function survivalOutcomes(ctx: ChartContext): Array<TimeToEventResult & { analysis: SurvivalAnalysis }> {
  return (ctx.results.timeToEvent ?? []).filter((t): t is TimeToEventResult & { analysis: SurvivalAnalysis } => t.analysis.kind === 'survival');
}

export const kaplanMeierChart: ChartBuilder = (ctx) => {
  const outcomes = survivalOutcomes(ctx);
  if (outcomes.length === 0) return null;
  const w = words[ctx.t.lang];
  const panels = outcomes.map((t) => ({
    title: panelTitle(ctx, publishedLabel(ctx.t.loc(t.name)), t.analysis.curves),
    vconcat: [curveLayers(ctx, t.analysis.curves.flatMap((c) => points(c, true)), w.proportion, ctx.names.timeUnit(t.id, t.analysis.unit), t.analysis.tau), riskTable(ctx, t.id, t.analysis)],
    spacing: 4,
  }));
  // The text alternative: each outcome's proportion with the event by τ per arm (what the curves end at).
  const alt = outcomes.map((t) => `${ctx.t.loc(t.name)} ${w.byTau(t.analysis.tau)}: ${t.analysis.arms.map((x) => {
    const at = x.landmarks.find((l) => l.time === t.analysis.tau);
    return `${x.arm} ${at ? ctx.t.fmt.pct(1 - at.surv, 1) : '–'}`;
  }).join(', ')}`).join('; ');
  return { id: 'time-to-event', title: w.kmTitle, alt: `${w.kmTitle}. ${alt}.`, spec: vl({ ...base(ctx, w.kmTitle), vconcat: panels, spacing: 24, resolve: { scale: { color: 'shared' } } }) };
};

export const cumulativeIncidenceChart: ChartBuilder = (ctx) => {
  const t = (ctx.results.timeToEvent ?? []).find((x): x is TimeToEventResult & { analysis: CompetingRisksAnalysis } => x.analysis.kind === 'competing-risks');
  if (!t) return null;
  const w = words[ctx.t.lang];
  const a = t.analysis;
  const panels = a.causes.map((cause) => ({
    title: panelTitle(ctx, `${w.cause}: ${ctx.names.cause(t.id, cause)}`, a.curves.filter((c) => c.state === cause)),
    ...curveLayers(ctx, a.curves.filter((c) => c.state === cause).flatMap((c) => points(c, false)), w.incidence, ctx.names.timeUnit(t.id, a.unit), a.tau),
  }));
  const subtitle = publishedLabel(ctx.t.loc(t.name), 120);
  const alt = a.causes.map((cause) => `${ctx.names.cause(t.id, cause)} ${w.byTau(a.tau)}: ${a.arms.map((x) => `${x.arm} ${ctx.t.fmt.pct(x.byCause.find((b) => b.cause === cause)!.atTau.estimate, 1)}`).join(', ')}`).join('; ');
  return { id: 'cumulative-incidence', title: w.ciTitle, alt: `${w.ciTitle} (${subtitle}). ${alt}.`, spec: vl({ ...base(ctx, w.ciTitle, subtitle), vconcat: panels, spacing: 24, resolve: { scale: { color: 'shared' } } }) };
};
