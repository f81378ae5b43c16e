/**
 * Issue 12, item 10: the public `stats.ols` coefficient table — estimate, SE, t, p and the CI — pinned
 * to R's summary(lm) and confint(lm) at 95% and 90% (test/reference/ols-coefficients.R). The CI
 * limits at LRE ≥ 10 fail if the interval used the 0.95 instead of the 0.975 t quantile; the
 * half-width / SE is also compared with R's qt(0.975, df) directly.
 */
import { describe, expect, it } from 'vitest';
import { stats } from '../../../src/index.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';

interface Case {
  name: string;
  data: { y: number[]; arm: { levels: string[]; values: string[] }; x: number[]; factors: { name: string; levels: string[]; values: string[] }[] };
  names: string[]; estimate: number[]; se: number[]; t: number[]; p: number[]; df: number; qt975: number;
  ci95: { lower: number[]; upper: number[] }; ci90: { lower: number[]; upper: number[] };
}
const fx = readFixture<{ cases: Case[] }>('ols-coefficients.json');

describe.each(fx.cases.map((c) => [c.name, c] as const))('stats.ols vs R lm: %s', (_n, c) => {
  const vars = [stats.factor('arm', c.data.arm.values, c.data.arm.levels), stats.numeric('x', c.data.x), ...c.data.factors.map((f) => stats.factor(f.name, f.values, f.levels))];
  const d = stats.modelMatrix({ variables: vars, terms: vars.map((v) => [v.name]) });

  it.each([[0.95, 'ci95'], [0.9, 'ci90']] as const)('estimate, SE, t, p and the %s CI', (level, key) => {
    const fit = stats.ols(d.X, c.data.y, { columnNames: d.columnNames, confLevel: level });
    expect(fit.columnNames).toEqual(c.names);
    expect(fit.dfResidual).toBe(c.df);
    fit.coefficients.forEach((k, j) => {
      const nm = c.names[j];
      expectLRE(k.estimate!, c.estimate[j], 10, `${nm} estimate`);
      expectLRE(k.se!, c.se[j], 10, `${nm} SE`);
      expectLRE(k.t!, c.t[j], 10, `${nm} t`);
      expectLRE(k.p!, c.p[j], 8, `${nm} p`);
      expectLRE(k.lower!, c[key].lower[j], 10, `${nm} ${level} lower`);
      expectLRE(k.upper!, c[key].upper[j], 10, `${nm} ${level} upper`);
      if (level === 0.95) expectLRE((k.upper! - k.lower!) / (2 * k.se!), c.qt975, 10, `${nm} CI half-width / SE = qt(0.975, df)`);
    });
  });
});
