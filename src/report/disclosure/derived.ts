/**
 * Figures computed from counts that the sinks publish beside them: Table 1 percentages,
 * responder rates, the effect rates handed to the economics (control and intervention rates and
 * their difference) and the economics figures that scale that difference (saving per citizen =
 * effect rate × weighted saving per success). A reader who knows a figure's denominators can
 * turn it back into counts — 2 of 126 responders from a saving per citizen printed to the krone —
 * so each figure records
 *   - `terms`: when the figure is exactly `constant + Σ coef · num / den` of count cells, the
 *     linear relation a reader can use (audit.ts adds it as a constraint once every den is shown);
 *   - `dependsOn`: every count cell it is computed from, linear or not (an MI-pooled risk
 *     difference, a Wilson interval). plan.ts publishes a figure only when all of them are shown,
 *     so a figure never says more about a suppressed count than the count itself.
 *
 * Keys: pct|<variable>|<level>|<arm> · rate|<outcome>|<visit>|<estimator>|<population>|<arm> ·
 *       effectRate|<metric> (the difference) · effectRate|<metric>|control · effectRate|<metric>|intervention ·
 *       economics|<effect id> (every economics figure driven by that linked effect)
 */
import type { AnalysisResults, EffectRate } from '../../analysis/results/types.ts';
import { keyOf, type CountSystem } from './model.ts';

export interface Term {
  readonly coef: number;
  /** Count cells (keys of the count system). */
  readonly num: string;
  readonly den: string;
}

export interface DerivedFigure {
  readonly key: string;
  /** The figure as computed (a proportion, not a percentage). */
  readonly value: number;
  /** `value = constant + Σ coef · num / den` exactly, or null when the figure is not linear in counts. */
  readonly linear: { readonly constant: number; readonly terms: readonly Term[] } | null;
  readonly dependsOn: readonly string[];
}

/** The linked effects of an economics result, as far as disclosure needs them. */
export interface EconomicsLinks {
  readonly link: { readonly linked: ReadonlyArray<{ readonly effect: string; readonly metric: string; readonly pooled: boolean }> } | null;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));

/** An arm's rate as `constant + coef · num / den` of cells whose ratio gives `rate` exactly. */
function armRate(sys: CountSystem, e: EffectRate, arm: string, rate: number, results: AnalysisResults): { constant: number; term: Term } | null {
  const candidates: Term[] = [];
  for (const o of results.outcomes) {
    if (o.id !== e.outcomeId || o.visit !== e.visit || o.population !== e.population || !o.responder) continue;
    const rest = [o.id, o.visit, o.estimator, o.population, arm];
    candidates.push({ coef: 1, num: keyOf('responders', ...rest), den: keyOf('responderN', ...rest) });
  }
  for (const s of results.safety) {
    if (s.id === e.outcomeId && s.visit === e.visit) candidates.push({ coef: 1, num: keyOf('safety', s.id, s.visit, arm), den: keyOf('safetyN', s.id, s.visit, arm) });
  }
  for (const t of candidates) {
    const num = sys.cells.get(t.num)?.value;
    const den = sys.cells.get(t.den)?.value;
    if (num === undefined || den === undefined || den === 0) continue;
    if (close(num / den, rate)) return { constant: 0, term: t };
    if (close(1 - num / den, rate)) return { constant: 1, term: { ...t, coef: -1 } };
  }
  return null;
}

/** Every count cell of an effect rate's outcome (responders, safety) in either arm: what a pooled estimate leans on. */
function outcomeCells(sys: CountSystem, e: EffectRate): string[] {
  const prefixes = [keyOf('responders', e.outcomeId, e.visit), keyOf('responderN', e.outcomeId, e.visit), keyOf('safety', e.outcomeId, e.visit), keyOf('safetyN', e.outcomeId, e.visit)];
  return [...sys.cells.keys()].filter((k) => prefixes.some((p) => k.startsWith(`${p}|`)));
}

export function derivedFigures(results: AnalysisResults, sys: CountSystem, economics: EconomicsLinks | null = null): DerivedFigure[] {
  const out: DerivedFigure[] = [];
  const arms = results.arms.map((a) => a.label);
  const control = results.arms.find((a) => a.role === 'control')?.label;
  const intervention = results.arms.find((a) => a.role === 'intervention')?.label;

  // Table 1 percentages: level count / arm n when nothing is missing (otherwise the denominator is not a published count).
  for (const row of results.baseline) {
    if (row.kind !== 'n-percent') continue;
    for (const a of arms) {
      const c = Object.hasOwn(row.byArm, a) ? row.byArm[a] : undefined;
      const num = keyOf('baseline', row.variable, row.level ?? '', a);
      const den = keyOf('consort', a, 'randomised');
      if (!c || !sys.cells.has(num)) continue;
      const value = (c.values[1] ?? Number.NaN) / 100;
      const exact = c.missing === 0 && sys.cells.get(den)?.value === c.n;
      out.push({ key: keyOf('pct', row.variable, row.level ?? '', a), value, linear: exact ? { constant: 0, terms: [{ coef: 1, num, den }] } : null, dependsOn: [num, den] });
    }
  }

  // Responder rates.
  for (const o of results.outcomes) {
    if (!o.responder) continue;
    for (const a of arms) {
      const r = Object.hasOwn(o.responder.rate, a) ? o.responder.rate[a] : undefined;
      if (!r) continue;
      const rest = [o.id, o.visit, o.estimator, o.population, a];
      const t: Term = { coef: 1, num: keyOf('responders', ...rest), den: keyOf('responderN', ...rest) };
      out.push({ key: keyOf('rate', ...rest), value: r.estimate, linear: { constant: 0, terms: [t] }, dependsOn: [t.num, t.den] });
    }
  }

  // Effect rates: each arm's rate, and the difference (exactly linear unless MI-pooled).
  const effect = new Map<string, DerivedFigure>();
  for (const e of results.effectRates) {
    const c = control ? armRate(sys, e, control, e.controlRate, results) : null;
    const i = intervention ? armRate(sys, e, intervention, e.interventionRate, results) : null;
    const deps = [...new Set([...(c ? [c.term.num, c.term.den] : []), ...(i ? [i.term.num, i.term.den] : []), ...outcomeCells(sys, e)])];
    if (c) out.push({ key: keyOf('effectRate', e.metric, 'control'), value: e.controlRate, linear: { constant: c.constant, terms: [c.term] }, dependsOn: [c.term.num, c.term.den] });
    if (i) out.push({ key: keyOf('effectRate', e.metric, 'intervention'), value: e.interventionRate, linear: { constant: i.constant, terms: [i.term] }, dependsOn: [i.term.num, i.term.den] });
    const exact = !e.pooled && c && i && close(e.estimate, e.interventionRate - e.controlRate);
    const diff: DerivedFigure = {
      key: keyOf('effectRate', e.metric),
      value: e.estimate,
      linear: exact ? { constant: i.constant - c.constant, terms: [i.term, { ...c.term, coef: -c.term.coef }] } : null,
      dependsOn: deps,
    };
    out.push(diff);
    effect.set(e.metric, diff);
  }

  // Economics: every figure driven by a linked effect is an affine function of its rate, so it
  // tells a reader what the rate itself tells (saving per citizen / weighted saving per success).
  for (const l of economics?.link?.linked ?? []) {
    const d = effect.get(l.metric);
    // A metric the results do not hold cannot be checked: withheld (a key no count has is never shown).
    out.push({ key: keyOf('economics', l.effect), value: d?.value ?? Number.NaN, linear: l.pooled ? null : (d?.linear ?? null), dependsOn: d?.dependsOn ?? [keyOf('missing', l.metric)] });
  }
  return out;
}
