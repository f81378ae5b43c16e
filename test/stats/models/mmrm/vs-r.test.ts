import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../helpers/fixtures.ts';
import { expectLRE, lre } from '../../../helpers/lre.ts';
import { contrast, emmeans } from '../../../../src/stats/emm/emmeans.ts';
import { mmrmBasis, type CovarianceId, type MmrmMethod } from '../../../../src/stats/models/mmrm/index.ts';
import { fitFixture, type CaseData } from './helpers.ts';

interface RFit {
  structure: CovarianceId; method: MmrmMethod; coef: number[]; se: number[]; logLik: number; AIC: number; BIC: number; nPar: number; emmMode: string;
  emm: { visit: string[]; arm: string[]; estimate: number[]; se: number[]; df: number[]; dfOwn?: number[] };
  diff: { visit: string[]; estimate: number[]; se: number[]; df: number[]; lower: number[]; upper: number[]; dfOwn?: number[] };
}
interface RCase { name: string; data: CaseData; visits: string[]; coefNames: string[]; nObs: number; nSubjects: number; fits: RFit[] }
const fx = readFixture<{ cases: RCase[] }>('mmrm.json');

// Reference: test/reference/mmrm.R — nlme::gls (best of nlminb, optim BFGS and Nelder–Mead: one
// optimiser alone can stop ~1e-8 short of the maximum) + emmeans(mode = "satterthwaite";
// "appx-satterthwaite" for corSymm, where emmeans cannot use apVar, and then also our own R
// Satterthwaite as dfOwn). Tolerances: logLik LRE ≥ 8; estimates, SEs LRE ≥ 6 (a coefficient near
// 0 relative to its SE); df within 1 % of emmeans, 0.1 % of dfOwn. Measured: logLik ≥ 13.3,
// estimates ≥ 6.1, SEs ≥ 6.2, df ≤ 0.81 % (emmeans) and ≤ 0.011 % (dfOwn).
// nlme scales the ML vcov by N/(N − p) (σ̂² with N − p); we report the asymptotic (XᵀV̂⁻¹X)⁻¹,
// so ML SEs are compared after that factor.
describe.each(fx.cases.map((c) => [c.name, c] as const))('MMRM vs nlme::gls + emmeans: %s', (_n, c) => {
  it.each(c.fits.map((f) => [`${f.structure} ${f.method}`, f] as const))('%s', (_l, r) => {
    const { fit, design } = fitFixture(c.data, c.visits, { covariance: r.structure, method: r.method });
    expect(fit.convergence.converged).toBe(true);
    expect(fit.columnNames).toEqual(c.coefNames);
    expect(fit.nObs).toBe(c.nObs);
    expect(fit.nSubjects).toBe(c.nSubjects);
    expect(fit.nPar).toBe(r.nPar);
    // gls (best of three optimisers) must have reached the maximum we found.
    expect(Math.abs(fit.logLik - r.logLik)).toBeLessThan(1e-9);
    const digits = 6;
    const dfTol = 0.01;
    expectLRE(fit.logLik, r.logLik, 8, 'logLik');
    expectLRE(fit.AIC, r.AIC, 8, 'AIC');
    expectLRE(fit.BIC, r.BIC, 8, 'BIC');
    const seScale = r.method === 'ML' ? Math.sqrt(c.nObs / (c.nObs - c.coefNames.length)) : 1;
    r.coef.forEach((b, j) => {
      // A coefficient near 0 is judged on the scale of its SE.
      const err = Math.abs(fit.coef[j] - b) / Math.max(Math.abs(b), r.se[j]);
      expect(-Math.log10(err), `coef ${c.coefNames[j]}: ${fit.coef[j]} vs ${b}`).toBeGreaterThanOrEqual(digits);
      expectLRE(fit.se[j] * seScale, r.se[j], digits, `SE ${c.coefNames[j]}`);
    });
    const basis = mmrmBasis(fit, design);
    const emm = emmeans(basis, { specs: ['arm'], by: ['visit'] });
    r.emm.visit.forEach((v, k) => {
      const cell = emm.cells.find((x) => x.levels.visit === v && x.levels.arm === r.emm.arm[k])!;
      expectLRE(cell.estimate!, r.emm.estimate[k], digits, `EMM ${r.emm.arm[k]} ${v}`);
      expectLRE(cell.se! * seScale, r.emm.se[k], digits, `EMM SE ${r.emm.arm[k]} ${v}`);
      expect(Math.abs(cell.df! / r.emm.df[k] - 1), `EMM df ${cell.df} vs ${r.emm.df[k]}`).toBeLessThan(dfTol);
      if (r.emm.dfOwn) expect(Math.abs(cell.df! / r.emm.dfOwn[k] - 1), `EMM df ${cell.df} vs own ${r.emm.dfOwn[k]}`).toBeLessThan(0.001);
    });
    r.diff.visit.forEach((v, k) => {
      const [ctl, trt] = ['SAU', 'PEER'].map((a) => emm.cells.find((x) => x.levels.visit === v && x.levels.arm === a)!);
      const d = contrast(basis, trt, ctl);
      expectLRE(d.estimate!, r.diff.estimate[k], digits, `difference ${v}`);
      expectLRE(d.se! * seScale, r.diff.se[k], digits, `difference SE ${v}`);
      expect(Math.abs(d.df! / r.diff.df[k] - 1), `difference df ${d.df} vs ${r.diff.df[k]}`).toBeLessThan(dfTol);
      if (r.diff.dfOwn) expect(Math.abs(d.df! / r.diff.dfOwn[k] - 1), `difference df ${d.df} vs own ${r.diff.dfOwn[k]}`).toBeLessThan(0.001);
      if (r.method === 'REML') {
        // The CI width moves with the t quantile, i.e. with the df (within 1 %).
        expectLRE(d.upper! - d.lower!, r.diff.upper[k] - r.diff.lower[k], 3, `CI width ${v}`);
      }
    });
    void lre;
  });
});
