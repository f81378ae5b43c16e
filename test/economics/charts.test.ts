import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { runEconomics } from '../../src/economics/run.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const base = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));

describe("the report's chart data", () => {
  const r = runEconomics(base, { draws: 2000 });
  const c = r.charts;
  const last = (payer: string) => c.cumulativeCashFlow.filter((p) => p.payer === payer).at(-1)!;

  it('cumulative cash flow by year and payer ends at the municipal total net and the investor return', () => {
    // Every series spans the same years (7 = 3 course years + 5 horizon years − 1).
    for (const payer of ['municipality', 'investor', 'social', 'health', 'employment']) {
      expect(c.cumulativeCashFlow.filter((p) => p.payer === payer).map((p) => p.year)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
    expect(last('municipality').cumulative).toBeCloseTo(400080, 6);
    expect(last('investor').cumulative).toBeCloseTo(r.settlement.investorReturn, 6);
    const adm = (a: 'social' | 'health' | 'employment') => last(a).cumulative / 240;
    expect(adm('social')).toBeCloseTo(r.businessCase.savingPerCitizenByAdministration.social, 6);
    expect(adm('social') + adm('health') + adm('employment')).toBeCloseTo(11361, 6);
    // Year 1: the first cohort's course cost and its first year of savings (the effect starts in the year it finishes).
    expect(c.cumulativeCashFlow[0]).toMatchObject({ year: 1, payer: 'municipality', flow: -593744, cumulative: -593744 });
  });

  it('discounted cumulative flows use the scenario rate', () => {
    const d = runEconomics({ ...base, discountRate: 0.035 }, { draws: 200 });
    const m = d.charts.cumulativeCashFlow.filter((p) => p.payer === 'municipality');
    expect(m.at(-1)!.cumulativeDiscounted).toBeCloseTo(d.businessCase.totalNet, 6);
    expect(m.map((p) => p.cumulativeDiscounted)).toEqual(d.businessCase.cashFlow.map((y) => expect.closeTo(y.cumulativeNetDiscounted, 6)));
  });

  it('savings by administration add up to the effect-adjusted saving', () => {
    const t = c.savingsByAdministration.reduce((a, s) => a + s.total, 0);
    expect(t).toBeCloseTo(11361 * 240, 6);
    expect(c.savingsByAdministration.reduce((a, s) => a + s.perSuccess, 0)).toBeCloseTo(145961.75, 6);
  });

  it('tornado rows carry the base total net', () => {
    expect(c.tornado.baseTotalNet).toBeCloseTo(400080, 6);
    expect(c.tornado.rows.map((x) => x.parameter).sort()).toEqual(['costPerCitizen', 'discountRate', 'effect:personal-recovery', 'saving:reduced', 'saving:significantly_reduced', 'share:reduced', 'share:significantly_reduced']);
  });

  it('PSA distribution is pre-aggregated: bins count every draw, and no draw is stored', () => {
    expect(c.psaDistribution.bins.reduce((a, b) => a + b.count, 0)).toBe(2000);
    expect(c.psaDistribution.bins.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
    expect(c.psaDistribution.probabilityNetSaving).toBe(r.psa.probabilityNetSaving);
    // The size of the output does not grow with the number of draws.
    const big = runEconomics(base, { draws: 20000 });
    const numbers = (x: unknown) => JSON.stringify(x).match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g)!.length;
    expect(numbers(big.charts)).toBe(numbers(r.charts));
    expect(numbers(big.psa)).toBe(numbers(r.psa));
  });
});

describe('PSA histogram', () => {
  it('has 0 as a bin edge when the draws straddle 0, so the bins at or above 0 hold P(net saving > 0)', () => {
    const r = runEconomics(base, { draws: 5000 });
    const h = r.psa.histogram;
    expect(h.binEdges).toContain(0);
    expect(h.counts.length).toBeGreaterThanOrEqual(40);
    expect(h.counts.length).toBeLessThanOrEqual(41);
    const saving = h.counts.reduce((a, c, i) => a + (h.binEdges[i] >= 0 ? c : 0), 0);
    expect(saving / 5000).toBe(r.psa.probabilityNetSaving);
    expect(h.binEdges[0]).toBeLessThanOrEqual(r.psa.totalNet.lower);
    expect(h.binEdges.at(-1)).toBeGreaterThanOrEqual(r.psa.totalNet.upper);
  });

  it('keeps the requested bins when every draw is on one side of 0', () => {
    const r = runEconomics({ ...base, costPerCitizen: 100, costUncertainty: undefined, effects: base.effects.map((e) => ({ ...e, se: 0.01 })) }, { draws: 2000 });
    expect(r.psa.probabilityNetSaving).toBe(1);
    expect(r.psa.histogram.counts.length).toBe(40);
  });
});
