import { describe, expect, it } from 'vitest';
import { binomial, hypergeometric, poisson } from '../../../src/stats/dist/discrete.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';

type Arr = number[];
const fx = readFixture<{
  binom: { x: Arr; n: Arr; p: Arr; pmf: Arr; cdf: Arr; sf: Arr }; binomQ: { q: Arr; n: Arr; p: number; quantile: Arr };
  pois: { x: Arr; lambda: Arr; pmf: Arr; cdf: Arr; sf: Arr }; poisQ: { q: Arr; lambda: number; quantile: Arr };
  hyper: { x: Arr; m: Arr; n: Arr; k: Arr; pmf: Arr; cdf: Arr; sf: Arr }; hyperQ: { q: Arr; m: number; n: number; k: number; quantile: Arr };
}>('distributions.json');

// Upper tails computed directly: LRE ≥ 8 down to the smallest values R gives (e.g. 1e-100).
const check = (got: number, ref: number, label: string) => (ref === 0 ? expect(got, label).toBeLessThan(1e-300) : expectLRE(got, ref, 8, label));

describe('discrete distributions vs R', () => {
  it('binomial pmf, cdf, sf and quantile', () => {
    const b = fx.binom;
    b.x.forEach((x, i) => {
      check(binomial.pmf(x, b.n[i], b.p[i]), b.pmf[i], `dbinom(${x}, ${b.n[i]}, ${b.p[i]})`);
      check(binomial.cdf(x, b.n[i], b.p[i]), b.cdf[i], `pbinom(${x})`);
      check(binomial.sf(x, b.n[i], b.p[i]), b.sf[i], `pbinom(${x}, lower = FALSE)`);
    });
    fx.binomQ.q.forEach((q, i) => expect(binomial.quantile(q, fx.binomQ.n[i], fx.binomQ.p)).toBe(fx.binomQ.quantile[i]));
  });

  it('Poisson pmf, cdf, sf and quantile', () => {
    const p = fx.pois;
    p.x.forEach((x, i) => {
      check(poisson.pmf(x, p.lambda[i]), p.pmf[i], `dpois(${x}, ${p.lambda[i]})`);
      check(poisson.cdf(x, p.lambda[i]), p.cdf[i], `ppois(${x})`);
      check(poisson.sf(x, p.lambda[i]), p.sf[i], `ppois(${x}, lower = FALSE)`);
    });
    fx.poisQ.q.forEach((q, i) => expect(poisson.quantile(q, fx.poisQ.lambda)).toBe(fx.poisQ.quantile[i]));
  });

  it('hypergeometric pmf, cdf, sf and quantile', () => {
    const h = fx.hyper;
    h.x.forEach((x, i) => {
      check(hypergeometric.pmf(x, h.m[i], h.n[i], h.k[i]), h.pmf[i], `dhyper(${x}, ${h.m[i]}, ${h.n[i]}, ${h.k[i]})`);
      check(hypergeometric.cdf(x, h.m[i], h.n[i], h.k[i]), h.cdf[i], `phyper(${x})`);
      check(hypergeometric.sf(x, h.m[i], h.n[i], h.k[i]), h.sf[i], `phyper(${x}, lower = FALSE)`);
    });
    fx.hyperQ.q.forEach((q, i) => expect(hypergeometric.quantile(q, fx.hyperQ.m, fx.hyperQ.n, fx.hyperQ.k)).toBe(fx.hyperQ.quantile[i]));
  });
});
