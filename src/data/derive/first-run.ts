/**
 * Time to an event in a register panel, implemented once for the three time-to-event kinds:
 *
 *   follow-up: weeks origin+1, origin+2, … while observed without a gap, up to `to`; F is the
 *              last such week (F = origin when week origin+1 is unobserved);
 *   event:     the first week w in (origin, F − s + 1] that starts a run of s = `sustained`
 *              consecutive weeks of one class (class = the week's code looked up in a table:
 *              0 none, k = cause k), time = w − origin, cause = k;
 *   censored:  otherwise at time F − s + 1 − origin (the last start week whose run could still
 *              be seen; at least 0), cause 0;
 *   missing:   no observed week in [origin, to] at all (time NaN), or — for time-to-leave —
 *              the participant was not in the left-behind codes at the origin (not at risk).
 *
 * time-to-first uses the set as a one-class table; time-to-leave the set's complement (and the
 * at-risk condition); competing-first one class per cause.
 */
import { NOT_OBSERVED, panelWidth, type RegisterPanel } from './panel.ts';
import type { CodeTable } from './masks.ts';

export interface TimeToEvent {
  /** Weeks from the origin (NaN = missing). */
  readonly time: Float64Array;
  /** 0 = censored, k = event of class (cause) k. */
  readonly cause: Uint8Array;
}

export interface FirstRunOptions {
  readonly origin: number;
  readonly to: number;
  readonly sustained: number;
  /** Only participants whose code at the origin is in this set are at risk (others: missing). */
  readonly atRiskAtOrigin?: CodeTable;
}

export function firstRun(p: RegisterPanel, classes: CodeTable, o: FirstRunOptions): TimeToEvent {
  const n = p.ids.length;
  const w = panelWidth(p);
  const time = new Float64Array(n);
  const cause = new Uint8Array(n);
  const s = o.sustained;
  const at = (i: number, week: number) => {
    const k = week - p.firstWeek;
    return k >= 0 && k < w ? p.status[i * w + k] : NOT_OBSERVED;
  };
  for (let i = 0; i < n; i++) {
    const c0 = at(i, o.origin);
    if (o.atRiskAtOrigin && (c0 === NOT_OBSERVED || !o.atRiskAtOrigin[c0])) {
      time[i] = Number.NaN;
      continue;
    }
    // F: the end of gap-free follow-up after the origin.
    let f = o.origin;
    while (f < o.to && at(i, f + 1) !== NOT_OBSERVED) f++;
    if (f === o.origin && c0 === NOT_OBSERVED) {
      let any = false;
      for (let week = o.origin + 1; week <= o.to && !any; week++) any = at(i, week) !== NOT_OBSERVED;
      if (!any) {
        time[i] = Number.NaN;
        continue;
      }
    }
    let run = 0;
    let runClass = 0;
    let event = -1;
    for (let week = o.origin + 1; week <= f; week++) {
      const k = classes[at(i, week)];
      if (k !== 0 && k === runClass) run++;
      else {
        run = k === 0 ? 0 : 1;
        runClass = k;
      }
      if (run === s) {
        event = week - s + 1;
        break;
      }
    }
    if (event >= 0) {
      time[i] = event - o.origin;
      cause[i] = runClass;
    } else time[i] = Math.max(0, f - s + 1 - o.origin);
  }
  return { time, cause };
}
