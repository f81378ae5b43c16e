// The PSA's reported probabilities and interval against closed forms: with only the effect rate
// uncertain (normal, SE 0.03) the total net is linear in it, so P(net > 0), P(investor repaid)
// and the 95 % interval follow from the normal distribution directly.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, parseScenario } from '../../src/economics/scenario/load.ts';
import { runPsa } from '../../src/economics/psa/psa.ts';
import { normal } from '../../src/stats/dist/continuous.ts';
import type { Scenario } from '../../src/economics/scenario/schema.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const file = join(repoRoot, 'data-samples/economics/dsi-base-case.json');
const base = loadScenario(file);
const onlyEffect: Scenario = { ...base, costUncertainty: undefined, targetGroups: base.targetGroups.map((g) => ({ ...g, savingUncertainty: undefined })) };
const rate = base.effects[0].rate;
const se = 0.03;
const W = 145961.75;
const draws = 40_000;
const r = runPsa(onlyEffect, { draws, seed: 20240601 });
/** Monte Carlo SE of a proportion. */
const mcSe = (p: number) => Math.sqrt((p * (1 - p)) / draws);

describe('PSA against closed forms', () => {
  it('P(net saving > 0) = P(rate > break-even rate 9,694 / W)', () => {
    const p = normal.sf((9694 / W - rate) / se);
    expect(Math.abs(r.probabilityNetSaving - p)).toBeLessThan(4 * mcSe(p));
  });

  it('P(investor repaid in full) = P(240 × rate × 124,545 ≥ 240 × 8,813)', () => {
    const p = normal.sf((8813 / 124545 - rate) / se);
    expect(Math.abs(r.probabilityInvestorRepaid - p)).toBeLessThan(4 * mcSe(p));
  });

  it('the 95 % interval of the total net is 240 × (W × (rate ± 1.96 SE) − 9,694)', () => {
    const sdNet = 240 * W * se;
    const z = normal.quantile(0.975);
    // SE of a sample quantile: √(p(1 − p)/n) / density at the quantile.
    const qSe = Math.sqrt(0.025 * 0.975 / draws) / (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / sdNet);
    expect(Math.abs(r.totalNet.lower - 240 * (W * (rate - z * se) - 9694))).toBeLessThan(4 * qSe);
    expect(Math.abs(r.totalNet.upper - 240 * (W * (rate + z * se) - 9694))).toBeLessThan(4 * qSe);
    expect(Math.abs(r.totalNet.mean - 400080)).toBeLessThan((4 * sdNet) / Math.sqrt(draws));
    expect(r.netPerCitizen.mean).toBeCloseTo(r.totalNet.mean / 240, 6);
  });

  it('defaults to 10,000 draws and a fixed seed when the scenario names none', () => {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete raw.psa;
    const s = parseScenario(raw);
    expect(s.psa).toEqual({ draws: 10_000, seed: 20240601, bins: 40 });
    const a = runPsa(s);
    expect(a.draws).toBe(10_000);
    expect(JSON.stringify(runPsa(s))).toBe(JSON.stringify(a));
  });

  it.each([
    { type: 'normal', mean: 9694, sd: 900 },
    { type: 'lognormal', mean: 9694, sd: 900 },
    { type: 'gamma', mean: 9694, sd: 900 },
    { type: 'beta', mean: 9694, sd: 900, min: 7000, max: 14000 },
    { type: 'triangular', min: 7000, mode: 9000, max: 14000 },
  ])('a scenario may give the cost a $type distribution; the PSA samples it (mean net within 4 MC SE)', (d) => {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
    raw.costUncertainty = d;
    raw.effects[0].se = 0;
    for (const g of raw.targetGroups) delete g.savingUncertainty;
    if (d.type === 'triangular') raw.costPerCitizen = 10000; // the mean of (7000, 9000, 14000)
    const s = parseScenario(raw);
    const n = 20_000;
    const res = runPsa(s, { draws: n, seed: 3 });
    const sd = d.type === 'triangular' ? Math.sqrt((7000 ** 2 + 9000 ** 2 + 14000 ** 2 - 7000 * 9000 - 7000 * 14000 - 9000 * 14000) / 18) : d.sd!;
    const expected = 240 * (rate * W - s.costPerCitizen);
    expect(Math.abs(res.totalNet.mean - expected)).toBeLessThan((4 * 240 * sd) / Math.sqrt(n));
    expect(res.distributions.costPerCitizen).toEqual(d);
  });
});
