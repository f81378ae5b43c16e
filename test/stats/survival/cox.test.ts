/**
 * Cox models against survival 3.5-3's coxph (R iterated to eps = 1e-12): coefficients, model-based
 * and robust SEs, hazard ratios with limits, log-likelihoods, LR/Wald/score (and robust score)
 * tests at LRE ≥ 10, p-values ≥ 8. Efron and Breslow ties, strata, cluster, counting process.
 */
import { describe, expect, it } from 'vitest';
import { coxPH } from '../../../src/stats/survival/cox/fit.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { fx, coxInput } from './fixture.ts';

describe.each(fx.cox.map((c) => [c.name, c] as const))('Cox vs coxph: %s', (_n, c) => {
  it('coefficients, SEs, hazard ratios, log-likelihoods and tests', () => {
    const fit = coxPH(coxInput(c), { ties: c.ties, robust: c.robust });
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expect(fit.n).toBe(c.n);
    expect(fit.events).toBe(c.events);
    let worst = 15;
    fit.coefficients.forEach((k, j) => {
      worst = Math.min(worst, lre(k.estimate, c.coef[j]), lre(k.se, c.se[j]));
      expectLRE(k.estimate, c.coef[j], 10, `coef ${k.name}`);
      expectLRE(k.se, c.se[j], 10, `se ${k.name}`);
      expectLRE(k.naiveSe, c.naiveSe[j], 10, `naive se ${k.name}`);
      expectLRE(k.hazardRatio, c.hr[j], 10, `HR ${k.name}`);
      expectLRE(k.lower, c.lower[j], 10, `HR lower ${k.name}`);
      expectLRE(k.upper, c.upper[j], 10, `HR upper ${k.name}`);
      expectLRE(k.p, c.p[j], 8, `p ${k.name}`);
    });
    expectLRE(fit.logLik.null, c.loglik[0], 10, 'loglik at 0');
    expectLRE(fit.logLik.fitted, c.loglik[1], 10, 'loglik');
    for (const [name, t] of [['likelihoodRatio', c.lrt], ['wald', c.wald], ['score', c.score]] as const) {
      const mine = fit.tests[name];
      expectLRE(mine.statistic, t[0], 10, `${name} statistic`);
      expect(mine.df).toBe(t[1]);
      expectLRE(mine.p, t[2], 8, `${name} p`);
    }
    if (c.robustScore) {
      expect(fit.tests.robustScore).not.toBeNull();
      expectLRE(fit.tests.robustScore!.statistic, c.robustScore[0], 10, 'robust score');
      expectLRE(fit.tests.robustScore!.p, c.robustScore[2], 8, 'robust score p');
    }
    console.log(`${c.name}: worst coef/SE LRE ${worst.toFixed(1)}, ${fit.iterations} iterations (R ${c.iter})`);
  });
});
