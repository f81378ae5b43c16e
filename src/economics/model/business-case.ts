/**
 * The municipal business case (SØM-style; formulas in docs/economics.md).
 *
 * N = groups/year × participants/group × years citizens, an equal cohort each course year y.
 * A citizen who achieves the effect saves S_g (target group g) over H years from the year the
 * citizen finishes, split over the years by the profile w_k and over administrations a by the
 * published parts (normalised to the published total, so the source's krone rounding is spread
 * proportionally). The saving counted per citizen is the net effect rate s_e of the effect that
 * drives administration a (success with the intervention minus the deadweight) times that saving.
 * Discounting to programme year 1 at rate r: factor (1 + r)^−(t − 1) for calendar year t.
 */
import type { AdministrationId, Scenario } from '../scenario/schema.ts';
import { administrationIds } from '../scenario/schema.ts';
import type { ModelParameters } from './parameters.ts';
import { baseParameters } from './parameters.ts';

export interface CashFlowYear {
  readonly year: number;
  readonly cost: number;
  readonly savings: Readonly<Record<AdministrationId, number>>;
  readonly net: number;
  readonly discountFactor: number;
  readonly netDiscounted: number;
  readonly cumulativeNetDiscounted: number;
}

export interface BusinessCase {
  readonly participants: number;
  readonly participantsPerYear: number;
  readonly costPerCitizen: number;
  readonly totalCost: number;
  /** Σ_g share_g × S_g: the saving per citizen who achieves the effect, undiscounted. */
  readonly weightedSavingPerSuccess: number;
  readonly weightedSavingPerSuccessByAdministration: Readonly<Record<AdministrationId, number>>;
  /** Effect-adjusted saving per citizen (discounted), total and by administration. */
  readonly savingPerCitizen: number;
  readonly savingPerCitizenByAdministration: Readonly<Record<AdministrationId, number>>;
  /** Cost per citizen, discounted the same way as the savings (equals costPerCitizen at r = 0). */
  readonly costPerCitizenDiscounted: number;
  readonly netPerCitizen: number;
  readonly totalNet: number;
  /** Net effect rate (all effects scaled together) at which the net result is 0. */
  readonly breakEvenEffectRates: Readonly<Record<string, number>> | null;
  /** Cost per citizen at which the net result is 0. */
  readonly breakEvenCostPerCitizen: number;
  /** First calendar year in which the cumulative discounted net is ≥ 0; null if never within the horizon. */
  readonly paybackYear: number | null;
  readonly cashFlow: readonly CashFlowYear[];
  readonly parameters: ModelParameters;
}

export function savingsProfile(s: Scenario): number[] {
  return s.savingsProfile ? [...s.savingsProfile] : Array.from({ length: s.horizonYears }, () => 1 / s.horizonYears);
}

function zeroByAdministration(): Record<AdministrationId, number> {
  return { social: 0, health: 0, employment: 0 };
}

/** Saving per successful citizen by administration, weighted over target groups, per unit of each effect. */
function savingPerSuccessByAdministration(s: Scenario, p: ModelParameters): Record<AdministrationId, number> {
  const out = zeroByAdministration();
  for (const g of s.targetGroups) {
    const parts = g.savingPerSuccess.byAdministration;
    const partSum = parts.social + parts.health + parts.employment;
    const total = p.savingTotals[g.id];
    if (partSum === 0) continue;
    for (const a of administrationIds) out[a] += g.share * total * (parts[a] / partSum);
  }
  return out;
}

function driverOf(s: Scenario): Record<AdministrationId, string | null> {
  const out: Record<AdministrationId, string | null> = { social: null, health: null, employment: null };
  for (const e of s.effects) for (const a of e.drives) out[a] = e.id;
  return out;
}

export function businessCase(s: Scenario, p: ModelParameters = baseParameters(s)): BusinessCase {
  const perYear = s.programme.groupsPerYear * s.programme.participantsPerGroup;
  const n = perYear * s.programme.years;
  const profile = savingsProfile(s);
  const weighted = savingPerSuccessByAdministration(s, p);
  const driver = driverOf(s);
  const lastYear = s.programme.years + s.horizonYears - 1;
  const df = (t: number) => (1 + p.discountRate) ** -(t - 1);

  const flows: { year: number; cost: number; savings: Record<AdministrationId, number> }[] = [];
  for (let t = 1; t <= lastYear; t++) flows.push({ year: t, cost: 0, savings: zeroByAdministration() });
  for (let y = 1; y <= s.programme.years; y++) {
    flows[y - 1].cost += perYear * p.costPerCitizen;
    for (let k = 0; k < s.horizonYears; k++) {
      for (const a of administrationIds) {
        const e = driver[a];
        if (e === null) continue;
        flows[y - 1 + k].savings[a] += perYear * p.effectRates[e] * weighted[a] * profile[k];
      }
    }
  }

  let cumulative = 0;
  let payback: number | null = null;
  const cashFlow: CashFlowYear[] = flows.map((f) => {
    const saving = f.savings.social + f.savings.health + f.savings.employment;
    const net = saving - f.cost;
    const d = df(f.year);
    cumulative += net * d;
    if (payback === null && cumulative >= 0 && f.year >= 1) payback = f.year;
    return { year: f.year, cost: f.cost, savings: f.savings, net, discountFactor: d, netDiscounted: net * d, cumulativeNetDiscounted: cumulative };
  });
  // Payback means the cumulative result stays non-negative from then on.
  if (payback !== null) {
    const later = cashFlow.filter((c) => c.year >= payback!);
    if (later.some((c) => c.cumulativeNetDiscounted < 0)) payback = null;
  }

  const byAdmDiscounted = zeroByAdministration();
  let costDiscounted = 0;
  for (const c of cashFlow) {
    costDiscounted += c.cost * c.discountFactor;
    for (const a of administrationIds) byAdmDiscounted[a] += c.savings[a] * c.discountFactor;
  }
  const savingPerCitizenByAdministration = zeroByAdministration();
  for (const a of administrationIds) savingPerCitizenByAdministration[a] = byAdmDiscounted[a] / n;
  const savingPerCitizen = (byAdmDiscounted.social + byAdmDiscounted.health + byAdmDiscounted.employment) / n;
  const costPerCitizenDiscounted = costDiscounted / n;
  const netPerCitizen = savingPerCitizen - costPerCitizenDiscounted;

  // Net is linear in the effect rates: scaling all rates by f scales the saving by f.
  let breakEven: Record<string, number> | null = null;
  if (savingPerCitizen !== 0) {
    const f = costPerCitizenDiscounted / savingPerCitizen;
    breakEven = Object.fromEntries(Object.entries(p.effectRates).map(([k, v]) => [k, v * f]));
  }
  // Cost enters once per citizen in the course year: break-even cost = saving / (discounted value of 1 krone of cost).
  const breakEvenCost = savingPerCitizen / costWeightAtUnit(s, p);

  return {
    participants: n,
    participantsPerYear: perYear,
    costPerCitizen: p.costPerCitizen,
    totalCost: n * p.costPerCitizen,
    weightedSavingPerSuccess: weighted.social + weighted.health + weighted.employment,
    weightedSavingPerSuccessByAdministration: weighted,
    savingPerCitizen,
    savingPerCitizenByAdministration,
    costPerCitizenDiscounted,
    netPerCitizen,
    totalNet: netPerCitizen * n,
    breakEvenEffectRates: breakEven,
    breakEvenCostPerCitizen: breakEvenCost,
    paybackYear: payback,
    cashFlow,
    parameters: p,
  };
}

/** Discounted cost per citizen when each citizen costs 1 krone. */
function costWeightAtUnit(s: Scenario, p: ModelParameters): number {
  let w = 0;
  for (let y = 1; y <= s.programme.years; y++) w += (1 + p.discountRate) ** -(y - 1);
  return w / s.programme.years;
}
