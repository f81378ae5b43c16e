/**
 * The published Kaplan–Meier and cumulative-incidence curves (src/report/disclosure/curves.ts):
 * every drop gathers ≥ 5 events (counted here from the raw data, not from the bound the code
 * uses), every published time is a time of the analysis grid, and every published value is the
 * analysis' own estimate at that time — for Kaplan–Meier the product-limit Ŝ of
 * src/stats/survival/kaplan-meier.ts (checked against survival::survfit elsewhere).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseCompetingRisks, analyseSurvival, type Curve, type TimeToEventData } from '../../../src/analysis/survival/index.ts';
import { kaplanMeier } from '../../../src/stats/survival/kaplan-meier.ts';
import { coarsenCurves, coarsenSurvival, countsFromSteps, MIN_AT_RISK, pairsWithSteps, publishedCurves } from '../../../src/report/disclosure/curves.ts';

interface Person { readonly time: number; readonly status: number; readonly arm: number }

const toData = (people: readonly Person[], causes: readonly string[] = ['event']): TimeToEventData => ({
  time: people.map((p) => p.time), status: people.map((p) => p.status), arm: people.map((p) => p.arm), causes, armLabels: ['A', 'B'].slice(0, Math.max(...people.map((p) => p.arm)) + 1),
});
const grid = (last: number) => Array.from({ length: last + 1 }, (_, k) => k);
const survival = (people: readonly Person[], g?: readonly number[]) => analyseSurvival(toData(people), { comparisons: [], ...(g ? { grid: g } : {}) });

/** Events of `arm` (of cause `cause`, any when 0) in (a, b]. */
const eventsIn = (people: readonly Person[], arm: string, a: number, b: number, cause = 0) =>
  people.filter((p) => ['A', 'B'][p.arm] === arm && p.status > 0 && (cause === 0 || p.status === cause) && p.time > a && p.time <= b).length;

/** Ŝ at t from the product-limit routine of src/stats: the value at the last curve time ≤ t. */
function exactKm(people: readonly Person[], arm: number, t: number): number {
  const mine = people.filter((p) => p.arm === arm);
  const c = kaplanMeier({ time: mine.map((p) => p.time), event: mine.map((p) => (p.status > 0 ? 1 : 0)) }).curves[0];
  let s = 1;
  for (let k = 0; k < c.time.length && c.time[k] <= t; k++) s = c.surv[k];
  return s;
}

/** The checks every published curve passes, against the raw data. */
function checkPublished(people: readonly Person[], raw: Curve, pub: Curve, cumulative: (c: Curve, k: number) => number, cause = 0, tau?: { readonly time: number; readonly estimate: number }): void {
  let prevTime = -Infinity;
  let prevValue = 0;
  pub.time.forEach((t, k) => {
    const at = raw.time.indexOf(t);
    if (at < 0 && tau && t === tau.time) {
      // τ off the grid: the tables' estimate at τ.
      expect(pub.estimate[k]).toBe(tau.estimate);
    } else {
      expect(at, `published time ${t} is a grid time`).toBeGreaterThanOrEqual(0);
      expect(pub.estimate[k]).toBe(raw.estimate[at]);
      expect(pub.lower[k]).toBe(raw.lower[at]);
      expect(pub.upper[k]).toBe(raw.upper[at]);
      expect(raw.nRisk[at]).toBeGreaterThanOrEqual(MIN_AT_RISK);
    }
    expect(Number.isNaN(pub.nRisk[k])).toBe(true);
    const value = cumulative(pub, k);
    if (value - prevValue > 1e-12) expect(eventsIn(people, raw.arm, prevTime, t, cause), `${raw.arm}/${raw.state}: the drop at ${t}`).toBeGreaterThanOrEqual(5);
    else expect(Math.abs(value - prevValue)).toBeLessThan(1e-12);
    prevTime = t;
    prevValue = value;
  });
}

const km = (c: Curve, k: number) => 1 - c.estimate[k];
const censored = (n: number, time: number, arm = 0): Person[] => Array.from({ length: n }, () => ({ time, status: 0, arm }));
const events = (times: readonly number[], arm = 0): Person[] => times.map((time) => ({ time, status: 1, arm }));

describe('a published Kaplan–Meier curve', () => {
  const cases: Array<{ name: string; people: Person[]; times: number[] | null }> = [
    { name: 'a drop of 1: no steps', people: [...events([3]), ...censored(19, 10)], times: [] },
    { name: 'a drop of 4: no steps', people: [...events([3, 3, 3, 3]), ...censored(16, 10)], times: [] },
    { name: 'a drop of 5 (tied): one step at its time', people: [...events([3, 3, 3, 3, 3]), ...censored(15, 10)], times: [0, 3, 10] },
    { name: 'ties: 2 + 3 and 1 + 4 events make two steps', people: [...events([2, 2, 4, 4, 4, 6, 8, 8, 8, 8]), ...censored(10, 10)], times: [0, 4, 8, 10] },
    { name: 'censoring between events: 6 single events, the last merged into the first group', people: [...events([1, 2, 4, 5, 7, 8]), { time: 3, status: 0, arm: 0 }, { time: 6, status: 0, arm: 0 }, ...censored(12, 10)], times: [0, 8, 10] },
    { name: 'fewer than 5 events spread out: no steps', people: [...events([1, 4, 7, 9]), ...censored(16, 10)], times: [] },
    { name: 'the curve stops where fewer than 5 remain: events after that do not count', people: [...events([1, 1, 2, 3, 4, 8, 8, 9]), ...censored(3, 5)], times: [0, 4, 5] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = survival(c.people, grid(10));
      const raw = a.curves[0];
      const pub = coarsenSurvival(raw);
      expect(pub.time).toEqual(c.times);
      checkPublished(c.people, raw, pub, km);
      pub.time.forEach((t, k) => expect(pub.estimate[k]).toBeCloseTo(exactKm(c.people, 0, t), 14));
    });
  }

  it('two arms with different event times: each arm coarsened on its own events', () => {
    const people = [...events([1, 1, 2, 2, 3, 4, 5, 6, 7, 8], 0), ...censored(10, 10, 0), ...events([2, 2, 5, 5, 5, 9], 1), ...censored(14, 10, 1)];
    const a = survival(people, grid(10));
    const pub = coarsenCurves('survival', a.curves);
    // B: 2 + 3 events make a group ending at 5; the 1 event at 9 joins it, so its step moves to 9.
    expect(pub.map((c) => c.time)).toEqual([[0, 3, 8, 10], [0, 9, 10]]);
    a.curves.forEach((raw, i) => checkPublished(people, raw, pub[i], km));
  });

  it('up to τ only, ending at the tables\' estimate at τ when τ is no grid time (the groups close at τ)', () => {
    // 5 events by 4, 2 more at 6 and 7 (before τ = 7.5), 3 after; grid 0…10.
    const people = [...events([1, 1, 2, 3, 4, 6, 7, 8, 9, 9]), ...censored(15, 10)];
    const a = analyseSurvival(toData(people), { comparisons: [], grid: grid(10), tau: 7.5, landmarks: [7.5] });
    const pub = publishedCurves(a)[0];
    // The 2 events at 6 and 7 join the first group, drawn at 7; the curve ends at τ with the value the tables print.
    expect(pub.time).toEqual([0, 7, 7.5]);
    expect(pub.estimate[2]).toBe(a.arms[0].landmarks[0].surv);
    expect(pub.estimate[1]).toBe(pub.estimate[2]);
  });

  it('a cumulative-incidence curve also ends at τ with the tables\' incidence at τ when τ is no grid time', () => {
    const people = [...events([1, 1, 2, 3, 4, 6, 7, 8, 9, 9]), ...[2, 5, 8].map((time) => ({ time, status: 2, arm: 0 })), ...censored(15, 10)];
    const a = analyseCompetingRisks(toData(people, ['job', 'education']), { comparisons: [], grid: grid(10), tau: 7.5 });
    const job = publishedCurves(a)[a.curves.findIndex((c) => c.state === 'job')];
    expect(job.time).toEqual([0, 7, 7.5]);
    expect(job.estimate[2]).toBe(a.arms[0].byCause.find((b) => b.cause === 'job')!.atTau.estimate);
    // 3 education events: no curve.
    expect(publishedCurves(a)[a.curves.findIndex((c) => c.state === 'education')].time).toEqual([]);
  });

  it('an event at the very first grid time is part of the first group, not a step of its own', () => {
    const people = [...events([0, 1, 1, 2, 2]), ...censored(15, 10)];
    const pub = coarsenSurvival(survival(people, grid(10)).curves[0]);
    expect(pub.time).toEqual([2, 10]);
  });
});

describe('counts a reader gets from the steps (N·Ŝ before any censoring) and the risk table beside them', () => {
  // 23 people: 5 events by week 3 (a step), 1 at 5 and 1 at 6, then 3 by week 8 (the second group), 13 censored at 10.
  const people = [...events([1, 1, 2, 2, 3, 5, 6, 7, 7, 8]), ...censored(13, 10)];
  const a = analyseSurvival(toData(people), { comparisons: [], grid: grid(10), landmarks: [4, 6] });
  const pub = coarsenSurvival(a.curves[0]);

  it('without censoring N·Ŝ at a step is the number left: 18 after week 3, 13 after week 8', () => {
    expect(pub.time).toEqual([0, 3, 8, 10]);
    expect(countsFromSteps(pub, 23)).toEqual([23, 18, 13]);
  });

  it('a column 1–4 from a step is flagged (week 6: 17 at risk, 1 fewer than the 18 left after week 3), one 0 from it is not', () => {
    expect(a.riskTable.times).toEqual([0, 4, 6]);
    expect(a.riskTable.byArm.A).toEqual([23, 18, 17]);
    expect(pairsWithSteps(pub, 23, a.riskTable.byArm.A)).toEqual([2]);
  });

  it('a group closes before a risk-table column when it can: the event at 5 joins the step before week 6, and nothing is flagged', () => {
    const closing = [...events([1, 1, 2, 2, 3, 5, 7, 7, 8, 8, 9]), ...censored(12, 10)];
    const b = analyseSurvival(toData(closing), { comparisons: [], grid: grid(10), landmarks: [6] });
    expect(b.riskTable.times).toEqual([0, 6]);
    const p = publishedCurves(b)[0];
    expect(p.time).toEqual([0, 5, 9, 10]);
    expect(pairsWithSteps(p, 23, b.riskTable.byArm.A)).toEqual([]);
    // Without the column the 6th event would wait for the next group: [0, 3, 9, 10].
    expect(coarsenSurvival(b.curves[0]).time).toEqual([0, 3, 9, 10]);
  });

  it('a segment without a whole group carries its events on (weeks 4–5: 1 event), and the column it straddles is flagged', () => {
    expect(publishedCurves(a)[0].time).toEqual([0, 3, 8, 10]);
    expect(pairsWithSteps(publishedCurves(a)[0], 23, a.riskTable.byArm.A)).toEqual([2]);
  });

  it('N − events is flagged when it is 1–4 below a step (the events after the curve stops)', () => {
    // 20 people: 5 events by week 3, 11 censored at 4, and of the last 4 two have the event (weeks 8, 9): the curve stops at 3.
    const few = [...events([1, 1, 2, 2, 3, 8, 9]), ...censored(11, 4), ...censored(2, 10)];
    const b = analyseSurvival(toData(few), { comparisons: [], grid: grid(10) });
    const p = coarsenSurvival(b.curves[0]);
    expect(p.time).toEqual([0, 3, 4]);
    expect(pairsWithSteps(p, 20, [20 - 7])).toEqual([0]);
  });

  it('with censoring before the step N·Ŝ is no whole number, and nothing is flagged', () => {
    const censoredEarly = [...events([1, 1, 2, 2, 3, 5, 6, 7, 7, 8]), { time: 1, status: 0, arm: 0 }, ...censored(12, 10)];
    const b = analyseSurvival(toData(censoredEarly), { comparisons: [], grid: grid(10), landmarks: [4, 6] });
    const p = coarsenSurvival(b.curves[0]);
    expect(countsFromSteps(p, 23)).toEqual([23]);
    expect(pairsWithSteps(p, 23, b.riskTable.byArm.A)).toEqual([]);
  });
});

/** Random trials: 2 arms, integer or continuous times, random censoring; the analysis' default grid. */
const trial = fc.record({
  n: fc.tuple(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 3, max: 60 })),
  whole: fc.boolean(),
  horizon: fc.integer({ min: 3, max: 40 }),
  seeds: fc.array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 2 })), { minLength: 120, maxLength: 120 }),
}).map(({ n, whole, horizon, seeds }) => {
  const people: Person[] = [];
  let s = 0;
  for (let arm = 0; arm < 2; arm++) for (let i = 0; i < n[arm]; i++) {
    const [u, v, c] = seeds[s++ % seeds.length];
    const raw = u * horizon * (1 + arm * 0.3 + (i % 7) / 10);
    const time = whole ? Math.max(1, Math.ceil(raw)) : raw;
    people.push({ time, status: v < 0.6 ? 1 + (c % 2) : 0, arm });
  }
  return people;
});

describe('property: every published drop has ≥ 5 events, on grid times, with the exact estimates', () => {
  it('Kaplan–Meier', () => {
    let drops = 0;
    let withheld = 0;
    fc.assert(
      fc.property(trial, (people) => {
        // τ inside every arm's follow-up, usually off the grid, with the tables' estimate there.
        const tau = 0.7 * Math.min(...[0, 1].map((g) => Math.max(...people.filter((p) => p.arm === g).map((p) => p.time))));
        const a = analyseSurvival(toData(people), { comparisons: [], tau, landmarks: [tau] });
        const pub = publishedCurves(a);
        a.curves.forEach((raw, i) => {
          expect(pub[i].time.every((t) => t <= a.tau)).toBe(true);
          checkPublished(people, raw, pub[i], km, 0, { time: tau, estimate: a.arms.find((x) => x.arm === raw.arm)!.landmarks[0].surv });
          drops += pub[i].estimate.filter((e, k) => k > 0 && e < pub[i].estimate[k - 1]).length;
          if (pub[i].time.length === 0) withheld++;
          pub[i].time.forEach((t, k) => expect(Math.abs(pub[i].estimate[k] - exactKm(people, ['A', 'B'].indexOf(raw.arm), t))).toBeLessThan(1e-13));
        });
      }),
      { numRuns: 150, seed: 20261127 },
    );
    // The property bites: curves with steps and curves with too few events both occur.
    expect(drops).toBeGreaterThan(100);
    expect(withheld).toBeGreaterThan(5);
  });

  it('cumulative incidence (two competing causes): ≥ 5 events of the cause behind each drop', () => {
    fc.assert(
      fc.property(trial, (people) => {
        const a = analyseCompetingRisks(toData(people, ['job', 'education']), { comparisons: [] });
        const pub = publishedCurves(a);
        a.curves.forEach((raw, i) => {
          const atTau = a.arms.find((x) => x.arm === raw.arm)!.byCause.find((b) => b.cause === raw.state)!.atTau;
          expect(pub[i].time.every((t) => t <= a.tau)).toBe(true);
          checkPublished(people, raw, pub[i], (c, k) => c.estimate[k], a.causes.indexOf(raw.state) + 1, { time: a.tau, estimate: atTau.estimate });
        });
      }),
      { numRuns: 100, seed: 20261127 },
    );
  });
});
