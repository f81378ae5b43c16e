/**
 * The two numbers the PSA needs per draw — the municipality's total discounted net and the
 * investor's total outcome payments — without building cash-flow tables. Same formulas as
 * businessCase()/settlement() (a test holds them equal); precomputes what does not depend on
 * the parameters.
 */
import type { Scenario } from '../scenario/schema.ts';
import { administrationIds } from '../scenario/schema.ts';
import type { ModelParameters } from './parameters.ts';
import { savingsProfile } from './business-case.ts';
import { achievedPerCohort, clampPayment } from '../settlement/settlement.ts';

export interface FastEvaluator {
  readonly totalNet: (p: ModelParameters) => number;
  readonly totalPayments: (p: ModelParameters) => number;
  readonly totalPrefinancing: number;
}

export function fastEvaluator(s: Scenario): FastEvaluator {
  const perYear = s.programme.groupsPerYear * s.programme.participantsPerGroup;
  const years = s.programme.years;
  const profile = savingsProfile(s);
  const groups = s.targetGroups.map((g) => {
    const parts = g.savingPerSuccess.byAdministration;
    const sum = parts.social + parts.health + parts.employment;
    return { id: g.id, share: g.share, split: administrationIds.map((a) => (sum === 0 ? 0 : parts[a] / sum)) };
  });
  const driver = administrationIds.map((a) => s.effects.find((e) => e.drives.includes(a))?.id ?? null);

  // Σ_y df(y) and Σ_y Σ_k w_k df(y + k): discounting is the same for every administration.
  // Cached for the last discount rate (the PSA keeps it fixed).
  let cachedRate = Number.NaN;
  let costWeight = 0;
  let savingWeight = 0;
  function weights(rate: number): void {
    if (rate === cachedRate) return;
    const v = 1 / (1 + rate);
    costWeight = 0;
    savingWeight = 0;
    for (let y = 1; y <= years; y++) {
      costWeight += v ** (y - 1);
      for (let k = 0; k < profile.length; k++) savingWeight += profile[k] * v ** (y - 1 + k);
    }
    cachedRate = rate;
  }

  function totalNet(p: ModelParameters): number {
    weights(p.discountRate);
    let perSuccess = 0;
    for (let a = 0; a < administrationIds.length; a++) {
      const e = driver[a];
      if (e === null) continue;
      let weighted = 0;
      for (const g of groups) weighted += g.share * p.savingTotals[g.id] * g.split[a];
      perSuccess += p.effectRates[e] * weighted;
    }
    return perYear * (perSuccess * savingWeight - p.costPerCitizen * costWeight);
  }

  function totalPayments(p: ModelParameters): number {
    let before = 0;
    for (const r of s.investor.rateCard) before += clampPayment(achievedPerCohort(r, p, perYear) * years * r.pricePerOutcome, r.floor, r.cap);
    return clampPayment(before, s.investor.floor, s.investor.cap);
  }

  return { totalNet, totalPayments, totalPrefinancing: perYear * years * s.investor.prefinancingPerCitizen };
}
