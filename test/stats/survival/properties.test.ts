/**
 * Invariants of the survival routines over random data (fast-check, fixed seed): hostile input
 * throws a StatsError or gives finite results; the Kaplan–Meier curve is monotone in [0, 1] and is
 * the empirical survival function without censoring; tests are invariant to relabelling groups and
 * to strictly increasing transforms of time; the Cox score test with one binary covariate and no
 * ties is the log-rank statistic; RMST without censoring is mean(min(T, τ)); Aalen–Johansen with one
 * cause is 1 − KM with the Greenwood SE, and state probabilities sum to 1.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StatsError } from '../../../src/stats/errors.ts';
import { fromColumns } from '../../../src/stats/linalg/matrix.ts';
import { kaplanMeier } from '../../../src/stats/survival/kaplan-meier.ts';
import { survivalQuantiles } from '../../../src/stats/survival/quantiles.ts';
import { logRank } from '../../../src/stats/survival/log-rank.ts';
import { coxPH } from '../../../src/stats/survival/cox/fit.ts';
import { coxZph } from '../../../src/stats/survival/cox/zph.ts';
import { restrictedMeanSurvival } from '../../../src/stats/survival/rmst.ts';
import { cumulativeIncidence } from '../../../src/stats/survival/cumulative-incidence.ts';
import { lre } from '../../helpers/lre.ts';

/** Rows of (time, event, group) with heavy ties possible. */
const rowsArb = (k: number, min = 4) =>
  fc.array(fc.record({ t: fc.integer({ min: 1, max: 30 }), e: fc.integer({ min: 0, max: 1 }), g: fc.integer({ min: 0, max: k - 1 }) }), { minLength: min, maxLength: 80 });
const labels = (k: number) => Array.from({ length: k }, (_, i) => `g${i}`);
const data = (rows: { t: number; e: number; g: number }[]) => ({
  time: Float64Array.from(rows, (r) => r.t),
  event: Uint8Array.from(rows, (r) => r.e),
});

function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x === null || typeof x !== 'object') return true;
  return Object.values(x as Record<string, unknown>).every(allFinite);
}

describe('hostile input: a StatsError or finite results', () => {
  const anyNum = fc.oneof(fc.double(), fc.integer({ min: -3, max: 40 }), fc.constantFrom(Number.NaN, Infinity, -1, 0, 2));
  const hostile = fc.array(fc.tuple(anyNum, anyNum, fc.integer({ min: -1, max: 3 })), { maxLength: 40 });
  const routines: [string, (t: number[], e: number[], g: number[]) => unknown][] = [
    ['kaplanMeier', (t, e, g) => kaplanMeier({ time: t, event: e, group: { codes: g, labels: ['a', 'b', 'c'] } })],
    ['logRank', (t, e, g) => logRank({ time: t, event: e, group: { codes: g, labels: ['a', 'b', 'c'] } })],
    ['coxPH', (t, e, g) => coxPH({ time: t, event: e, x: fromColumns([g.map((v) => v)]) })],
    ['restrictedMeanSurvival', (t, e, g) => restrictedMeanSurvival({ time: t, event: e, group: { codes: g, labels: ['a', 'b', 'c'] } }, { tau: 10 })],
    ['cumulativeIncidence', (t, e, g) => cumulativeIncidence({ time: t, status: e, eventLabels: ['x', 'y'], group: { codes: g, labels: ['a', 'b', 'c'] } })],
  ];
  for (const [name, f] of routines) {
    it(name, () => {
      fc.assert(
        fc.property(hostile, (rows) => {
          let r: unknown;
          try {
            r = f(rows.map((x) => x[0]), rows.map((x) => x[1]), rows.map((x) => x[2]));
          } catch (e) {
            expect(e).toBeInstanceOf(StatsError);
            return;
          }
          // Nulls mark undefined limits; every number present is finite.
          expect(allFinite(r)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('Kaplan–Meier', () => {
  it('is non-increasing in [0, 1], with limits around it and a shrinking risk set', () => {
    fc.assert(
      fc.property(rowsArb(2, 1), fc.constantFrom('log', 'log-log', 'plain' as const), (rows, confType) => {
        const fit = kaplanMeier(data(rows), { confType });
        for (const c of fit.curves) {
          c.surv.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
            if (i > 0) {
              expect(s).toBeLessThanOrEqual(c.surv[i - 1]);
              expect(c.nRisk[i]).toBe(c.nRisk[i - 1] - c.nEvent[i - 1] - c.nCensor[i - 1]);
            }
            const lo = c.lower[i], up = c.upper[i];
            if (lo !== null) expect(lo).toBeLessThanOrEqual(s + 1e-12);
            if (up !== null) expect(up).toBeGreaterThanOrEqual(s - 1e-12);
          });
          for (const q of survivalQuantiles(c, [0.25, 0.5, 0.75])) if (q.time !== null && q.lower !== null) expect(q.lower).toBeLessThanOrEqual(q.time);
        }
      }),
    );
  });
  it('without censoring is the empirical survival function', () => {
    fc.assert(
      fc.property(rowsArb(1, 1), (rows) => {
        const t = rows.map((r) => r.t);
        const c = kaplanMeier({ time: t, event: t.map(() => 1) }).curves[0];
        c.time.forEach((u, i) => expect(c.surv[i]).toBeCloseTo(t.filter((v) => v > u).length / t.length, 12));
      }),
    );
  });
});

describe('log-rank', () => {
  it('is invariant to relabelling the groups and to increasing transforms of time', () => {
    fc.assert(
      fc.property(rowsArb(3), (rows) => {
        const d = data(rows);
        const base = () => logRank({ ...d, group: { codes: rows.map((r) => r.g), labels: labels(3) } });
        let a;
        try { a = base(); } catch (e) { expect(e).toBeInstanceOf(StatsError); return; }
        const perm = [2, 0, 1];
        const b = logRank({ ...d, group: { codes: rows.map((r) => perm[r.g]), labels: ['x', 'y', 'z'] } });
        const c = logRank({ time: d.time.map((t) => Math.exp(t / 7) + t * t), event: d.event, group: { codes: rows.map((r) => r.g), labels: labels(3) } });
        expect(lre(b.statistic, a.statistic)).toBeGreaterThan(9);
        expect(b.df).toBe(a.df);
        a.groups.forEach((g, i) => expect(b.groups[perm[i]].observed).toBe(g.observed));
        expect(c.statistic).toBe(a.statistic);
      }),
    );
  });
  it('equals the Cox score test for one binary covariate without ties', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 6, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (times, ev, grp) => {
        const n = times.length;
        const event = Uint8Array.from({ length: n }, (_, i) => (ev[i] ? 1 : 0));
        const g = Int32Array.from({ length: n }, (_, i) => (grp[i] ? 1 : 0));
        if (event.every((e) => e === 0) || g.every((v) => v === g[0])) return;
        let lr;
        try { lr = logRank({ time: times, event, group: { codes: g, labels: ['a', 'b'] } }); } catch (e) { expect(e).toBeInstanceOf(StatsError); return; }
        for (const ties of ['efron', 'breslow'] as const) {
          let cox;
          try { cox = coxPH({ time: times, event, x: fromColumns([Float64Array.from(g)]) }, { ties }); } catch (e) { expect(e).toBeInstanceOf(StatsError); return; }
          expect(lre(cox.tests.score.statistic, lr.statistic)).toBeGreaterThan(10);
        }
      }),
    );
  });
});

describe('Cox', () => {
  it('depends on time only through its order; shifting x leaves β, scaling x by c divides β by c', () => {
    fc.assert(
      fc.property(rowsArb(2, 8), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 80, maxLength: 80 }), (rows, z) => {
        const d = data(rows);
        const x1 = Float64Array.from(rows, (r) => r.g);
        const x2 = Float64Array.from(rows, (_, i) => Math.round(z[i] * 10) / 10);
        let a;
        try { a = coxPH({ ...d, x: fromColumns([x1, x2]) }); } catch (e) { expect(e).toBeInstanceOf(StatsError); return; }
        if (!a.converged || a.warnings.length > 0) return; // monotone likelihoods: β at ±∞ has no stable digits
        const b = coxPH({ time: d.time.map((t) => Math.sqrt(t) + 100), event: d.event, x: fromColumns([x1.map((v) => v + 5), x2.map((v) => v * 4)]) });
        expect(lre(b.coef[0], a.coef[0])).toBeGreaterThan(7);
        expect(lre(b.coef[1] * 4, a.coef[1])).toBeGreaterThan(7);
        expect(lre(b.tests.likelihoodRatio.statistic, a.tests.likelihoodRatio.statistic)).toBeGreaterThan(7);
        // A single distinct event time leaves nothing to vary over: a StatsError, as R's solve() fails.
        let zph;
        try { zph = coxZph({ ...d, x: fromColumns([x1, x2]) }, a); } catch (e) { expect(e).toBeInstanceOf(StatsError); return; }
        expect(Number.isFinite(zph.global.statistic) && zph.global.statistic >= -1e-9).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('RMST and cumulative incidence', () => {
  it('RMST without censoring is mean(min(T, τ))', () => {
    fc.assert(
      fc.property(rowsArb(1, 1), fc.integer({ min: 1, max: 40 }), (rows, tau) => {
        const t = rows.map((r) => r.t);
        const r = restrictedMeanSurvival({ time: t, event: t.map(() => 1) }, { tau });
        expect(r.arms[0].estimate).toBeCloseTo(t.reduce((s, v) => s + Math.min(v, tau), 0) / t.length, 10);
      }),
    );
  });
  it('with one cause, the incidence is 1 − KM with the Greenwood SE; states always sum to 1', () => {
    fc.assert(
      fc.property(rowsArb(3, 1), (rows) => {
        const one = cumulativeIncidence({ time: rows.map((r) => r.t), status: rows.map((r) => r.e), eventLabels: ['event'] }).curves[0];
        const km = kaplanMeier({ time: rows.map((r) => r.t), event: rows.map((r) => r.e) }, { confType: 'log' }).curves[0];
        one.time.forEach((_, i) => {
          expect(one.states[1].p[i]).toBeCloseTo(1 - km.surv[i], 12);
          const se = km.stdErr[i] === null || km.surv[i] === 0 ? 0 : km.surv[i] * (km.stdErr[i] as number);
          // Compared as variances: where the exact SE is 0 the recursion leaves ~1e-17 of rounding in Var.
          expect(one.states[1].stdErr[i] ** 2).toBeCloseTo(se * se, 12);
        });
        const multi = cumulativeIncidence({ time: rows.map((r) => r.t), status: rows.map((r) => (r.e ? r.g : 0)), eventLabels: ['a', 'b'] }).curves[0];
        multi.time.forEach((_, i) => expect(multi.states.reduce((s, st) => s + st.p[i], 0)).toBeCloseTo(1, 12));
      }),
    );
  });
});
