import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../helpers/fixtures.ts';
import { expectLRE } from '../../../helpers/lre.ts';
import { contrast, emmeans } from '../../../../src/stats/emm/emmeans.ts';
import { factor, modelMatrix, numeric } from '../../../../src/stats/design/model-matrix.ts';
import { fitMmrm, mmrmBasis } from '../../../../src/stats/models/mmrm/index.ts';
import { fixtureDesign, type CaseData } from './helpers.ts';

interface RByArm {
  logLik: number; coef: number[]; se: number[];
  emm: { visit: string[]; arm: string[]; estimate: number[]; se: number[]; df: number[] };
  diff: { visit: string[]; estimate: number[]; se: number[]; df: number[] };
}
interface RCase { name: string; data: CaseData; visits: string[]; unstructuredByArm: RByArm }
const fx = readFixture<{ cases: RCase[] }>('mmrm.json');

const fitByArm = (d: CaseData, visits: string[]) => {
  const design = fixtureDesign(d, visits);
  const arm = factor('arm', d.arm, ['SAU', 'PEER']);
  const fit = fitMmrm(
    { X: design.X, columnNames: design.columnNames, y: d.y, subject: d.id, visit: d.visit.map((v) => visits.indexOf(v)), visits, covarianceGroup: { name: 'arm', levels: ['SAU', 'PEER'], codes: (arm as { codes: Int32Array }).codes } },
    { covariance: 'unstructured' },
  );
  return { fit, design };
};

// Unstructured Σ separate per arm. gls has no equivalent (corSymm cannot differ by group), so the
// reference is a REML likelihood written out in R (test/reference/mmrm.R, own_un: log-Cholesky per
// arm, BFGS + Newton on optimHess; first checked to reproduce gls's logLik with one common Σ), with
// the Satterthwaite df computed there the same way. logLik LRE ≥ 8, estimates and SEs ≥ 6, df 1 %.
describe.each(fx.cases.map((c) => [c.name, c] as const))('MMRM, unstructured Σ by arm vs R: %s', (_n, c) => {
  it('matches the written-out R likelihood', () => {
    const r = c.unstructuredByArm;
    const { fit, design } = fitByArm(c.data, c.visits);
    expect(fit.convergence.converged).toBe(true);
    expect(fit.sigma).toHaveLength(2);
    expect(fit.theta).toHaveLength(c.visits.length * (c.visits.length + 1));
    expectLRE(fit.logLik, r.logLik, 8, 'logLik');
    r.coef.forEach((b, j) => {
      expect(-Math.log10(Math.abs(fit.coef[j] - b) / Math.max(Math.abs(b), r.se[j])), `coef ${fit.columnNames[j]}`).toBeGreaterThanOrEqual(6);
      expectLRE(fit.se[j], r.se[j], 6, `SE ${fit.columnNames[j]}`);
    });
    const basis = mmrmBasis(fit, design);
    const emm = emmeans(basis, { specs: ['arm'], by: ['visit'] });
    const cell = (v: string, a: string) => emm.cells.find((x) => x.levels.visit === v && x.levels.arm === a)!;
    r.emm.visit.forEach((v, k) => {
      const x = cell(v, r.emm.arm[k]);
      expectLRE(x.estimate!, r.emm.estimate[k], 6, `EMM ${v}`);
      expectLRE(x.se!, r.emm.se[k], 6, `EMM SE ${v}`);
      expect(Math.abs(x.df! / r.emm.df[k] - 1)).toBeLessThan(0.01);
    });
    r.diff.visit.forEach((v, k) => {
      const d = contrast(basis, cell(v, 'PEER'), cell(v, 'SAU'));
      expectLRE(d.estimate!, r.diff.estimate[k], 6, `difference ${v}`);
      expectLRE(d.se!, r.diff.se[k], 6, `difference SE ${v}`);
      expect(Math.abs(d.df! / r.diff.df[k] - 1)).toBeLessThan(0.01);
    });
  });
});

describe('Σ by arm, exact property', () => {
  it('with every term interacted with arm, the fit is the two arms fitted separately (REML logLik adds up)', () => {
    const c = fx.cases[1];
    const d = c.data;
    const visits = c.visits;
    const arm = factor('arm', d.arm, ['SAU', 'PEER']) as { codes: Int32Array; levels: string[]; name: string; kind: 'factor' };
    const interacted = modelMatrix({
      variables: [arm, factor('visit', d.visit, visits), numeric('base', d.base)],
      terms: [['arm'], ['visit'], ['base'], ['arm', 'visit'], ['arm', 'base'], ['visit', 'base'], ['arm', 'visit', 'base']],
    });
    const byArm = fitMmrm({ X: interacted.X, columnNames: interacted.columnNames, y: d.y, subject: d.id, visit: d.visit.map((v) => visits.indexOf(v)), visits, covarianceGroup: { name: 'arm', levels: arm.levels, codes: arm.codes } });
    let sum = 0;
    for (const a of ['SAU', 'PEER']) {
      const rows = d.arm.map((x, i) => (x === a ? i : -1)).filter((i) => i >= 0);
      const sub = modelMatrix({ variables: [factor('visit', rows.map((i) => d.visit[i]), visits), numeric('base', rows.map((i) => d.base[i]))], terms: [['visit'], ['base'], ['visit', 'base']] });
      const one = fitMmrm({ X: sub.X, columnNames: sub.columnNames, y: rows.map((i) => d.y[i]), subject: rows.map((i) => d.id[i]), visit: rows.map((i) => visits.indexOf(d.visit[i])), visits });
      sum += one.logLik;
      // Arm-specific visit means agree too (SAU = reference cells, PEER = reference + arm terms).
      expectLRE(one.coef[0], a === 'SAU' ? byArm.coef[0] : byArm.coef[0] + byArm.coef[1], 8, `intercept ${a}`);
    }
    // REML constants: (N − p) log 2π and log|XᵀV⁻¹X| both split over the block-diagonal design.
    expectLRE(byArm.logLik, sum, 10, 'logLik = sum over arms');
  });
});
