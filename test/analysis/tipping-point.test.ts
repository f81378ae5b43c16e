import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import type { AnalysisFrame } from '../../src/analysis/frame/frame.ts';
import type { EstimatorContext } from '../../src/analysis/estimators/common.ts';
import { miAncova } from '../../src/analysis/estimators/mi-ancova.ts';
import { tippingPoint } from '../../src/analysis/estimators/tipping-point.ts';
import { pooledSd } from '../../src/stats/effects/cohens-d.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { expectStatsError } from '../helpers/errors.ts';

let frame: AnalysisFrame;
let ctx: (id: string) => EstimatorContext;
const mi = { m: 10, method: 'pmm' as const, donors: 5, maxit: 5, byArm: false, seed: 42 };
beforeAll(async () => {
  frame = buildFrame(await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json')));
  const include = () => true;
  ctx = (id) => ({ frame, outcome: frame.outcomes.find((o) => o.id === id)!, visit: 1, include, confLevel: 0.95, comparison: frame.comparisons[0] });
});

describe('δ-adjusted tipping point', () => {
  it('QPR-15 (higher is better): the path starts at the MAR estimate and falls linearly; the tipping δ flips the conclusion', () => {
    const r = tippingPoint(ctx('qpr15'), { ...mi, steps: 10, alpha: 0.05, maxDelta: 30 });
    const mar = miAncova(ctx('qpr15'), mi).difference!;
    expect(r.outcomeId).toBe('qpr15');
    expect(r.visit).toBe('end');
    expect(r.arm).toBe('PEER');
    expect(r.searchedUpTo).toBe(30);
    expect(r.path.map((p) => p.delta)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(r.path[0].estimate).toBe(mar.estimate);
    expect(r.path[0].p).toBe(mar.p);
    // OLS is linear in y, so the pooled estimate is linear in δ: equal steps down.
    const steps = r.path.slice(1).map((p, s) => p.estimate - r.path[s].estimate);
    for (const s of steps) expect(s).toBeCloseTo(steps[0], 9);
    expect(steps[0]).toBeLessThan(0);
    expect(r.path[0].p).toBeLessThan(0.05);
    expect(r.tippingDelta).not.toBeNull();
    const t = r.tippingDelta!;
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThanOrEqual(30);
    // Cross-check with the estimator itself: at δ the conclusion has changed, just below it has not.
    expect(miAncova(ctx('qpr15'), { ...mi, delta: { arm: 'intervention', value: -t } }).difference!.p).toBeGreaterThanOrEqual(0.05);
    expect(miAncova(ctx('qpr15'), { ...mi, delta: { arm: 'intervention', value: -(t - 30 / 10 / 2 ** 19) } }).difference!.p).toBeLessThan(0.05);
  });

  it('WSAS (higher is worse): δ is added to the intervention arm, the default range is one pooled SD', () => {
    const c = ctx('wsas');
    const ticks: string[] = [];
    const r = tippingPoint(c, { ...mi, steps: 5, alpha: 0.05, onProgress: (d, t) => ticks.push(`${d}/${t}`) });
    expect(ticks.at(-1)).toBe('16/16'); // 10 imputations + 6 grid points
    expect(ticks).toHaveLength(16);
    const y = c.outcome.values[1];
    const obs = (a: number) => [...Array(frame.n).keys()].filter((i) => frame.arm[i] === a && !Number.isNaN(y[i])).map((i) => y[i]);
    expect(r.searchedUpTo).toBe(pooledSd(obs(frame.comparisons[0].intervention), obs(frame.control)));
    expect(r.path).toHaveLength(6);
    expect(r.path[5].estimate).toBeGreaterThan(r.path[0].estimate); // intervention made worse = higher
  });

  it('control or both arms; null when the conclusion never changes in range', () => {
    const control = tippingPoint(ctx('qpr15'), { ...mi, steps: 4, alpha: 0.05, maxDelta: 1, arm: 'control' });
    expect(control.arm).toBe('SAU');
    expect(control.tippingDelta).toBeNull();
    expect(control.path[4].estimate).toBeLessThan(control.path[0].estimate); // control made better
    const both = tippingPoint(ctx('qpr15'), { ...mi, steps: 4, alpha: 0.05, maxDelta: 1, arm: 'both' });
    expect(both.arm).toBe('both');
    expect(both.path[4].estimate).toBeLessThan(control.path[4].estimate);
  });

  it('a non-significant result tips into significant harm', () => {
    const r = tippingPoint(ctx('csrq'), { ...mi, steps: 10, alpha: 0.05 });
    expect(r.path[0].p).toBeGreaterThanOrEqual(0.05);
    expect(r.tippingDelta).not.toBeNull();
    const at = miAncova(ctx('csrq'), { ...mi, delta: { arm: 'intervention', value: -r.tippingDelta! } }).difference!;
    expect(at.p).toBeLessThan(0.05);
    expect(at.estimate).toBeLessThan(0);
  });

  it('significant harm under MAR: δ moves towards the intervention, so the search can tip it', () => {
    // QPR-15 read as if higher were worse: the MAR result is then significant harm.
    const c = ctx('qpr15');
    const harm = { ...c, outcome: { ...c.outcome, higherIsBetter: false } };
    const r = tippingPoint(harm, { ...mi, steps: 20, alpha: 0.05, maxDelta: 20 });
    expect(r.path[0].p).toBeLessThan(0.05);
    expect(r.direction).toBe('towards-intervention');
    expect(r.path[20].estimate).toBeLessThan(r.path[0].estimate); // imputed intervention values made lower = better here
    expect(r.tippingDelta).not.toBeNull();
    expect(tippingPoint(c, { ...mi, steps: 4, alpha: 0.05 }).direction).toBe('against-intervention');
  });

  it('the shifted arm has no missing value at the visit: "not applicable" with the reason, never a δ', () => {
    const c = ctx('qpr15');
    const y = c.outcome.values[1];
    const I = c.comparison.intervention;
    // Fill every missing intervention value at the visit (with the arm's first observed value): nothing left to shift there.
    const fill = y.find((v, i) => frame.arm[i] === I && !Number.isNaN(v))!;
    const filled = Float64Array.from(y, (v, i) => (frame.arm[i] === I && Number.isNaN(v) ? fill : v));
    const noneMissing = { ...c, outcome: { ...c.outcome, values: [c.outcome.values[0], filled, c.outcome.values[2]] } };
    const r = tippingPoint(noneMissing, { ...mi, steps: 4, alpha: 0.05 });
    expect(r.status).toBe('not-applicable');
    expect(r.reason).toBe('no missing qpr15 at end in arm PEER: there are no imputed values to shift');
    expect(r.tippingDelta).toBeNull();
    expect(r.searchedUpTo).toBeNull();
    expect(r.path).toEqual([]);
    // The control arm still has missing values: shifting it is applicable.
    const control = tippingPoint(noneMissing, { ...mi, steps: 4, alpha: 0.05, maxDelta: 1, arm: 'control' });
    expect(control.status).toBe('estimated');
    expect(control.path).toHaveLength(5);
  });

  it('rejects bad options', () => {
    expectStatsError(() => tippingPoint(ctx('qpr15'), { ...mi, steps: 4, alpha: 1.5 }), 'INVALID_ARGUMENT');
    expectStatsError(() => tippingPoint(ctx('qpr15'), { ...mi, steps: 4, alpha: 0.05, maxDelta: -1 }), 'INVALID_ARGUMENT');
    expectStatsError(() => tippingPoint({ ...ctx('qpr15'), visit: 0 }, { ...mi, steps: 4, alpha: 0.05 }), 'INVALID_ARGUMENT');
  });
});
