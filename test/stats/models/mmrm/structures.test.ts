import { describe, expect, it } from 'vitest';
import { acfToPacf, pacfToAcf, covarianceStructures, fitMmrm, mmrmBasis, betweenWithinDf } from '../../../../src/stats/models/mmrm/index.ts';
import { cholesky } from '../../../../src/stats/linalg/cholesky.ts';
import { StatsError } from '../../../../src/stats/errors.ts';
import { readFixture } from '../../../helpers/fixtures.ts';
import { fitFixture, type CaseData } from './helpers.ts';

describe('covariance registry', () => {
  it.each(Object.values(covarianceStructures).map((s) => [s.id, s] as const))('%s: Σ(start(S)) is positive definite and start inverts Σ for unstructured', (_id, s) => {
    const T = 4;
    const S = new Float64Array(T * T);
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) S[i + j * T] = (1 + i) * (1 + j) * 0.5 ** Math.abs(i - j) * (i === j ? 1 : 0.9);
    const theta = s.start(S, T);
    expect(theta.length).toBe(s.nTheta(T));
    expect(() => cholesky({ rows: T, cols: T, data: s.sigma(theta, T) })).not.toThrow();
    if (s.id === 'unstructured') Array.from(s.sigma(theta, T)).forEach((v, k) => expect(v).toBeCloseTo(S[k], 12));
  });
  it('Toeplitz: partial autocorrelations ↔ autocorrelations (AR(1) has φ = (ρ, 0, 0))', () => {
    expect(Array.from(pacfToAcf([0.5, 0, 0]))).toEqual([1, 0.5, 0.25, 0.125]);
    const rho = pacfToAcf([0.3, -0.4, 0.2]);
    Array.from(acfToPacf(rho.subarray(1))).forEach((v, k) => expect(v).toBeCloseTo([0.3, -0.4, 0.2][k], 14));
  });
});

describe('df methods and input checks', () => {
  const c = readFixture<{ cases: { data: CaseData; visits: string[]; nObs: number; nSubjects: number }[] }>('mmrm.json').cases[1];
  const { fit, design } = fitFixture(c.data, c.visits, { covariance: 'unstructured', df: 'between-within' });
  it('between-within: n_subjects − rank(between) for between-subject columns, the rest within', () => {
    const between = fit.columnNames.filter((_, j) => fit.dfInfo.betweenColumn[j]);
    expect(between).toEqual(['(Intercept)', 'armPEER', 'base', 'siteB', 'siteC']);
    expect(fit.dfInfo.between).toBe(c.nSubjects - 5);
    expect(fit.dfInfo.within).toBe(c.nObs - c.nSubjects - (fit.rank - 5));
    expect(fit.dfInfo.between + fit.dfInfo.within).toBe(fit.dfInfo.residual);
    const l = new Float64Array(fit.coef.length);
    l[1] = 1;
    expect(betweenWithinDf(fit.dfInfo, l)).toBe(fit.dfInfo.between);
    l[fit.columnNames.indexOf('armPEER:visitv2')] = 1;
    expect(mmrmBasis(fit, design).df(l)).toBe(Math.min(fit.dfInfo.between, fit.dfInfo.within));
  });
  it('a Satterthwaite fit computes the split only when asked, with the same values, and its basis can switch to between-within', () => {
    const other = fitFixture(c.data, c.visits, { covariance: 'unstructured' });
    expect([other.fit.dfInfo.between, other.fit.dfInfo.within, other.fit.dfInfo.betweenColumn]).toEqual([fit.dfInfo.between, fit.dfInfo.within, fit.dfInfo.betweenColumn]);
    const l = new Float64Array(fit.coef.length);
    l[1] = 1;
    expect(mmrmBasis(other.fit, other.design, 'between-within').df(l)).toBe(fit.dfInfo.between);
  });
  it('options and convergence are echoed', () => {
    expect(fit.options).toEqual({ covariance: 'unstructured', method: 'REML', df: 'between-within' });
    expect(fit.convergence.converged).toBe(true);
    expect(fit.convergence.messages).toEqual([]);
  });
  it('a subject with two rows at one visit, or a non-finite y, is a typed error', () => {
    const X = { rows: 2, cols: 1, data: Float64Array.of(1, 1) };
    const base = { X, columnNames: ['(Intercept)'], subject: ['a', 'a'], visits: ['v1', 'v2'] };
    expect(() => fitMmrm({ ...base, y: [1, 2], visit: [0, 0] })).toThrow(StatsError);
    expect(() => fitMmrm({ ...base, y: [1, Number.NaN], visit: [0, 1] })).toThrow(/non-finite/);
    expect(() => fitMmrm({ ...base, y: [1, 2], visit: [0, 1] }, { covariance: 'banded' as never })).toThrow(/unknown covariance/);
  });
});

describe('units of y', () => {
  // The unstructured off-diagonal parameters carry y's unit; before y was rescaled internally this
  // fit (4 visits, y in units 1e-4 of the original) did not converge.
  const c = readFixture<{ cases: { data: CaseData; visits: string[]; coefNames: string[]; nObs: number }[] }>('mmrm.json').cases[2];
  it.each([[1e-4], [1e4]])('y × %s: same fit in the new unit', (s) => {
    const { fit: ref } = fitFixture(c.data, c.visits, { covariance: 'unstructured' });
    const { fit } = fitFixture({ ...c.data, y: c.data.y.map((v) => v * s) }, c.visits, { covariance: 'unstructured' });
    expect(fit.convergence.converged).toBe(true);
    Array.from(fit.coef).forEach((b, j) => expect(Math.abs(b / s - ref.coef[j]) / Math.max(Math.abs(ref.coef[j]), ref.se[j])).toBeLessThan(1e-8));
    Array.from(fit.se).forEach((v, j) => expect(v / s / ref.se[j] - 1).toBeLessThan(1e-8));
    // REML density of y·s: ℓ − (N − p) log s.
    expect(fit.logLik + (c.nObs - c.coefNames.length) * Math.log(s)).toBeCloseTo(ref.logLik, 6);
  });
  it('y + 1e7: only the intercept moves (the fit works on OLS residuals, so nothing cancels)', () => {
    const { fit: ref } = fitFixture(c.data, c.visits, { covariance: 'unstructured' });
    const { fit } = fitFixture({ ...c.data, y: c.data.y.map((v) => v + 1e7) }, c.visits, { covariance: 'unstructured' });
    expect(fit.convergence.converged).toBe(true);
    Array.from(fit.coef).forEach((b, j) => expect(Math.abs(b - (j === 0 ? 1e7 : 0) - ref.coef[j]) / Math.max(Math.abs(ref.coef[j]), ref.se[j])).toBeLessThan(1e-6));
    Array.from(fit.se).forEach((v, j) => expect(Math.abs(v / ref.se[j] - 1)).toBeLessThan(1e-6));
    expect(fit.logLik).toBeCloseTo(ref.logLik, 7);
  });
});
