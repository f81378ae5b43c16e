/**
 * The binary and count derivations over a window of weeks — each one function over the panel's
 * code matrix (results as typed arrays, one entry per participant in panel order).
 *
 * status-at(w):       1 if the week-w code is in the set, 0 if it is not; an unobserved week is
 *                     missing (−1), or 0 when declared `unobserved: "not-in"`.
 * ever-in[from, to]:  1 if any observed week of the window is in the set; else 0 when every
 *                     week was observed (or unobserved weeks count as "not-in"), else missing.
 * weeks-in[from, to]: the number of observed weeks in the set, and the number observed (the
 *                     exposure); missing (NaN) when a week is unobserved, unless "not-in".
 */
import { NOT_OBSERVED, panelWidth, type RegisterPanel } from './panel.ts';
import type { CodeTable } from './masks.ts';

export type Unobserved = 'missing' | 'not-in';

/** −1 = missing. */
export function statusAtWeek(p: RegisterPanel, set: CodeTable, week: number, unobserved: Unobserved): Int8Array {
  const n = p.ids.length;
  const w = panelWidth(p);
  const out = new Int8Array(n);
  const k = week - p.firstWeek;
  for (let i = 0; i < n; i++) {
    const c = k >= 0 && k < w ? p.status[i * w + k] : NOT_OBSERVED;
    out[i] = c === NOT_OBSERVED ? (unobserved === 'not-in' ? 0 : -1) : set[c];
  }
  return out;
}

/** −1 = missing. */
export function everInWindow(p: RegisterPanel, set: CodeTable, from: number, to: number, unobserved: Unobserved): Int8Array {
  const n = p.ids.length;
  const w = panelWidth(p);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let hit = 0;
    let gaps = 0;
    for (let week = from; week <= to; week++) {
      const k = week - p.firstWeek;
      const c = k >= 0 && k < w ? p.status[i * w + k] : NOT_OBSERVED;
      if (c === NOT_OBSERVED) gaps++;
      else if (set[c]) {
        hit = 1;
        break;
      }
    }
    out[i] = hit === 1 || gaps === 0 || unobserved === 'not-in' ? hit : -1;
  }
  return out;
}

export interface WeeksCount {
  /** Weeks in the set (NaN = missing). */
  readonly weeks: Float64Array;
  /** Weeks observed in the window. */
  readonly observed: Float64Array;
}

export function weeksInWindow(p: RegisterPanel, set: CodeTable, from: number, to: number, unobserved: Unobserved): WeeksCount {
  const n = p.ids.length;
  const w = panelWidth(p);
  const weeks = new Float64Array(n);
  const observed = new Float64Array(n);
  const length = to - from + 1;
  for (let i = 0; i < n; i++) {
    let inSet = 0;
    let seen = 0;
    for (let week = from; week <= to; week++) {
      const k = week - p.firstWeek;
      const c = k >= 0 && k < w ? p.status[i * w + k] : NOT_OBSERVED;
      if (c === NOT_OBSERVED) continue;
      seen++;
      inSet += set[c];
    }
    observed[i] = seen;
    weeks[i] = seen === length || unobserved === 'not-in' ? inSet : Number.NaN;
  }
  return { weeks, observed };
}
