import { describe, expect, it } from 'vitest';
import { marginalBinaryEffects } from '../../../../src/stats/models/glm/marginal-binary.ts';
import type { MarginalVariance } from '../../../../src/stats/models/glm/marginal-variance.ts';
import { readFixture } from '../../../helpers/fixtures.ts';
import { expectLRE, lre } from '../../../helpers/lre.ts';
import { armModelData, type FixtureData } from './fixture-data.ts';

interface Wald { estimate: number; se: number; lower: number; upper: number; statistic: number; p: number }
interface Case {
  name: string; formula: string; data: FixtureData;
  coefficients: { names: string[]; estimate: number[]; se: number[] };
  results: { variance: MarginalVariance; randomization: 'simple' | 'stratified-block'; risks: number[]; riskSe: number[]; cov: number[][]; riskLower: number[]; riskUpper: number[]; rd90: number[][];
    comparisons: { treatment: string; control: string; rd: Wald; logRR: Wald; logOR: Wald }[] }[];
}
const fx = readFixture<{ cases: Case[] }>('marginal-binary.json');

// Estimates and SEs at LRE ≥ 10, p-values at LRE ≥ 8 (R: glm to 1e-14, sandwich::vcovHC HC0, the
// Ye et al. formula written out). The worst LRE per case is printed.
describe.each(fx.cases.map((c) => [c.name, c] as const))('marginal binary effects vs R: %s', (_n, c) => {
  it.each(c.results.map((r) => [`${r.variance}, ${r.randomization}`, r] as const))('%s', (_l, r) => {
    const res = marginalBinaryEffects(armModelData(c.data), { variance: r.variance, randomization: r.randomization, comparisons: 'all-pairs' });
    expect(res.formula).toBe(c.formula);
    expect(res.options.randomization).toBe(c.data.strata?.length ? r.randomization : 'simple');
    let worst = 15;
    let worstP = 15;
    const check = (a: number, e: number, min: number, label: string) => {
      if (min === 8) worstP = Math.min(worstP, lre(a, e)); else worst = Math.min(worst, lre(a, e));
      expectLRE(a, e, min, label);
    };
    res.coefficients.forEach((k, j) => {
      expect(k.name).toBe(c.coefficients.names[j]);
      check(k.estimate!, c.coefficients.estimate[j], 10, `coef ${k.name}`);
      check(k.se!, c.coefficients.se[j], 10, `model SE ${k.name}`);
    });
    res.risks.forEach((p, a) => {
      check(p.risk, r.risks[a], 10, `risk ${p.arm}`);
      check(p.se, r.riskSe[a], 10, `risk SE ${p.arm}`);
      check(p.lower, r.riskLower[a], 10, `risk lower ${p.arm}`);
      check(p.upper, r.riskUpper[a], 10, `risk upper ${p.arm}`);
      // Covariances on the correlation scale: an R value of ~1e-18 where the exact one is 0 has no digits to match.
      const s = (b: number) => Math.sqrt(r.cov[a][a] * r.cov[b][b]);
      r.cov[a].forEach((v, b) => {
        const [got, ref] = [res.riskCovariance[a][b] / s(b), v / s(b)];
        if (Math.abs(ref) < 1e-12) expect(Math.abs(got), `cov[${a}][${b}] is 0 up to rounding`).toBeLessThan(1e-10);
        else check(got, ref, 10, `cov[${a}][${b}] / (se·se)`);
      });
    });
    expect(res.comparisons.length).toBe(r.comparisons.length);
    r.comparisons.forEach((e, m) => {
      const got = res.comparisons[m];
      expect([got.treatment, got.control]).toEqual([e.treatment, e.control]);
      const pairs: [string, Wald, { estimate: number; se: number; lower: number; upper: number; p: number }][] = [
        ['RD', e.rd, got.riskDifference], ['log RR', e.logRR, got.riskRatio.log], ['log OR', e.logOR, got.oddsRatio.log]];
      for (const [what, ref, g] of pairs) {
        const label = `${what} ${e.treatment} vs ${e.control}`;
        check(g.estimate, ref.estimate, 10, label);
        check(g.se, ref.se, 10, `${label} SE`);
        check(g.lower, ref.lower, 10, `${label} lower`);
        check(g.upper, ref.upper, 10, `${label} upper`);
        check(g.p, ref.p, 8, `${label} p`);
      }
      check(got.riskRatio.estimate, Math.exp(e.logRR.estimate), 10, 'RR');
      check(got.oddsRatio.upper, Math.exp(e.logOR.upper), 10, 'OR upper');
    });
    const at90 = marginalBinaryEffects(armModelData(c.data), { variance: r.variance, randomization: r.randomization, comparisons: 'all-pairs', confLevel: 0.9 });
    r.rd90.forEach(([lo, hi], m) => {
      check(at90.comparisons[m].riskDifference.lower, lo, 10, 'RD 90% lower');
      check(at90.comparisons[m].riskDifference.upper, hi, 10, 'RD 90% upper');
    });
    console.log(`${c.name} [${r.variance}, ${r.randomization}]: worst estimate/SE/CI LRE ${worst.toFixed(1)}, worst p LRE ${worstP.toFixed(1)}`);
  });
});
