import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import { populations } from '../../src/analysis/populations.ts';
import { mmrm, mmrmFitFor, type MmrmEstimatorOptions } from '../../src/analysis/estimators/mmrm.ts';
import type { EstimatorContext } from '../../src/analysis/estimators/common.ts';
import type { AnalysisFrame } from '../../src/analysis/frame/frame.ts';
import { outcomeById } from '../../src/analysis/frame/frame.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { expectLRE } from '../helpers/lre.ts';

// Reference: test/reference/mmrm.R, "estimator": nlme::gls(corSymm + varIdent, REML) of QPR-15 at
// end and fu6 on all randomised with a post-baseline score, baseline mean-imputed, municipality,
// + emmeans (appx-satterthwaite) and our own R Satterthwaite (dfOwn). LRE ≥ 6; df within 1 % of
// emmeans and 0.1 % of dfOwn.
interface REst { emm: { visit: string[]; arm: string[]; estimate: number[]; se: number[] }; diff: { visit: string[]; estimate: number[]; se: number[]; df: number[]; dfOwn: number[]; p: number[] }; logLik: number; AIC: number; imputed: number; n: Record<string, number> }
const fixture = readFixture<{ estimator: REst; cases: { unstructuredByArm: { diff: { visit: string[]; estimate: number[]; se: number[]; df: number[] } } }[] }>('mmrm.json');
const ref = fixture.estimator;
const options: MmrmEstimatorOptions = { covariance: 'unstructured', df: 'satterthwaite', method: 'REML', strata: true };

let frame: AnalysisFrame;
let ctx: (visit: string) => EstimatorContext;
beforeAll(async () => {
  const trial = await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json'));
  frame = buildFrame(trial);
  const itt = populations(trial.spec, frame).find((p) => p.id === 'itt') ?? populations(trial.spec, frame)[0];
  const outcome = outcomeById(frame, 'qpr15');
  ctx = (visit) => ({ frame, outcome, visit: frame.visits.indexOf(visit), include: itt.include, confLevel: 0.95, comparison: frame.comparisons[0] });
});

describe('MMRM estimator on the twin equals nlme::gls + emmeans', () => {
  it.each([['end'], ['fu6']])('QPR-15 %s', (visit) => {
    const out = mmrm(ctx(visit), options);
    expect(out.status).toBe('estimated');
    expect(out.analysed).toEqual(ref.n);
    const k = ref.diff.visit.indexOf(visit);
    const d = out.difference!;
    expectLRE(d.estimate, ref.diff.estimate[k], 6, 'difference');
    expectLRE(d.se, ref.diff.se[k], 6, 'SE');
    expect(Math.abs(d.df! / ref.diff.df[k] - 1)).toBeLessThan(0.01);
    expect(Math.abs(d.df! / ref.diff.dfOwn[k] - 1)).toBeLessThan(0.001);
    expectLRE(d.p, ref.diff.p[k], 2, 'p (moves with the df)');
    for (const arm of ['SAU', 'PEER']) {
      const j = ref.emm.visit.findIndex((v, i) => v === visit && ref.emm.arm[i] === arm);
      expectLRE(out.emm[arm].estimate, ref.emm.estimate[j], 6, `EMM ${arm}`);
      expectLRE(out.emm[arm].se, ref.emm.se[j], 6, `EMM SE ${arm}`);
    }
    expectLRE(out.options.logLik as number, ref.logLik, 8, 'logLik');
    expectLRE(out.options.AIC as number, ref.AIC, 8, 'AIC');
    expect(out.options).toMatchObject({ covariance: 'unstructured', df: 'satterthwaite', method: 'REML', converged: true, baselineMissing: 'mean-impute', baselineImputed: ref.imputed });
  });

  it('fits once for all visits (cached per outcome, population and options)', () => {
    const a = mmrmFitFor(ctx('end'), options);
    expect(mmrmFitFor(ctx('fu6'), options)).toBe(a);
    expect(mmrmFitFor(ctx('end'), { ...options, covariance: 'cs' })).not.toBe(a);
  });

  it('the baseline visit is not estimable, with the reason', () => {
    const out = mmrm(ctx('baseline'), options);
    expect(out.status).toBe('not-estimable');
    expect(out.reason).toMatch(/not a post-baseline visit/);
  });

  it('echoes the options of a cs / ML / between-within fit', () => {
    const out = mmrm(ctx('end'), { covariance: 'cs', df: 'between-within', method: 'ML', strata: false });
    expect(out.status).toBe('estimated');
    expect(out.dfMethod).toBe('between-within');
    expect(out.covariates).toEqual(['baseline']);
    expect(out.options).toMatchObject({ covariance: 'cs', df: 'between-within', method: 'ML', converged: true, strata: false, visits: 'end, fu6' });
    expect(out.options.AIC).toBeCloseTo(-2 * (out.options.logLik as number) + 2 * 8, 8); // 6 fixed effects + σ, ρ
  });

  it('an empty population is not estimable, with the reason', () => {
    const out = mmrm({ ...ctx('end'), include: () => false }, options);
    expect(out.status).toBe('not-estimable');
    expect(out.reason).toMatch(/fewer than 2 participants/);
  });

  it('Σ separate by arm: the twin difference equals the written-out R REML fit (no baseline was imputed, so the rows are the same)', () => {
    expect(ref.imputed).toBe(0);
    const r = fixture.cases[0].unstructuredByArm.diff;
    for (const visit of ['end', 'fu6']) {
      const out = mmrm(ctx(visit), { ...options, separateByArm: true });
      expect(out.status).toBe('estimated');
      expect(out.options.covarianceByArm).toBe(true);
      const k = r.visit.indexOf(visit);
      expectLRE(out.difference!.estimate, r.estimate[k], 6, `difference ${visit}`);
      expectLRE(out.difference!.se, r.se[k], 6, `SE ${visit}`);
      expect(Math.abs(out.difference!.df! / r.df[k] - 1)).toBeLessThan(0.01);
    }
  });
});
