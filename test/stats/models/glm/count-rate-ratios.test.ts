import { describe, expect, it } from 'vitest';
import { countRateRatios, type CountModel, type CountVariance } from '../../../../src/stats/models/glm/rate-ratios.ts';
import { readFixture } from '../../../helpers/fixtures.ts';
import { expectLRE, lre } from '../../../helpers/lre.ts';
import { armModelData, type FixtureData } from './fixture-data.ts';

interface Wald { estimate: number; se: number; lower: number; upper: number; statistic: number; p: number }
interface Comparison { treatment: string; control: string; logRR: Wald }
interface Result {
  model: CountModel; variance: CountVariance; coefficients: { names: string[]; estimate: number[]; se: number[] };
  deviance: number; df: number; theta?: number; thetaSe?: number; comparisons: Comparison[];
  mass?: { theta: number; thetaSe: number; comparisons: Comparison[] };
}
interface Case { name: string; data: FixtureData; crude: { events: number[]; exposure: number[] }; results: Result[] }
const fx = readFixture<{ cases: Case[] }>('count-rate-ratios.json');

// Estimates, SEs and CIs at LRE ≥ 10, p at LRE ≥ 8 against R (glm to 1e-14; the negative binomial's θ
// refined to full ML precision). MASS::glm.nb's own (early-stopped) θ is compared at the LRE it allows.
describe.each(fx.cases.map((c) => [c.name, c] as const))('count rate ratios vs R: %s', (_n, c) => {
  it.each(c.results.map((r) => [`${r.model}, ${r.variance}`, r] as const))('%s', (_l, r) => {
    const res = countRateRatios(armModelData(c.data), r.model, { variance: r.variance, comparisons: 'all-pairs' });
    let worst = 15;
    let worstP = 15;
    const check = (a: number, e: number, min: number, label: string) => {
      if (min === 8) worstP = Math.min(worstP, lre(a, e)); else worst = Math.min(worst, lre(a, e));
      expectLRE(a, e, min, label);
    };
    res.coefficients.forEach((k, j) => {
      expect(k.name).toBe(r.coefficients.names[j]);
      check(k.estimate!, r.coefficients.estimate[j], 10, `coef ${k.name}`);
      check(k.se!, r.coefficients.se[j], 10, `SE ${k.name}`);
    });
    check(res.deviance, r.deviance, 10, 'deviance');
    expect(res.dfResidual).toBe(r.df);
    res.rates.forEach((a, j) => {
      expect(a.events).toBe(c.crude.events[j]);
      check(a.exposure, c.crude.exposure[j], 10, `exposure ${a.arm}`);
    });
    if (r.theta !== undefined) {
      check(res.theta!, r.theta, 10, 'theta');
      check(res.thetaSe!, r.thetaSe!, 8, 'theta SE');
      console.log(`${c.name}: θ vs MASS::glm.nb's own (stopped at ε^¼) LRE ${lre(res.theta!, r.mass!.theta).toFixed(1)}; its log RR LRE ${lre(res.comparisons[0].rateRatio.log.estimate, r.mass!.comparisons[0].logRR.estimate).toFixed(1)}`);
    } else expect(res.theta).toBeNull();
    r.comparisons.forEach((e, m) => {
      const got = res.comparisons[m];
      expect([got.treatment, got.control]).toEqual([e.treatment, e.control]);
      const label = `log RR ${e.treatment} vs ${e.control}`;
      check(got.rateRatio.log.estimate, e.logRR.estimate, 10, label);
      check(got.rateRatio.log.se, e.logRR.se, 10, `${label} SE`);
      check(got.rateRatio.log.lower, e.logRR.lower, 10, `${label} lower`);
      check(got.rateRatio.log.upper, e.logRR.upper, 10, `${label} upper`);
      check(got.rateRatio.p, e.logRR.p, 8, `${label} p`);
      check(got.rateRatio.estimate, Math.exp(e.logRR.estimate), 10, 'rate ratio');
      check(got.rateRatio.lower, Math.exp(e.logRR.lower), 10, 'rate ratio lower');
    });
    expect(res.formula).toMatch(/ \+ offset\(log\(exposure\)\)$/);
    console.log(`${c.name} [${r.model}, ${r.variance}]: worst estimate/SE/CI LRE ${worst.toFixed(1)}, worst p LRE ${worstP.toFixed(1)}`);
  });
});
