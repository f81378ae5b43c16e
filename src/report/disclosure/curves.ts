/**
 * Kaplan–Meier and cumulative-incidence curves as published: coarsened so that every drop a
 * reader can see gathers at least 5 events and no published step time is one person's event time.
 *
 * The rule is OpenSAFELY's "forward" grouping of event times with the "ceiling" output value
 * (opensafely-actions/kaplan-meier-function, analysis/time-rounding.R, `round_event_times`:
 * "moving from time zero forwards, set the next group boundary … such that the number of events
 * [in the group] is at least min_count"; the last group, if too small, is merged into the one
 * before; every event of a group is drawn at the group's upper boundary). Two differences:
 *   - the boundaries are times of the analysis grid (results.json's curves: whole units for
 *     whole-unit data, else last/100 steps), never a raw event time read off the data, and the
 *     value published at a boundary is the true estimate there (the analysis' own Ŝ or F̂ at that
 *     grid time, with its limits) — OpenSAFELY recomputes the estimator on the moved times, which
 *     invents values no analysis produced;
 *   - the count per group is a guaranteed lower bound on the events behind the drop, computed
 *     from the curve itself (results.json carries no event counts per grid interval): between
 *     grid times a < b, with S the all-cause event-free survival and n_b those still at risk at b,
 *       rise of the cumulative curve = Σ_j S(t_j−)·d_j/n_j ≤ S(a)·D/n_b,   so  D ≥ n_b·rise/S(a)
 *     (every event time t_j in (a, b] has n_j ≥ n_b and S(t_j−) ≤ S(a); for 1 − KM the rise is
 *     S(a) − S(b), for an Aalen–Johansen curve its F(b) − F(a)), and D ≥ 1 when the curve rises.
 *     Where the risk sets do not shrink from grid time to grid time the bound is 1 per rise.
 * A curve is published up to τ (ending at the tables' estimate there) or while ≥ 5 remain at
 * risk; one whose range holds fewer than 5 events by that bound has no steps at all: it is
 * published empty, and the chart says why. Before any censoring N·Ŝ at a step is a count, so the
 * counts printed beside it (risk-table columns, N − events) are checked against it (pairsWithSteps).
 */
import type { CompetingRisksAnalysis, Curve, SurvivalAnalysis } from '../../analysis/survival/types.ts';

/** The project's small-count threshold: a published drop gathers at least this many events. */
export const MIN_EVENTS_PER_STEP = 5;
/** A curve stops where fewer than this many remain at risk (a step there describes one or a few people). */
export const MIN_AT_RISK = 5;

/** Rises below this are rounding noise of a flat stretch. */
const FLAT = 1e-12;
/** Slack for the bound's floating point: it may only ever be rounded down. */
const SLACK = 1e-6;

/**
 * The lower bound on the events behind each grid interval (k−1, k] of a curve (index 0: those at
 * or before the first grid time), from the cumulative values (0 at the origin, rising), the
 * all-cause survival at each grid time and the number at risk.
 */
export function eventsBehind(cumulative: readonly number[], survival: readonly number[], nRisk: readonly number[]): number[] {
  const shrinks = nRisk.every((n, k) => Number.isFinite(n) && n >= 0 && (k === 0 || n <= nRisk[k - 1]));
  return cumulative.map((c, k) => {
    const rise = c - (k === 0 ? 0 : cumulative[k - 1]);
    if (!(rise > FLAT)) return 0;
    const sBefore = k === 0 ? 1 : survival[k - 1];
    if (!shrinks || !(sBefore > 0)) return 1;
    return Math.max(1, Math.ceil((nRisk[k] * rise) / sBefore - SLACK));
  });
}

/**
 * The indices of the grid times a coarsened curve publishes, over the first `range` grid times:
 * the origin (when no event precedes it), each group's upper boundary, and the range's end (the
 * curve is flat from the last boundary to it). Empty when the range holds fewer than 5 events.
 * `closeAt`: indices where a group should end if it can (the grid time before a risk-table
 * column): there the events since the segment's last step join that step, so no group is split
 * by the column — the column's n then differs from the step's N·Ŝ by censorings only. A segment
 * without a whole group carries its events on (pairsWithSteps catches what that gives away).
 */
export function publishedSteps(events: readonly number[], range: number, closeAt: ReadonlySet<number> = new Set()): number[] {
  const cuts: number[] = [];
  let acc = 0;
  let lastRise = -1;
  let inSegment = false;
  for (let k = 0; k < range; k++) {
    if (events[k] > 0) {
      lastRise = k;
      acc += events[k];
      if (acc >= MIN_EVENTS_PER_STEP) {
        cuts.push(k);
        acc = 0;
        inSegment = true;
      }
    }
    if (closeAt.has(k)) {
      // A last group of the segment with fewer than 5 events is merged into the one before it.
      if (acc > 0 && inSegment) {
        cuts[cuts.length - 1] = lastRise;
        acc = 0;
      }
      inSegment = false;
    }
  }
  if (cuts.length === 0) return [];
  // A last group with fewer than 5 events is merged into the one before: that group's step moves to the last rise.
  if (acc > 0) cuts[cuts.length - 1] = lastRise;
  const out = events[0] === 0 ? [0] : [];
  for (const k of cuts) if (out[out.length - 1] !== k) out.push(k);
  if (out[out.length - 1] !== range - 1) out.push(range - 1);
  return out;
}

/**
 * How many leading points of a curve are published: up to τ (the tables print the estimate at τ,
 * so a curve that went on would split the events after it), and while at least 5 remain at risk.
 */
function publishedRange(c: Curve, tau: number): number {
  const k = c.time.findIndex((t, i) => t > tau || !(c.nRisk[i] >= MIN_AT_RISK));
  return k < 0 ? c.time.length : k;
}

/** A curve reduced to the points at `idx`; the numbers at risk are not published (NaN). */
function pick(c: Curve, idx: readonly number[]): Curve {
  return { ...c, time: idx.map((k) => c.time[k]), estimate: idx.map((k) => c.estimate[k]), lower: idx.map((k) => c.lower[k]), upper: idx.map((k) => c.upper[k]), nRisk: idx.map(() => Number.NaN) };
}

/** The estimate at τ as the tables print it (ArmSurvival.landmarks at τ). */
export interface AtTau {
  readonly time: number;
  readonly surv: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly nRisk: number;
}

/**
 * The grid curve with the tables' estimate at τ as one more point when τ is no grid time: the
 * groups then close at τ, and the value the curve ends at is the one the tables print.
 */
function withTau(c: Curve, at: AtTau | undefined): Curve {
  if (!at || c.time.includes(at.time)) return c;
  const k = c.time.findIndex((t) => t > at.time);
  const cut = k < 0 ? c.time.length : k;
  const ins = <T>(xs: readonly T[], x: T) => [...xs.slice(0, cut), x, ...xs.slice(cut)];
  return { ...c, time: ins(c.time, at.time), estimate: ins(c.estimate, at.surv), lower: ins(c.lower, at.lower), upper: ins(c.upper, at.upper), nRisk: ins(c.nRisk, at.nRisk) };
}

/** A Kaplan–Meier curve (event-free survival Ŝ on the grid) as published, up to τ. */
export function coarsenSurvival(grid: Curve, tau = Infinity, at?: AtTau, riskTimes: readonly number[] = []): Curve {
  const c = withTau(grid, at && at.time === tau ? at : undefined);
  const events = eventsBehind(c.estimate.map((s) => 1 - s), c.estimate, c.nRisk);
  const closeAt = new Set(riskTimes.map((t) => c.time.indexOf(t) - 1).filter((k) => k >= 0));
  return pick(c, publishedSteps(events, publishedRange(c, tau), closeAt));
}

/**
 * An arm's cumulative-incidence curves (one per cause, on one grid) as published, up to τ: each
 * cause's curve coarsened on its own events; the all-cause survival is 1 − Σ causes.
 */
export function coarsenIncidence(grid: readonly Curve[], tau = Infinity, atTau?: (cause: string) => { readonly estimate: number; readonly lower: number | null; readonly upper: number | null } | undefined): Curve[] {
  // The tables' incidence at τ as one more point when τ is no grid time; its number at risk is the
  // next grid time's (no larger than the true one, so the bound on the events stays a lower bound).
  const curves = grid.map((c) => {
    const at = atTau?.(c.state);
    if (!at || !grid.every((g) => atTau?.(g.state)) || c.time.includes(tau)) return c;
    const next = c.time.findIndex((t) => t > tau);
    return withTau(c, { time: tau, surv: at.estimate, lower: at.lower, upper: at.upper, nRisk: next < 0 ? 0 : c.nRisk[next] });
  });
  const survival = curves[0]?.time.map((_, k) => 1 - curves.reduce((s, c) => s + c.estimate[k], 0)) ?? [];
  return curves.map((c) => pick(c, publishedSteps(eventsBehind(c.estimate, survival, c.nRisk), publishedRange(c, tau))));
}

/** Every curve of a time-to-event result as published (arms' incidence curves grouped by arm). */
export function coarsenCurves(kind: 'survival' | 'competing-risks', curves: readonly Curve[], tau = Infinity, atTau: (arm: string) => AtTau | undefined = () => undefined, riskTimes: readonly number[] = []): Curve[] {
  if (kind === 'survival') return curves.map((c) => coarsenSurvival(c, tau, atTau(c.arm), riskTimes));
  return coarsenIncidenceByArm(curves, tau);
}

/** Incidence curves coarsened arm by arm (the causes of an arm share its all-cause survival). */
function coarsenIncidenceByArm(curves: readonly Curve[], tau: number, atTau?: (arm: string, cause: string) => { estimate: number; lower: number | null; upper: number | null } | undefined): Curve[] {
  const byArm = new Map<string, Curve[]>();
  for (const c of curves) byArm.set(c.arm, [...(byArm.get(c.arm) ?? []), c]);
  const done = new Map<Curve, Curve>();
  for (const [arm, group] of byArm) coarsenIncidence(group, tau, atTau && ((cause) => atTau(arm, cause))).forEach((p, i) => done.set(group[i], p));
  return curves.map((c) => done.get(c)!);
}
/** The curves of an analysis as published: up to its τ, a survival curve ending at the tables' estimate at τ. */
export function publishedCurves(a: SurvivalAnalysis | CompetingRisksAnalysis): Curve[] {
  if (a.kind === 'competing-risks') return coarsenIncidenceByArm(a.curves, a.tau, (arm, cause) => a.arms.find((x) => x.arm === arm)?.byCause.find((b) => b.cause === cause)?.atTau);
  return coarsenCurves('survival', a.curves, a.tau, (arm) => a.arms.find((x) => x.arm === arm)?.landmarks.find((l) => l.time === a.tau), a.riskTable.times);
}

/**
 * The counts a published Kaplan–Meier curve gives a reader who multiplies by the arm's n: until
 * the first censoring N·Ŝ(t_b) is the number still event-free after the step t_b. Each published
 * value that is such a whole number (to the 6 decimals the chart prints) is returned; with
 * censoring N·Ŝ is no count and is left out.
 */
export function countsFromSteps(pub: Curve, n: number): number[] {
  const out: number[] = [];
  pub.estimate.forEach((s, j) => {
    const x = n * s;
    if (j > 0 && s === pub.estimate[j - 1]) return;
    if (Math.abs(x - Math.round(x)) <= n * 5e-7 + 1e-9) out.push(Math.round(x));
  });
  return out;
}

/**
 * Published counts that, beside a published Kaplan–Meier curve, would give back 1–4 people by
 * subtraction: a count c is flagged when |N·Ŝ(t_b) − c| is 1–4 for a step whose N·Ŝ is a whole
 * number (countsFromSteps). The risk table's columns (those who left between a step and the
 * column: the events before the column of a group not yet drawn) and the arm's number without
 * the event (N − events: the events after the last step) are checked; the plan hides flagged
 * cells from the start (model.ts: forcedHidden). Steps against each other and against N differ
 * by whole groups (≥ 5 events).
 */
export function pairsWithSteps(pub: Curve, n: number, counts: readonly number[]): number[] {
  const xs = countsFromSteps(pub, n);
  return counts.flatMap((c, i) => (Number.isFinite(c) && xs.some((x) => Math.abs(x - c) >= 1 && Math.abs(x - c) < MIN_EVENTS_PER_STEP) ? [i] : []));
}
