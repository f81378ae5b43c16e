import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { businessCase } from '../../src/economics/model/business-case.ts';
import { settlement } from '../../src/economics/settlement/settlement.ts';
import { runEconomics } from '../../src/economics/run.ts';
import { savingsByAdministrationTable } from '../../src/economics/tables.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const scenario = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));
const bc = businessCase(scenario);

// The DSI seed document's figures (shared/domain.md § 3), each pinned to the krone.
describe('DSI base case reproduces the published figures', () => {
  it.each([
    ['participants (10 groups × 8 × 3 years)', bc.participants, 240],
    ['cost per citizen', Math.round(bc.costPerCitizenDiscounted), 9694],
    ['effect-adjusted saving per citizen', Math.round(bc.savingPerCitizen), 11361],
    ['net per citizen', Math.round(bc.netPerCitizen), 1667],
    ['total net for 240 citizens over 5 years', Math.round(bc.totalNet), 400080],
  ])('%s', (_label, computed, published) => {
    expect(computed).toBe(published);
  });

  it('weighted saving per successful citizen is 0.25 × 350,283 + 0.50 × 116,782', () => {
    expect(bc.weightedSavingPerSuccess).toBeCloseTo(145961.75, 6);
  });

  it('break-even effect rate ≈ 6.64 %', () => {
    const rate = bc.breakEvenEffectRates!['personal-recovery'];
    expect(Math.round(rate * 10000) / 100).toBe(6.64);
    expect(rate).toBeCloseTo(9694 / 145961.75, 12);
  });

  it('the implied net effect rate is ≈ 7.78 %', () => {
    expect(Math.round(scenario.effects[0].rate * 10000) / 100).toBe(7.78);
  });

  it('per-administration tables are carried as published, with the source rounding visible', () => {
    const [sig, red] = scenario.targetGroups;
    const parts = (g: typeof sig) => Object.values(g.savingPerSuccess.byAdministration).reduce((a, b) => a + b, 0);
    expect([sig.savingPerSuccess.total, parts(sig)]).toEqual([350283, 350283]);
    expect([sig.savingPerSuccess.byAdministration.social, sig.savingPerSuccess.byAdministration.health, sig.savingPerSuccess.byAdministration.employment]).toEqual([215149, 128170, 6964]);
    expect([red.savingPerSuccess.total, parts(red)]).toEqual([116782, 116783]);
    expect([red.savingPerSuccess.byAdministration.social, red.savingPerSuccess.byAdministration.health, red.savingPerSuccess.byAdministration.employment]).toEqual([45455, 23838, 47490]);
  });

  it('effect-adjusted savings by administration add up to the total', () => {
    const a = bc.savingPerCitizenByAdministration;
    expect(a.social + a.health + a.employment).toBeCloseTo(bc.savingPerCitizen, 8);
  });

  it('the cumulative municipal result pays back in year 6 and ends at the total net', () => {
    expect(bc.paybackYear).toBe(6);
    expect(bc.cashFlow.at(-1)!.cumulativeNetDiscounted).toBeCloseTo(bc.totalNet, 6);
  });

  it('a 3.5 % discount rate lowers the net result (figures from test/reference/economics.R)', () => {
    const discounted = businessCase({ ...scenario, discountRate: 0.035 });
    expect(Math.round(discounted.costPerCitizenDiscounted)).toBe(9370);
    expect(Math.round(discounted.savingPerCitizen)).toBe(10263);
    expect(Math.round(discounted.netPerCitizen)).toBe(893);
    expect(Math.round(discounted.totalNet)).toBe(214385);
    expect(Math.round(discounted.breakEvenEffectRates!['personal-recovery'] * 10000) / 100).toBe(7.11);
  });

  it('the effect starts in the year the citizen finishes and follows the yearly profile', () => {
    // Cohort y (80 citizens) finishes in year y; its saving 80 × s × W is spread over years y … y + 4.
    const perCohort = 80 * scenario.effects[0].rate * 145961.75;
    const yearly = (b: typeof bc) => b.cashFlow.map((c) => c.savings.social + c.savings.health + c.savings.employment);
    expect(yearly(bc)).toEqual([1, 2, 3, 3, 3, 2, 1].map((k) => expect.closeTo(k * 0.2 * perCohort, 6)));
    const w = [0.4, 0.3, 0.15, 0.1, 0.05];
    const front = businessCase({ ...scenario, savingsProfile: w });
    const expected = [0, 1, 2, 3, 4, 5, 6].map((t) => [0, 1, 2].reduce((a, y) => a + (t - y >= 0 && t - y < 5 ? w[t - y] : 0), 0) * perCohort);
    expect(yearly(front)).toEqual(expected.map((x) => expect.closeTo(x, 6)));
    // Undiscounted, the profile only moves savings in time; discounted, earlier savings are worth more.
    expect(front.totalNet).toBeCloseTo(bc.totalNet, 6);
    expect(businessCase({ ...scenario, savingsProfile: w, discountRate: 0.035 }).totalNet).toBeGreaterThan(businessCase({ ...scenario, discountRate: 0.035 }).totalNet);
  });

  it('the savings-by-administration output carries the published parts and shows the source rounding', () => {
    const t = savingsByAdministrationTable(runEconomics(scenario, { draws: 100 }));
    expect(t.rows.slice(0, 2)).toEqual([
      ['significantly_reduced', 0.25, 350283, 215149, 128170, 6964, 0],
      ['reduced', 0.5, 116782, 45455, 23838, 47490, 1],
    ]);
  });
});

describe('investor settlement in the base case', () => {
  const st = settlement(scenario);
  it('pays 9,694 per citizen at the base-case effect (cap binding) and earns 10 %', () => {
    expect(st.totalPayments).toBe(240 * 9694);
    expect(st.limitApplied).toBe('cap');
    expect(st.totalPrefinancing).toBe(240 * 8813);
    expect(st.repaidInFull).toBe(true);
    expect(st.irr).not.toBeNull();
    expect(st.irr!).toBeGreaterThan(0.09);
    expect(st.irr!).toBeLessThan(0.11);
  });

  it('no cure – no pay: a zero effect pays nothing above the floor', () => {
    const none = settlement({ ...scenario, effects: scenario.effects.map((e) => ({ ...e, rate: 0 })) });
    expect(none.totalPayments).toBe(0);
    expect(none.repaidInFull).toBe(false);
    expect(none.investorReturn).toBe(-240 * 8813);
  });

  it('a floor guarantees a minimum payment', () => {
    const floored = settlement({ ...scenario, investor: { ...scenario.investor, floor: 1_000_000 }, effects: scenario.effects.map((e) => ({ ...e, rate: 0 })) });
    expect(floored.totalPayments).toBe(1_000_000);
    expect(floored.limitApplied).toBe('floor');
  });
});
