import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/stats/random/rng.ts';
import { fcs, completeColumn, type FcsData } from '../../../src/stats/mi/fcs.ts';
import { resolveMiOptions } from '../../../src/stats/mi/options.ts';
import { deltaAdjust, deltaGrid } from '../../../src/stats/mi/delta.ts';
import { normDraw, normDrawQr } from '../../../src/stats/mi/methods/norm-draw.ts';
import { imputeLogreg } from '../../../src/stats/mi/methods/logreg.ts';
import { matchDonors } from '../../../src/stats/mi/methods/pmm.ts';
import { fromColumns } from '../../../src/stats/linalg/matrix.ts';
import { expectStatsError } from '../../helpers/errors.ts';

/** Baseline, two follow-ups (MAR dropout on the baseline value) and an arm; 1 = intervention. */
function trial(n: number, seed: number): FcsData {
  const rng = createRng(seed);
  const base = new Float64Array(n);
  const y1 = new Float64Array(n);
  const y2 = new Float64Array(n);
  const arm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    arm[i] = i % 2;
    base[i] = rng.normal(50, 10);
    y1[i] = 10 + 0.7 * base[i] + 5 * arm[i] + rng.normal(0, 6);
    y2[i] = 5 + 0.9 * y1[i] + rng.normal(0, 5);
    if (rng.uniform() < (base[i] > 50 ? 0.6 : 0.05)) y1[i] = Number.NaN;
    if (rng.uniform() < (base[i] > 50 ? 0.4 : 0.15)) y2[i] = Number.NaN;
  }
  return { columns: [base, y1, y2, arm], names: ['base', 'y1', 'y2', 'arm'], methods: ['', 'pmm', 'pmm', ''] };
}

describe('chained equations (fcs)', () => {
  const data = trial(200, 3);

  it('is byte-reproducible and imputation k depends only on (seed, k)', () => {
    const a = fcs(data, { m: 5, maxit: 5, seed: 11 });
    const b = fcs(data, { m: 5, maxit: 5, seed: 11 });
    const c = fcs(data, { m: 3, maxit: 5, seed: 11 });
    const d = fcs(data, { m: 3, maxit: 5, seed: 12 });
    const bytes = (r: typeof a) => JSON.stringify(r.imputations.map((k) => k.map((x) => Array.from(x))));
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(c)).toBe(JSON.stringify(a.imputations.slice(0, 3).map((k) => k.map((x) => Array.from(x)))));
    expect(bytes(d)).not.toBe(bytes(c));
    expect(a.options).toMatchObject({ m: 5, maxit: 5, donors: 5, seed: 11, methods: { y1: 'pmm', y2: 'pmm', base: '', arm: '' }, byGroup: false });
  });

  it('keeps observed values and imputes PMM values only from observed values of the same column', () => {
    const r = fcs(data, { m: 4, maxit: 3, seed: 5 });
    expect(r.missing[0].length).toBe(0);
    expect(r.missing[1].length).toBe(data.columns[1].filter(Number.isNaN).length);
    for (let k = 0; k < 4; k++) {
      for (const j of [1, 2]) {
        const full = completeColumn(data, r, k, j);
        const observed = new Set(Array.from(data.columns[j]).filter((v) => !Number.isNaN(v)));
        for (let i = 0; i < full.length; i++) {
          if (!Number.isNaN(data.columns[j][i])) expect(full[i]).toBe(data.columns[j][i]);
          else expect(observed.has(full[i])).toBe(true);
        }
      }
    }
  });

  it('imputes by group from that group only and reports progress', () => {
    const groups = Int32Array.from(data.columns[3]);
    const ticks: number[] = [];
    const r = fcs({ ...data, methods: ['', 'pmm', 'norm', ''], groups, predictors: [[1, 2], [0, 2], [0, 1], []] }, { m: 3, maxit: 3, seed: 8, onProgress: (done, total) => ticks.push(done / total) });
    expect(ticks).toEqual([1 / 3, 2 / 3, 1]);
    expect(r.options.byGroup).toBe(true);
    for (let k = 0; k < 3; k++) {
      const full = completeColumn(data, r, k, 1);
      for (const g of [0, 1]) {
        const observed = new Set(Array.from(data.columns[1]).filter((v, i) => !Number.isNaN(v) && groups[i] === g));
        r.missing[1].forEach((i) => {
          if (groups[i] === g) expect(observed.has(full[i])).toBe(true);
        });
      }
      expect(completeColumn(data, r, k, 2).every(Number.isFinite)).toBe(true);
    }
  });

  it('recovers the mean of a MAR variable that complete cases get wrong (norm and pmm)', () => {
    const big = trial(4000, 9);
    const truth = 10 + 0.7 * 50 + 2.5;
    const observedMean = Array.from(big.columns[1]).filter((v) => !Number.isNaN(v)).reduce((s, v, _i, a) => s + v / a.length, 0);
    expect(Math.abs(observedMean - truth)).toBeGreaterThan(1); // complete cases are biased
    for (const method of ['norm', 'pmm'] as const) {
      const r = fcs({ ...big, methods: ['', method, method, ''] }, { m: 5, maxit: 5, seed: 2 });
      let mean = 0;
      for (let k = 0; k < 5; k++) mean += completeColumn(big, r, k, 1).reduce((s, v) => s + v, 0) / big.columns[1].length / 5;
      // Monte Carlo SE of the mean ≈ 10·√0.49+… /√4000 ≈ 0.15: allow 4 SE.
      expect(Math.abs(mean - truth), method).toBeLessThan(0.6);
    }
  });

  it('rejects bad options and data with typed errors', () => {
    expectStatsError(() => resolveMiOptions({ seed: 0 }), 'INVALID_ARGUMENT');
    expectStatsError(() => resolveMiOptions({ seed: 1, m: 0 }), 'INVALID_ARGUMENT');
    expectStatsError(() => resolveMiOptions({ seed: 1, donors: 2.5 }), 'INVALID_ARGUMENT');
    expectStatsError(() => fcs({ ...data, methods: ['', '', 'pmm', ''] }, { seed: 1, m: 2 }), 'INVALID_ARGUMENT'); // y1 missing, predicts y2
    expectStatsError(() => fcs({ ...data, names: ['a'] }, { seed: 1 }), 'LENGTH_MISMATCH');
    const allMissing = new Float64Array(200).fill(Number.NaN);
    allMissing[0] = 1;
    expectStatsError(() => fcs({ columns: [allMissing, data.columns[0]], names: ['x', 'b'], methods: ['norm', ''] }, { seed: 1, m: 2 }), 'EMPTY_GROUP');
    expectStatsError(() => fcs({ ...data, predictors: [[], [1], [0], []] }, { seed: 1, m: 2 }), 'INVALID_ARGUMENT');
  });
});

describe('imputation methods', () => {
  it('norm: σ*² and β* follow the posterior (E σ*² = RSS/(ν − 2), E β* = β̂, var β*₁ = E σ*² (XᵀX)⁻¹₁₁)', () => {
    const rng = createRng(4);
    const n = 40;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x, (v) => 1 + 2 * v + rng.normal(0, 0.5));
    const X = fromColumns([new Float64Array(n).fill(1), x]);
    const R = 20_000;
    let s2 = 0;
    let b1 = 0;
    let b1sq = 0;
    const first = normDraw(X, y, rng);
    for (let r = 0; r < R; r++) {
      const d = normDraw(X, y, rng);
      s2 += d.sigma ** 2 / R;
      b1 += d.beta[1] / R;
      b1sq += d.beta[1] ** 2 / R;
    }
    let rss = 0;
    let sxx = 0;
    const xbar = x.reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < n; i++) {
      rss += (y[i] - first.coef[0] - first.coef[1] * x[i]) ** 2;
      sxx += (x[i] - xbar) ** 2;
    }
    const es2 = rss / (n - 2 - 2);
    expect(Math.abs(s2 / es2 - 1)).toBeLessThan(0.03); // MC SE of the ratio ≈ √(2/(ν−4)/R) ≈ 0.0017 (plus heavy tail): loose
    expect(Math.abs(b1 - first.coef[1])).toBeLessThan(4 * Math.sqrt(es2 / sxx / R) * 1.5);
    expect(Math.abs((b1sq - b1 ** 2) / (es2 / sxx) - 1)).toBeLessThan(0.05);
  });

  it('norm: the normal-equations path and the QR path agree on β̂ and σ*; collinear columns go to the QR path', () => {
    const rng = createRng(8);
    const n = 60;
    const x1 = Float64Array.from({ length: n }, () => rng.normal(30, 10));
    const x2 = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x1, (v, i) => 3 + 0.5 * v - x2[i] + rng.normal());
    const X = fromColumns([new Float64Array(n).fill(1), x1, x2]);
    const a = normDraw(X, y, createRng(5));
    const b = normDrawQr(X, y, createRng(5));
    for (let j = 0; j < 3; j++) expect(a.coef[j]).toBeCloseTo(b.coef[j], 10);
    expect(a.sigma).toBeCloseTo(b.sigma, 12);
    const collinear = fromColumns([new Float64Array(n).fill(1), x1, Float64Array.from(x1, (v) => 2 * v)]);
    const c = normDraw(collinear, y, createRng(5));
    expect(c.coef[2]).toBe(0); // aliased by the QR, not drawn
    expect(c.beta[2]).toBe(0);
  });

  it('pmm: donors are the k nearest predicted means and ties resolve inside that set', () => {
    const yhatObs = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const yObs = Float64Array.from([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let r = 0; r < 500; r++) for (const v of matchDonors(yhatObs, Float64Array.from([4.2]), yObs, 3, rng)) seen.add(v);
    expect([...seen].sort()).toEqual([13, 14, 15]);
    expect(Array.from(matchDonors(yhatObs, Float64Array.from([-5, 50]), yObs, 1, rng))).toEqual([10, 19]);
  });

  it('logreg: imputes 0/1 with the model probability, survives perfect prediction, rejects non-binary', () => {
    const rng = createRng(6);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x, (v) => (rng.uniform() < 1 / (1 + Math.exp(-(0.5 + v))) ? 1 : 0));
    const xObs = fromColumns([new Float64Array(n).fill(1), x]);
    const xMis = fromColumns([new Float64Array(2000).fill(1), new Float64Array(2000)]); // x = 0 → p = expit(0.5)
    const imp = imputeLogreg({ xObs, yObs: y, xMis, rng, donors: 5 });
    const rate = imp.reduce((a, b) => a + b, 0) / imp.length;
    expect(imp.every((v) => v === 0 || v === 1)).toBe(true);
    expect(Math.abs(rate - 1 / (1 + Math.exp(-0.5)))).toBeLessThan(0.05);
    // Perfect separation: y = (x > 0). Augmentation keeps the fit finite.
    const ySep = Float64Array.from(x, (v) => (v > 0 ? 1 : 0));
    const sep = imputeLogreg({ xObs, yObs: ySep, xMis: fromColumns([Float64Array.from([1, 1]), Float64Array.from([-3, 3])]), rng, donors: 5 });
    expect(Array.from(sep)).toEqual([0, 1]);
    expectStatsError(() => imputeLogreg({ xObs, yObs: Float64Array.from(x), xMis, rng, donors: 5 }), 'INVALID_ARGUMENT');
  });
});

describe('δ adjustment', () => {
  it('shifts only the selected imputed rows', () => {
    const out = deltaAdjust(Float64Array.from([1, 2, 3, 4]), [1, 3], -2, (r) => r !== 3);
    expect(Array.from(out)).toEqual([1, 0, 3, 4]);
    expect(Array.from(deltaGrid(1, 4))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expectStatsError(() => deltaAdjust(new Float64Array(2), [5], 1), 'INVALID_ARGUMENT');
    expectStatsError(() => deltaAdjust(new Float64Array(2), [0], Number.NaN), 'NON_FINITE');
    expectStatsError(() => deltaGrid(0, 4), 'INVALID_ARGUMENT');
  });
});
