import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { factor, modelMatrix, numeric, type Variable } from '../../../src/stats/design/model-matrix.ts';
import { ols } from '../../../src/stats/models/ols/ols.ts';
import { vcovHC, type HcType } from '../../../src/stats/models/ols/robust.ts';
import { emmeans, contrast } from '../../../src/stats/emm/emmeans.ts';
import { olsBasis } from '../../../src/stats/emm/from-ols.ts';
import { fromColumns, zeros } from '../../../src/stats/linalg/matrix.ts';
import { expectStatsError } from '../../helpers/errors.ts';
import { StatsError } from '../../../src/stats/errors.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';

interface EmmFx { estimate: number[]; se: number[]; df: number[]; lower: number[]; upper: number[]; diff: { estimate: number; se: number; df: number; t: number; p: number; lower: number; upper: number } }
interface Case {
  name: string;
  data: { y: number[]; arm: string[]; site: string[]; covariates: Record<string, number[]> };
  coefNames: string[]; coef: (number | null)[]; se: (number | null)[]; sigma: number; df: number; r2: number; adjR2: number;
  hc: Record<HcType, (number | null)[]>;
  emmEqual: EmmFx; emmProportional: EmmFx;
}
const fx = readFixture<{ cases: Case[] }>('lm-emmeans.json');

function design(c: Case) {
  const vars: Variable[] = [factor('arm', c.data.arm, ['SAU', 'PEER']), ...Object.entries(c.data.covariates).map(([k, v]) => numeric(k, v)), factor('site', c.data.site, [...new Set(c.data.site)].sort())];
  return modelMatrix({ variables: vars, terms: [['arm'], ...Object.keys(c.data.covariates).map((k) => [k]), ['site']] });
}

// Tolerances: coefficients, SEs, CIs, statistics LRE ≥ 10; p-values LRE ≥ 8 (issue 3).
describe.each(fx.cases.map((c) => [c.name, c] as const))('OLS and EMMs vs R lm/emmeans/sandwich: %s', (_name, c) => {
  const d = design(c);
  const fit = ols(d.X, c.data.y, { columnNames: d.columnNames });

  it('names the columns as R does', () => expect(d.columnNames).toEqual(c.coefNames));

  it('coefficients, SEs, residual SE, df, R²', () => {
    c.coef.forEach((b, j) => {
      const got = fit.coefficients[j];
      if (b === null) {
        expect(got.estimate).toBeNull();
        expect(fit.aliased).toContain(c.coefNames[j]);
      } else {
        expectLRE(got.estimate!, b, 10, `coef ${c.coefNames[j]}`);
        expectLRE(got.se!, c.se[j]!, 10, `se ${c.coefNames[j]}`);
      }
    });
    expectLRE(fit.sigma, c.sigma, 10, 'sigma');
    expect(fit.dfResidual).toBe(c.df);
    expectLRE(fit.rSquared, c.r2, 10, 'R²');
    expectLRE(fit.adjRSquared, c.adjR2, 10, 'adjusted R²');
  });

  it('HC0–HC3 robust SEs', () => {
    for (const type of ['HC0', 'HC1', 'HC2', 'HC3'] as const) {
      const v = vcovHC(fit, d.X, type);
      c.hc[type].forEach((se, j) => {
        if (se === null || c.coef[j] === null) return;
        expectLRE(Math.sqrt(v.data[j + j * v.rows]), se, 10, `${type} se ${c.coefNames[j]}`);
      });
    }
  });

  it.each([['equal', 'emmEqual'], ['proportional', 'emmProportional']] as const)('EMMs per arm and the PEER − SAU contrast (%s weights)', (weights, key) => {
    const ref = c[key];
    const basis = olsBasis(fit, d);
    const emm = emmeans(basis, { specs: ['arm'], weights });
    emm.cells.forEach((cell, k) => {
      expectLRE(cell.estimate!, ref.estimate[k], 10, `emm ${cell.levels.arm}`);
      expectLRE(cell.se!, ref.se[k], 10, `emm se ${cell.levels.arm}`);
      expect(cell.df).toBe(ref.df[k]);
      expectLRE(cell.lower!, ref.lower[k], 10, 'emm lower');
      expectLRE(cell.upper!, ref.upper[k], 10, 'emm upper');
    });
    const diff = contrast(basis, emm.cells[1], emm.cells[0]);
    expectLRE(diff.estimate!, ref.diff.estimate, 10, 'difference');
    expectLRE(diff.se!, ref.diff.se, 10, 'difference SE');
    expectLRE(diff.t!, ref.diff.t, 10, 't');
    expectLRE(diff.p!, ref.diff.p, 8, 'p');
    expectLRE(diff.lower!, ref.diff.lower, 10, 'lower');
    expectLRE(diff.upper!, ref.diff.upper, 10, 'upper');
  });
});

describe('OLS bad input and invariants', () => {
  it('refuses a rank-deficient model on request, naming the column', () => {
    const X = fromColumns([[1, 1, 1, 1], [1, 2, 3, 4], [2, 4, 6, 8]]);
    expect(() => ols(X, [1, 2, 3, 5], { onRankDeficient: 'error', columnNames: ['(Intercept)', 'x', 'x2'] })).toThrow(/x2 is a linear combination/);
  });

  it.each([
    ['NaN in y', () => ols(fromColumns([[1, 1, 1]]), [1, Number.NaN, 2]), 'NON_FINITE'],
    ['mismatched lengths', () => ols(fromColumns([[1, 1, 1]]), [1, 2]), 'LENGTH_MISMATCH'],
    ['no residual df', () => ols(fromColumns([[1, 1], [0, 1]]), [1, 2]), 'NOT_ESTIMABLE'],
    ['Infinity in X', () => ols(fromColumns([[1, 1, Infinity]]), [1, 2, 3]), 'NON_FINITE'],
    ['an outcome whose squares underflow', () => ols(fromColumns([[1, 1, 1, 1, 1], [0, 0, 0, -1, -2]]), [0, 0, 0, 0, -5e-324]), 'INVALID_ARGUMENT'],
    ['a constant outcome', () => ols(fromColumns([[1, 1, 1]]), [0.1, 0.1, 0.1], { columnNames: ['(Intercept)'] }), 'CONSTANT_DATA'],
    ['an outcome whose squares overflow', () => ols(fromColumns([[1, 1, 1, 1], [0, 1, 2, 4]]), [1, 2, 3e200, 4]), 'INVALID_ARGUMENT'],
  ] as const)('%s → %s', (_l, f, code) => expectStatsError(f, code));

  // Finite values too large to square and sum: the QR (small fits) and the normal equations
  // (registry-sized fits) both returned NaN coefficients with no error before.
  it.each([
    ['a trial-sized fit (Householder QR)', 300],
    ['a registry-sized fit (Gram path)', 400_000],
  ])('refuses finite values whose sums of squares overflow, naming the column: %s', (_l, n) => {
    const X = zeros(n, 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X.data[i] = 1;
      X.data[i + n] = (i % 7) * 1e200;
      X.data[i + 2 * n] = Math.sin(i);
      y[i] = (i % 5) + Math.cos(i);
    }
    expectStatsError(() => ols(X, y, { columnNames: ['(Intercept)', 'income', 'z'] }), 'INVALID_ARGUMENT');
    expect(() => ols(X, y, { columnNames: ['(Intercept)', 'income', 'z'] })).toThrow(/column income holds values as large as 6e\+200.*rescale/);
    X.data[n + 3] = Number.NaN; // a non-finite value is still named as such first
    expectStatsError(() => ols(X, y), 'NON_FINITE');
  });

  it('an exact fit gives SE 0; a coefficient of exactly 0 then has t and p null (never NaN)', () => {
    const f = ols(fromColumns([[1, 1, 1, 1], [1, 2, 3, 4]]), [2, 4, 6, 8], { columnNames: ['(Intercept)', 'x'] });
    expect(f.coefficients[1].estimate).toBeCloseTo(2, 12);
    for (const c of f.coefficients) expect(Number.isNaN(c.t as number) || Number.isNaN(c.p as number)).toBe(false);
  });

  it('property: residuals are orthogonal to X and the fit is invariant to row order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 5, maxLength: 40 }), (pts) => {
        const x = pts.map((p) => p[0]);
        if (new Set(x).size < 3) return;
        const y = pts.map((p) => p[1]);
        if (y.every((v) => v === y[0])) return; // a constant outcome is refused (CONSTANT_DATA)
        if (Math.max(...y.map(Math.abs)) < 1e-150) return; // so is one whose squares underflow (INVALID_ARGUMENT)
        const X = fromColumns([x.map(() => 1), x]);
        const f = ols(X, y);
        const dot = f.residuals.reduce((a, r, i) => a + r * x[i], 0);
        expect(Math.abs(dot)).toBeLessThan(1e-7 * (1 + Math.max(...x.map(Math.abs))) * (1 + Math.max(...y.map(Math.abs))) * x.length);
        const rev = ols(fromColumns([[...x].reverse().map(() => 1), [...x].reverse()]), [...y].reverse());
        expect(Math.abs(rev.coef[1] - f.coef[1])).toBeLessThan(1e-9 * (1 + Math.abs(f.coef[1])));
      }),
    );
  });
});
