/**
 * The seed's numbers stay reproducible: a roll-out contract equal to the fund's base case — one
 * municipality, 10 groups × 8 a year for 3 years, 124,545 kr. per citizen achieving personal
 * recovery above the trial's SAU rate, capped at 240 × 9,694 kr., 8,813 kr. pre-financed per
 * citizen, paid one year later — settles to the business case's figures: 9,694 kr. paid per
 * citizen, 11,361 kr. saved, 1,667 kr. net, 400,080 kr. in all, the investor's 10 % and the
 * economics layer's IRR. First with the base case's effect as expected counts (exact), then
 * end to end through the store with whole citizens (within the rounding of the counts), then
 * with the trial's own effect against the economics model linked to the trial.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { settlement as economicsSettlement } from '../../src/economics/settlement/settlement.ts';
import { businessCase } from '../../src/economics/model/business-case.ts';
import { linkResults } from '../../src/economics/link/from-results.ts';
import { emptyState, settlePeriod, type EngineState } from '../../src/rollout/settle/engine.ts';
import { investorAccount, municipalCase } from '../../src/rollout/settle/investor.ts';
import { initStore } from '../../src/rollout/init.ts';
import { openStore } from '../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestFile } from '../../src/rollout/ingest/ingest.ts';
import { settle } from '../../src/rollout/settle/settle.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const sample = join(repoRoot, 'data-samples/rollout');
const scenario = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));
const SAU = 47 / 126; // the trial's SAU arm, qpr15-responder (trial-results.json)
const PRICE = 124545;
const CAP = 240 * 9694;
const periods = [2024, 2025, 2026].map((y) => ({ id: String(y), from: `${y}-01-01`, to: `${y}-12-31` }));

/** Three yearly settlements of 80 citizens with `achieved(y)` achieving personal recovery. */
function settleThreeYears(achieved: (year: number) => number) {
  let state: EngineState = emptyState;
  const payments = new Map<string, number>();
  for (const [i, p] of periods.entries()) {
    const [m] = settlePeriod({
      metrics: [{ id: 'personal-recovery', pricePerOutcome: PRICE, counterfactual: SAU, floor: 0, cap: null }],
      limits: { floor: 0, cap: CAP },
      carryOver: 'deficit',
      final: i === 2,
      municipalities: [{ id: 'M', counts: { 'personal-recovery': { citizens: 80, achieved: achieved(i) } }, state }],
    });
    state = m.state;
    payments.set(p.id, m.payment);
  }
  return payments;
}

describe('a contract equal to the base case settles to the business case', () => {
  it('with the base-case effect as expected counts: 9,694 / 11,361 / 1,667 / 400,080, the investor’s 10 % and IRR', () => {
    const r = scenario.effects[0].rate;
    const payments = settleThreeYears(() => 80 * (SAU + r));
    const paid = [...payments.values()].reduce((a, b) => a + b, 0);
    expect(paid).toBeCloseTo(CAP, 2); // the cap binds by 4 kr. in the last year, as in the economics model
    expect(Math.round(paid / 240)).toBe(9694);
    const mc = municipalCase(scenario, 240, paid, [{ metric: 'personal-recovery', effect: 'personal-recovery', achieved: 240 * (SAU + r), expected: 240 * SAU, citizens: 240 }])!;
    expect(mc.effectRates[0].rate).toBeCloseTo(r, 12);
    expect([Math.round(mc.costPerCitizen), Math.round(mc.savingPerCitizen), Math.round(mc.netPerCitizen), Math.round(mc.totalNet)]).toEqual([9694, 11361, 1667, 400080]);
    const acc = investorAccount(periods, new Map(periods.map((p) => [p.id, 80])), payments, 8813, 1);
    const eco = economicsSettlement(scenario);
    expect([acc.prefinanced, Math.round(acc.repaid), Math.round(acc.returnToDate)]).toEqual([eco.totalPrefinancing, Math.round(eco.totalPayments), Math.round(eco.investorReturn)]);
    expect(acc.periodsPerYear).toBe(1);
    expect(Math.abs(acc.irrAnnual! - eco.irr!)).toBeLessThan(1e-5); // the cap trims the last year here, every year pro rata there
  });

  it('with the trial’s own effect (QPR-15 responder risk difference): the economics model linked to the trial', () => {
    const { scenario: linked } = linkResults(scenario, join(sample, 'trial-results.json'));
    const rd = linked.effects[0].rate;
    const payments = settleThreeYears(() => 80 * (SAU + rd));
    const paid = [...payments.values()].reduce((a, b) => a + b, 0);
    const eco = economicsSettlement(linked);
    expect(paid).toBeCloseTo(eco.totalPayments, 2);
    const mc = municipalCase(scenario, 240, paid, [{ metric: 'personal-recovery', effect: 'personal-recovery', achieved: 240 * (SAU + rd), expected: 240 * SAU, citizens: 240 }])!;
    const bc = businessCase({ ...linked, costPerCitizen: paid / 240 });
    expect(mc.savingPerCitizen).toBeCloseTo(bc.savingPerCitizen, 6);
    expect(mc.totalNet).toBeCloseTo(bc.totalNet, 4);
  });

  it('end to end through the store with whole citizens: within the rounding of the counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-base-case-'));
    copyFileSync(join(sample, 'trial-results.json'), join(dir, 'trial-results.json'));
    copyFileSync(join(repoRoot, 'data-samples/economics/dsi-base-case.json'), join(dir, 'dsi-base-case.json'));
    const l = (s: string) => ({ da: s, en: s });
    writeFileSync(join(dir, 'contract.json'), JSON.stringify({
      id: 'base-case', title: l('Base case'), synthetic: true, parties: { fund: 'DSI', partnership: 'Peer-Partnerskabet', agency: 'SBST' },
      trialResults: { file: 'trial-results.json' }, visits: { baseline: 'baseline', followUp: 'slut' }, municipalities: [{ id: 'Basekommune' }],
      paymentMetrics: [{ id: 'personal-recovery', name: l('Personal recovery'), definition: l('QPR-15 +5'), rule: { type: 'change', outcome: 'qpr15', threshold: 5 }, pricePerOutcome: PRICE, counterfactual: { source: 'trial', resultsMetric: 'qpr15-responder' }, scenarioEffect: 'personal-recovery' }],
      limits: { floor: 0, cap: CAP }, periods, investor: { prefinancingPerCitizen: 8813, paymentLagPeriods: 1 }, businessCase: { scenario: 'dsi-base-case.json' },
    }));
    const spec = JSON.parse(JSON.stringify((await import('../../src/rollout/simulate/documents.ts')).sampleSpec()));
    spec.cohort.instruments = spec.cohort.instruments.slice(0, 1);
    spec.cohort.outcomes = spec.cohort.outcomes.slice(0, 1);
    spec.cohort.data.csv.encoding = 'utf-8';
    spec.registers = [];
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    // Achievers chosen so the cumulative count tracks 240 × (SAU + r) to the nearest citizen.
    const target = SAU + scenario.effects[0].rate;
    const achieved = [0, 1, 2].map((i) => Math.round(80 * (i + 1) * target) - Math.round(80 * i * target));
    const header = ['borger_id', 'kommune', 'hold', 'holdstart', 'holdslut', 'besøg', 'alder', 'køn', 'fremmøde', 'frafaldsårsag', ...Array.from({ length: 15 }, (_, j) => `qpr_${j + 1}`)];
    const files: string[] = [];
    for (const [i, p] of periods.entries()) {
      const rows = [header.join(';')];
      for (let k = 0; k < 80; k++) {
        const g = `BK-${p.id}-${String(Math.floor(k / 8) + 1).padStart(2, '0')}`;
        const start = `${String(10 + Math.floor(k / 8)).padStart(2, '0')}-02-${p.id}`;
        const end = `${String(10 + Math.floor(k / 8)).padStart(2, '0')}-05-${p.id}`;
        const common = [`P${p.id}${String(k).padStart(3, '0')}`, 'Basekommune', g, start, end];
        rows.push([...common, 'baseline', 40, 'kvinde', 11, '', ...Array(15).fill(2)].join(';'));
        rows.push([...common, 'slut', 40, 'kvinde', 11, '', ...Array(15).fill(k < achieved[i] ? 3 : 2)].join(';'));
      }
      files.push(join(dir, `basekommune-${p.id}.csv`));
      writeFileSync(files.at(-1)!, `${rows.join('\n')}\n`);
    }
    const store = join(dir, 'store.duckdb');
    await initStore(store, join(dir, 'contract.json'));
    const s = await openStore(store);
    try {
      const rs = loadRolloutSpec(join(dir, 'spec.json'));
      for (const f of files) await ingestFile(s, rs, f);
      let last;
      for (const [i, p] of periods.entries()) last = (await settle(s, { period: p.id, date: `${2025 + i}-03-01` })).result;
      const paid = last!.investor.repaid;
      const oneCitizen = (PRICE * 0.5) / 240; // half a citizen's price, per citizen: the rounding of the counts
      expect(Math.abs(paid / 240 - 9694)).toBeLessThan(oneCitizen);
      const bc = last!.businessCase!;
      expect(bc.citizens).toBe(240);
      expect(Math.abs(bc.savingPerCitizen - 11361)).toBeLessThan((0.5 / 240) * 145961.75);
      expect(Math.abs(bc.netPerCitizen - 1667)).toBeLessThan(oneCitizen + (0.5 / 240) * 145961.75);
      expect(last!.investor.prefinanced).toBe(240 * 8813);
    } finally {
      s.close();
    }
  });
});
