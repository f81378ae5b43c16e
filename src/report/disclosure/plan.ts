/**
 * The one disclosure-control stage of the report: from results.json to the state of every count
 * any sink prints ("shown", "<5" or "–"), decided once, globally, before anything is rendered.
 *
 *   1. primary: a count of 1–4 is "<5" (0 is shown: it identifies no one);
 *   2. secondary: audit.ts solves the published numbers as a reader would; while any count a
 *      reader cannot see is pinned to 1–4, one more cell that takes part is hidden ("–") — the
 *      least informative first (risk-table columns, subgroup sizes, then responder denominators, analysed n, Table 1
 *      levels, loss reasons, CONSORT boxes; the randomised n last), smallest value first;
 *   3. figures computed from counts (derived.ts: percentages, rates, effect rates, the economics
 *      driven by them) are published only when every count they are computed from is shown — a
 *      saving per citizen printed to the krone would otherwise give back "2 of 126 responders".
 *
 * Every sink asks `count(key, value, format)`; a key the plan does not know falls back to the
 * primary rule. The plan's decisions are deterministic (same results → same states).
 */
import type { AnalysisResults } from '../../analysis/results/types.ts';
import { isSmallCount } from '../i18n/format.ts';
import { audit, InconsistentCounts, type CellState, type Disclosed } from './audit.ts';
import { derivedFigures, type DerivedFigure, type EconomicsLinks } from './derived.ts';
import { countSystem, type CountSystem } from './model.ts';

const PRIORITY: readonly string[] = ['withData', 'tteAtRisk', 'subgroup', 'tteN', 'responderN', 'safetyN', 'safety', 'binaryEvents', 'tteEvents', 'analysed', 'baselineMissing', 'baseline', 'event', 'responders', 'consort|reason', 'consort|received', 'consort|notReceived', 'consort|analysed', 'consort|lost', 'consort|randomised'];

const NEVER_PRINTED = /^consort\|[^|]*\|notAnalysed\|/;

function priority(key: string): number {
  const parts = key.split('|');
  const kind = parts[0] === 'consort' ? `consort|${parts[2]}` : parts[0];
  const i = PRIORITY.indexOf(kind);
  return i < 0 ? PRIORITY.length : i;
}

export interface Disclosure {
  readonly system: CountSystem;
  /** The state of a cell, or undefined when the plan does not know the key. */
  state(key: string): CellState | undefined;
  /** A count as printed: format(value), "<5" or "–". */
  count(key: string, value: number, format: (n: number) => string): string;
  /** Counts still pinned by subtraction (empty when the plan succeeded). */
  readonly residual: readonly Disclosed[];
  /** Figures computed from counts, and whether each may be published. */
  readonly figures: readonly DerivedFigure[];
  figure(key: string): 'shown' | 'hidden' | undefined;
  /** The figures that are published. */
  readonly shownFigures: readonly DerivedFigure[];
}

/**
 * `countsKey`: the results' content without the trial (canonical JSON, as disclosureFor computes
 * it). With it, the counts' states — decided from the counts alone, before any figure takes part
 * — are shared by every plan of the same results (effekt run plans the results alone for the
 * analysis tables, then with the linked economics for the economics tables and the reports).
 */
export function planDisclosure(results: AnalysisResults, economics: EconomicsLinks | null = null, maxRounds = 400, countsKey?: string): Disclosure {
  // Counts that contradict each other cannot be planned as a whole: subgroup sizes are then taken
  // on their own (the usual culprit in a hand-edited file); what still contradicts is planned by
  // the primary "<5" rule alone.
  const key = (mode: string) => (countsKey === undefined ? undefined : `${mode}|${maxRounds}|${countsKey}`);
  try {
    return plan(results, economics, maxRounds, countSystem(results), false, key('strict'));
  } catch (e) {
    if (!(e instanceof InconsistentCounts)) throw e;
  }
  try {
    return plan(results, economics, maxRounds, countSystem(results, { loose: true }), false, key('loose'));
  } catch (e) {
    if (!(e instanceof InconsistentCounts)) throw e;
    return plan(results, economics, 0, countSystem(results, { loose: true }), true, key('primary'));
  }
}

/** The counts' states after the hiding rounds, and what is still pinned (see countStates). */
interface CountStates {
  readonly states: ReadonlyMap<string, CellState>;
  readonly residual: readonly Disclosed[];
}

/** countStates by the results' content and mode (planDisclosure's countsKey); a few at most. */
const statesByContent = new Map<string, CountStates>();

function plan(results: AnalysisResults, economics: EconomicsLinks | null, maxRounds: number, system: CountSystem, primaryOnly = false, statesKey?: string): Disclosure {
  const figures = derivedFigures(results, system, economics);
  let counted = statesKey === undefined ? undefined : statesByContent.get(statesKey);
  if (counted === undefined) {
    counted = countStates(system, maxRounds, primaryOnly);
    if (statesKey !== undefined) {
      if (statesByContent.size >= MAX_BY_CONTENT) statesByContent.delete(statesByContent.keys().next().value as string);
      statesByContent.set(statesKey, counted);
    }
  }
  const { states } = counted;
  let residual = counted.residual;
  const figureStates = new Map(figures.map((f) => [f.key, f.dependsOn.every((k) => states.get(k) === 'shown') ? ('shown' as const) : ('hidden' as const)]));
  const shownFigures = figures.filter((f) => figureStates.get(f.key) === 'shown');
  // The figures shown say nothing the counts shown do not; checked, not assumed.
  if (residual.length === 0 && !primaryOnly) residual = audit(system, (k) => states.get(k), shownFigures);
  return {
    system,
    residual,
    figures,
    shownFigures,
    figure: (key) => figureStates.get(key),
    state: (key) => states.get(key),
    count(key, value, format) {
      const s = states.get(key);
      if (s === 'hidden') return '–';
      if (s === 'small' || (s === undefined && isSmallCount(value))) return '<5';
      return format(value);
    },
  };
}

/**
 * Steps 1 and 2 of the plan: the state of every count, decided from the counts alone (no figure
 * takes part until the final check in plan()), and the disclosures still left.
 */
function countStates(system: CountSystem, maxRounds: number, primaryOnly: boolean): CountStates {
  const states = new Map<string, CellState>();
  // Cells no sink prints ("not analysed") have no state: the audit treats them as unknown and checks them.
  for (const [key, c] of system.cells) if (!NEVER_PRINTED.test(key)) states.set(key, isSmallCount(c.value) ? 'small' : 'shown');
  // Risk-table columns that a published Kaplan–Meier step would pair with (model.ts) are never shown.
  for (const key of system.forcedHidden ?? []) if (states.has(key)) states.set(key, 'hidden');
  // Cells that print the same group of people (the CONSORT analysed n and an outcome's analysed n)
  // are one number to a reader: hidden together or not at all.
  const sig = (k: string) => [...system.cells.get(k)!.expr].sort((a, b) => a[0] - b[0]).join(';');
  const twins = new Map<string, string[]>();
  for (const k of system.cells.keys()) twins.set(sig(k), [...(twins.get(sig(k)) ?? []), k]);
  const rank = (g: readonly string[]) => Math.max(...g.map(priority));
  let residual: Disclosed[] = primaryOnly ? [] : audit(system, (k) => states.get(k));
  const hiddenGroups: string[][] = [];
  // While one count stays pinned round after round (it is reached by many paths: subgroup sizes,
  // responder and analysed n per visit, …), the number of groups hidden per round doubles —
  // one audit per group took minutes on such a file; the pass below shows again what was not needed.
  let streak = 0;
  for (let round = 0; round < maxRounds && residual.length > 0; round++) {
    // Break the first disclosure by hiding the least informative shown group(s) of cells taking part in it.
    const groups = [...new Map(residual[0].shownCells.filter((k) => states.get(k) === 'shown' && system.cells.has(k)).map((k) => [sig(k), twins.get(sig(k))!])).values()];
    if (groups.length === 0) break;
    groups.sort((a, b) => rank(a) - rank(b) || system.cells.get(a[0])!.value - system.cells.get(b[0])!.value || a[0].localeCompare(b[0]));
    const pinned = residual[0].what;
    for (const g of groups.slice(0, 2 ** Math.min(streak, 30))) {
      for (const k of g) states.set(k, 'hidden');
      hiddenGroups.push(g);
    }
    residual = audit(system, (k) => states.get(k));
    streak = residual.length > 0 && residual[0].what === pinned ? streak + 1 : 0;
  }
  // Greedy hiding overshoots: show again, last hidden first, every group not needed after all.
  if (residual.length === 0) {
    for (const g of hiddenGroups.reverse()) {
      for (const k of g) states.set(k, 'shown');
      if (audit(system, (k) => states.get(k)).length > 0) for (const k of g) states.set(k, 'hidden');
    }
  }
  return { states, residual };
}

const cache = new WeakMap<AnalysisResults, Map<EconomicsLinks | null, Disclosure>>();
/**
 * Plans by content, for the same results read twice in one process: `effekt run` publishes the
 * economics tables from the results it parsed, then the reports from the file read again (and
 * with the trial as published) — one plan took 0.5–0.9 s. The plan reads neither `trial` nor any
 * economics figure but the linked effects, so those are all the key holds besides the results.
 */
const byContent = new Map<string, Disclosure>();
const MAX_BY_CONTENT = 4;

/**
 * JSON with object keys sorted: the same content gives the same text whatever order it was built
 * in. What JSON would merge or drop is spelled out (NaN and ±Infinity are not null; undefined is
 * kept), each as a string beginning with U+0000, and strings that begin with U+0000 are escaped,
 * so no value reads as another. One JSON.stringify with a replacer: the twin's results (220 KB of
 * text) in 16 ms of cold code where a recursive build of the text took 57.
 */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : `\u0000#${v}`;
    if (v === undefined) return '\u0000u';
    if (typeof v === 'string') return v.startsWith('\u0000') ? `\u0000${v}` : v;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** The results' content without the trial: all the plan reads of them. */
function resultsKey(results: AnalysisResults): string {
  const { trial: _trial, ...counted } = results as AnalysisResults & { trial?: unknown };
  return canonical(counted);
}

/** The plan for a results object (and the economics linked to it), computed once per pair — and once per content. */
export function disclosureFor(results: AnalysisResults, economics: EconomicsLinks | null = null): Disclosure {
  let m = cache.get(results);
  if (!m) cache.set(results, (m = new Map()));
  let d = m.get(economics);
  if (d) return d;
  const counted = resultsKey(results);
  const key = `${counted}|${canonical(economics?.link?.linked ?? null)}`;
  d = byContent.get(key);
  if (!d) {
    d = planDisclosure(results, economics, undefined, counted);
    if (byContent.size >= MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value as string);
    byContent.set(key, d);
  }
  m.set(economics, d);
  return d;
}
