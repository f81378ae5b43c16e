import { describe, expect, it } from 'vitest';
import { expectAllLRE, expectLRE } from '../../../helpers/lre.ts';
import { factor, modelMatrix, numeric } from '../../../../src/stats/design/model-matrix.ts';
import { ols } from '../../../../src/stats/models/ols/ols.ts';
import { olsBasis } from '../../../../src/stats/emm/from-ols.ts';
import { contrast, emmeans } from '../../../../src/stats/emm/emmeans.ts';
import { createRng } from '../../../../src/stats/random/rng.ts';
import { fitMmrm, mmrmBasis, covarianceStructures, type CovarianceId } from '../../../../src/stats/models/mmrm/index.ts';

// Complete data, one post-baseline visit: Σ is one variance, the REML estimate is RSS/(n − p)
// and the MMRM is the ANCOVA exactly (estimates and SEs LRE ≥ 10); the Satterthwaite df of a
// single REML variance are n − p.
const rng = createRng(20261125);
const n = 120;
const arm = Array.from({ length: n }, (_, i) => (i % 2 ? 'PEER' : 'SAU'));
const site = Array.from({ length: n }, (_, i) => ['A', 'B', 'C'][i % 3]);
const base = Array.from({ length: n }, () => 30 + 10 * rng.normal());
const y = base.map((b, i) => 8 + 0.6 * b + (arm[i] === 'PEER' ? 3 : 0) + 6 * rng.normal());
const design = modelMatrix({ variables: [factor('arm', arm, ['SAU', 'PEER']), numeric('base', base), factor('site', site)], terms: [['arm'], ['base'], ['site']] });

describe('MMRM with one visit equals the ANCOVA', () => {
  const ref = ols(design.X, y, { columnNames: design.columnNames });
  const refEmm = emmeans(olsBasis(ref, design), { specs: ['arm'] });
  const refDiff = contrast(olsBasis(ref, design), refEmm.cells[1], refEmm.cells[0]);
  it.each(Object.keys(covarianceStructures).map((c) => [c as CovarianceId]))('%s', (covariance) => {
    const fit = fitMmrm({ X: design.X, columnNames: design.columnNames, y, subject: arm.map((_, i) => i), visit: new Int32Array(n), visits: ['end'] }, { covariance });
    expect(fit.convergence.converged).toBe(true);
    expectAllLRE(fit.coef, ref.coef, 10, 'coef');
    expectAllLRE(fit.se, ref.coefficients.map((c) => c.se!), 10, 'SE');
    const basis = mmrmBasis(fit, design);
    const emm = emmeans(basis, { specs: ['arm'] });
    const diff = contrast(basis, emm.cells[1], emm.cells[0]);
    expectLRE(diff.estimate!, refDiff.estimate!, 10, 'difference');
    expectLRE(diff.se!, refDiff.se!, 10, 'difference SE');
    expectLRE(diff.df!, ref.dfResidual, 6, 'Satterthwaite df = n − p');
    expectLRE(mmrmBasis(fit, design, 'residual').df(emm.cells[0].l), ref.dfResidual, 15, 'residual df');
  });
});
