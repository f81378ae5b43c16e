/**
 * The publishable model: results (and the economics linked to them) after disclosure control,
 * decided once by plan.ts and applied once here. Every sink — report HTML, charts (SVG/PNG/
 * Vega-Lite), PDF, CSV, XLSX — renders this model and nothing else:
 *   - every count that is "<5" or "–" is NaN in `results`, so no sink can print it even by
 *     mistake (a NaN that reaches an artefact is a bug the tests look for);
 *   - every figure computed from such a count (a percentage, a rate and its interval, a risk
 *     difference, ratio or NNT, a standardised difference, a subgroup estimate for a level with
 *     "<5" in an arm, an effect rate) is NaN too;
 *   - Kaplan–Meier and cumulative-incidence curves are coarsened (curves.ts): every published
 *     drop gathers ≥ 5 events, its step drawn at a grid time, the value there the true estimate;
 *     a curve with fewer than 5 events has no points; the numbers at risk behind them are NaN;
 *   - `economics` is null when the effect rate it scales is withheld (`economicsWithheld` says so);
 *   - `count(key, value, fmt)` prints a count as the plan decided ("<5", "–" or the number).
 * results.json and economics.json stay the analyst's unsuppressed contracts; they are not sinks.
 */
import type { AnalysisResults, BaselineRow, OutcomeResult, SafetyResult, SubgroupResult } from '../../analysis/results/types.ts';
import type { EconomicsResult } from '../../economics/run.ts';
import { disclosureFor, type Disclosure } from './plan.ts';
import { keyOf } from './model.ts';
import { publishedCurves } from './curves.ts';

export interface PublishableModel {
  readonly results: AnalysisResults;
  readonly economics: EconomicsResult | null;
  /** The linked effects whose figures are withheld (economics is then null). */
  readonly economicsWithheld: readonly string[];
  readonly disclosure: Disclosure;
}

const brand = new WeakSet<object>();

/** Whether an object is a model made by publish() (sinks refuse anything else). */
export function isPublishable(x: unknown): x is PublishableModel {
  return typeof x === 'object' && x !== null && brand.has(x);
}

const own = <T>(o: Readonly<Record<string, T>>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

function maskOutcome(o: OutcomeResult, d: Disclosure, arms: readonly string[]): OutcomeResult {
  const count = (kind: string, a: string, v: number) => (d.state(keyOf(kind, o.id, o.visit, o.estimator, o.population, a)) === 'shown' || (d.state(keyOf(kind, o.id, o.visit, o.estimator, o.population, a)) === undefined && !(v >= 1 && v <= 4)) ? v : Number.NaN);
  const analysed = Object.fromEntries(Object.entries(o.n.analysed).map(([a, v]) => [a, count('analysed', a, v)]));
  const withData = Object.fromEntries(Object.entries(o.n.withData).map(([a, v]) => [a, count('withData', a, v)]));
  const randomised = Object.fromEntries(Object.entries(o.n.randomised).map(([a, v]) => [a, d.state(keyOf('consort', a, 'randomised')) === 'hidden' || (v >= 1 && v <= 4) ? Number.NaN : v]));
  let responder = o.responder;
  if (responder) {
    const r = responder;
    // An arm the plan does not know (no CONSORT flow in the file) falls back to the primary rule, as plan.count does.
    const both = (a: string, c: { events: number; n: number }) => Number.isFinite(count('responders', a, c.events)) && Number.isFinite(count('responderN', a, c.n));
    const open = arms.every((a) => { const c = own(r.rate, a); return !c || both(a, c); });
    const rate = Object.fromEntries(
      Object.entries(r.rate).map(([a, c]) => {
        const ev = count('responders', a, c.events);
        const n = count('responderN', a, c.n);
        const fig = d.figure(keyOf('rate', o.id, o.visit, o.estimator, o.population, a));
        const shown = fig === 'shown' || (fig === undefined && both(a, c));
        return [a, { events: ev, n, estimate: shown ? c.estimate : Number.NaN, lower: shown ? c.lower : Number.NaN, upper: shown ? c.upper : Number.NaN }];
      }),
    );
    const nan = Number.NaN;
    responder = open
      ? r
      : {
          ...r,
          rate,
          riskDifference: { ...r.riskDifference, estimate: nan, se: nan, lower: nan, upper: nan },
          riskRatio: { ...r.riskRatio, estimate: null, lower: null, upper: null },
          oddsRatio: { ...r.oddsRatio, estimate: null, lower: null, upper: null },
          nnt: { ...r.nnt, estimate: null, lower: null, upper: null },
          pooled: r.pooled ? { ...r.pooled, estimate: nan, se: nan, lower: nan, upper: nan } : null,
        };
    if (open) responder = { ...r, rate };
  }
  // A binary row's risks, differences and ratios are functions of its event counts: withheld with any of them.
  let { binary, emm, difference, cohensD } = o;
  if (o.binary) {
    const bin = o.binary;
    const events = Object.fromEntries(Object.entries(bin.events).map(([a, v]) => [a, count('binaryEvents', a, v)]));
    const analysedOpen = Object.values(analysed).every((v) => !Number.isNaN(v));
    if (Object.values(events).some((v) => Number.isNaN(v)) || !analysedOpen) {
      binary = { events, riskDifference: null, riskRatio: null, oddsRatio: null };
      emm = {};
      difference = null;
      cohensD = null;
    } else binary = { ...bin, events };
  }
  return { ...o, n: { randomised, withData, analysed }, responder, binary, emm, difference, cohensD, method: { ...o.method, options: maskOptionCounts(o, d) } };
}

/**
 * Counts a time-to-event row's method options carry (results.csv's options column): `events`,
 * the compared arms' events together, gives back an arm's count the plan withholds once the other
 * arm's is printed, so it is withheld (null) with any of them, and when it is 1–4 itself;
 * `excluded` (left out of the Cox model) is withheld when 1–4.
 */
function maskOptionCounts(o: OutcomeResult, d: Disclosure): OutcomeResult['method']['options'] {
  const options = o.method.options;
  const small = (v: unknown) => typeof v === 'number' && v >= 1 && v <= 4;
  const armWithheld = Object.keys(o.n.analysed).some((a) => {
    const state = d.state(keyOf('tteEvents', o.id, a));
    return state !== undefined && state !== 'shown';
  });
  const events = typeof options.events === 'number' && (small(options.events) || armWithheld);
  const excluded = small(options.excluded);
  return events || excluded ? { ...options, ...(events ? { events: null } : {}), ...(excluded ? { excluded: null } : {}) } : options;
}

function maskBaseline(b: BaselineRow, d: Disclosure): BaselineRow {
  let anyHidden = false;
  const byArm = Object.fromEntries(
    Object.entries(b.byArm).map(([a, c]) => {
      const missing = c.missing >= 1 && c.missing <= 4 ? Number.NaN : c.missing;
      if (b.kind !== 'n-percent') {
        const mk = keyOf('baselineMissing', b.variable, a);
        const m = d.state(mk) === 'shown' || d.state(mk) === undefined ? missing : Number.NaN;
        if (Number.isNaN(m)) anyHidden = true;
        return [a, { ...c, missing: m }];
      }
      const shown = d.state(keyOf('baseline', b.variable, b.level ?? '', a)) === 'shown';
      const pct = d.figure(keyOf('pct', b.variable, b.level ?? '', a)) === 'shown';
      if (!shown || !pct) anyHidden = true;
      return [a, { ...c, missing, values: [shown ? c.values[0] : Number.NaN, pct ? c.values[1] : Number.NaN, ...c.values.slice(2)] }];
    }),
  );
  // A standardised difference of proportions gives both back once one arm's proportion is shown.
  return { ...b, byArm, standardisedDifference: anyHidden && b.kind === 'n-percent' ? null : b.standardisedDifference };
}

function maskSafety(s: SafetyResult, d: Disclosure): SafetyResult {
  let hidden = false;
  const byArm = Object.fromEntries(
    Object.entries(s.byArm).map(([a, c]) => {
      const shown = d.state(keyOf('safety', s.id, s.visit, a)) === 'shown';
      const nShown = d.state(keyOf('safetyN', s.id, s.visit, a)) === 'shown';
      if (!shown || !nShown) hidden = true;
      // The total of events and its mean say how many had one when few did.
      return [a, { n: nShown ? c.n : Number.NaN, participantsWithEvent: shown ? c.participantsWithEvent : Number.NaN, total: shown ? c.total : Number.NaN, mean: shown && nShown ? c.mean : Number.NaN }];
    }),
  );
  return { ...s, byArm, rateRatio: hidden ? null : s.rateRatio };
}

function maskSubgroup(s: SubgroupResult, d: Disclosure): SubgroupResult {
  return {
    ...s,
    levels: s.levels.map((l) => {
      const states = Object.keys(l.n).map((a) => d.state(keyOf('subgroup', s.outcomeId, s.visit, s.variable, l.level, a)));
      const n = Object.fromEntries(Object.entries(l.n).map(([a, v], i) => [a, states[i] === 'shown' || (states[i] === undefined && !(v >= 1 && v <= 4)) ? v : Number.NaN]));
      // No estimate for a level with fewer than 5 in an arm.
      const small = Object.values(l.n).some((v) => v >= 1 && v <= 4);
      return { ...l, n, difference: small ? null : l.difference };
    }),
  };
}

type RiskTable = { readonly times: readonly number[]; readonly byArm: Readonly<Record<string, readonly number[]>> };

/** The numbers at risk under a Kaplan–Meier chart, as the plan publishes them (tteAtRisk cells). */
function maskRiskTable(id: string, table: RiskTable, d: Disclosure): RiskTable {
  const byArm = Object.fromEntries(
    Object.entries(table.byArm).map(([a, counts]) => [a, counts.map((v, k) => {
      const s = d.state(keyOf('tteAtRisk', id, a, table.times[k]));
      return s === 'shown' || (s === undefined && !(v >= 1 && v <= 4)) ? v : Number.NaN;
    })]),
  );
  return { times: table.times, byArm };
}

/** results + economics → the one publishable model (computed once per pair). */
export function publish(results: AnalysisResults, economics: EconomicsResult | null = null): PublishableModel {
  const d = disclosureFor(results, economics);
  const arms = results.arms.map((a) => a.label);
  const cs = (a: string, ...k: Array<string | number>) => d.state(keyOf('consort', a, ...k));
  const keep = (state: string | undefined, v: number) => (state === 'shown' || (state === undefined && !(v >= 1 && v <= 4)) ? v : Number.NaN);
  const consort = Object.fromEntries(
    Object.entries(results.consort).map(([a, f]) => [
      a,
      {
        randomised: keep(cs(a, 'randomised'), f.randomised),
        receivedAllocated: f.receivedAllocated === null ? null : keep(cs(a, 'received'), f.receivedAllocated),
        lostToFollowUp: f.lostToFollowUp.map((l) => ({ visit: l.visit, n: keep(cs(a, 'lost', l.visit), l.n), reasons: Object.fromEntries(Object.entries(l.reasons).map(([k, v]) => [k, keep(cs(a, 'reason', l.visit, k), v)])) })),
        analysed: f.analysed.map((x) => ({ visit: x.visit, n: keep(cs(a, 'analysed', x.visit), x.n) })),
      },
    ]),
  );
  const nan = Number.NaN;
  const effectRates = results.effectRates.map((e) => {
    const diff = d.figure(keyOf('effectRate', e.metric)) === 'shown';
    const c = d.figure(keyOf('effectRate', e.metric, 'control')) !== 'hidden' && diff;
    const i = d.figure(keyOf('effectRate', e.metric, 'intervention')) !== 'hidden' && diff;
    return diff && c && i ? e : { ...e, estimate: nan, se: nan, lower: nan, upper: nan, controlRate: c ? e.controlRate : nan, interventionRate: i ? e.interventionRate : nan };
  });
  const masked: AnalysisResults = {
    ...results,
    consort,
    baseline: results.baseline.map((b) => maskBaseline(b, d)),
    outcomes: results.outcomes.map((o) => maskOutcome(o, d, arms)),
    effectRates,
    safety: results.safety.map((s) => maskSafety(s, d)),
    events: results.events.map((e) => ({ ...e, byArm: Object.fromEntries(Object.entries(e.byArm).map(([a, v]) => [a, keep(d.state(keyOf('event', e.id, a)), v)])) })),
    subgroups: results.subgroups.map((s) => maskSubgroup(s, d)),
    // Curves coarsened (curves.ts: every drop ≥ 5 events, steps at grid times), risk tables as planned.
    timeToEvent: results.timeToEvent?.map((t) => (t.analysis.kind === 'survival'
      ? { ...t, analysis: { ...t.analysis, curves: publishedCurves(t.analysis), riskTable: maskRiskTable(t.id, t.analysis.riskTable, d) } }
      : { ...t, analysis: { ...t.analysis, curves: publishedCurves(t.analysis) } })),
    planning: results.planning?.map((p) => ({ ...p, pairs: Object.fromEntries(Object.entries(p.pairs).map(([a, v]) => [a, v >= 1 && v <= 4 ? nan : v])) })),
  };
  const withheld = (economics?.link?.linked ?? []).filter((l) => d.figure(keyOf('economics', l.effect)) !== 'shown').map((l) => l.effect);
  const model: PublishableModel = { results: masked, economics: withheld.length ? null : economics, economicsWithheld: withheld, disclosure: d };
  brand.add(model);
  return model;
}
