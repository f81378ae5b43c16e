/** Log-rank and G^ρ tests (k groups, stratified) against survival 3.5-3's survdiff: O, E, V at LRE ≥ 10, p ≥ 8. */
import { describe, expect, it } from 'vitest';
import { logRank } from '../../../src/stats/survival/log-rank.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { fx, rows, surv, grouping } from './fixture.ts';

describe.each(fx.logrank.map((c) => [c.name, c] as const))('log-rank vs survdiff: %s', (_n, c) => {
  it('observed, expected, variance, χ², df, p', () => {
    const idx = rows(c.dataset, c.subset);
    const fit = logRank({ ...surv(c.dataset, idx), group: grouping(c.dataset, c.group, idx), ...(c.strata ? { strata: grouping(c.dataset, c.strata, idx) } : {}) }, { rho: c.rho });
    const k = fit.groups.length;
    let worst = lre(fit.statistic, c.chisq);
    fit.groups.forEach((g, a) => {
      worst = Math.min(worst, lre(g.observed, c.observed[a]), lre(g.expected, c.expected[a]));
      expectLRE(g.observed, c.observed[a], 10, `observed ${g.label}`);
      expectLRE(g.expected, c.expected[a], 10, `expected ${g.label}`);
      for (let b = 0; b < k; b++) expectLRE(fit.variance[a][b], c.variance[a + b * k], 10, `V[${a},${b}]`);
    });
    expectLRE(fit.statistic, c.chisq, 10, 'chisq');
    expect(fit.df).toBe(c.df);
    expectLRE(fit.p, c.p, 8, 'p');
    console.log(`${c.name}: worst LRE ${worst.toFixed(1)} (O, E, χ²); p LRE ${lre(fit.p, c.p).toFixed(1)}`);
  });
});
