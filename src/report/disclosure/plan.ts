/**
 * The one disclosure-control stage of the report: from results.json to the state of every count
 * any sink prints ("shown", "<5" or "–"), decided once, globally, before anything is rendered.
 *
 *   1. primary: a count of 1–4 is "<5" (0 is shown: it identifies no one);
 *   2. secondary: audit.ts solves the published numbers as a reader would; while any count a
 *      reader cannot see is pinned to 1–4, one more cell that takes part is hidden ("–") — the
 *      least informative first (subgroup sizes, then responder denominators, analysed n, Table 1
 *      levels, loss reasons, CONSORT boxes; the randomised n last), smallest value first.
 *
 * Every sink asks `count(key, value, format)`; a key the plan does not know falls back to the
 * primary rule. The plan's decisions are deterministic (same results → same states).
 */
import type { AnalysisResults } from '../../analysis/results/types.ts';
import { isSmallCount } from '../i18n/format.ts';
import { audit, type CellState, type Disclosed } from './audit.ts';
import { countSystem, type CountSystem } from './model.ts';

const PRIORITY: readonly string[] = ['subgroup', 'responderN', 'analysed', 'baselineMissing', 'baseline', 'event', 'responders', 'consort|reason', 'consort|received', 'consort|analysed', 'consort|lost', 'consort|randomised'];

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
}

export function planDisclosure(results: AnalysisResults, maxRounds = 400): Disclosure {
  const system = countSystem(results);
  const states = new Map<string, CellState>();
  for (const [key, c] of system.cells) states.set(key, isSmallCount(c.value) ? 'small' : 'shown');
  let residual: Disclosed[] = [];
  for (let round = 0; round < maxRounds; round++) {
    residual = audit(system, (k) => states.get(k));
    if (residual.length === 0) break;
    // Break the first disclosure by hiding the least informative shown cell that takes part in it.
    const candidates = residual[0].shownCells.filter((k) => states.get(k) === 'shown' && system.cells.has(k));
    if (candidates.length === 0) break;
    candidates.sort((a, b) => priority(a) - priority(b) || system.cells.get(a)!.value - system.cells.get(b)!.value || a.localeCompare(b));
    states.set(candidates[0], 'hidden');
  }
  return {
    system,
    residual,
    state: (key) => states.get(key),
    count(key, value, format) {
      const s = states.get(key);
      if (s === 'hidden') return '–';
      if (s === 'small' || (s === undefined && isSmallCount(value))) return '<5';
      return format(value);
    },
  };
}

const cache = new WeakMap<AnalysisResults, Disclosure>();

/** The plan for a results object, computed once per object. */
export function disclosureFor(results: AnalysisResults): Disclosure {
  let d = cache.get(results);
  if (!d) {
    d = planDisclosure(results);
    cache.set(results, d);
  }
  return d;
}
