/**
 * Compiles an employment scenario into an ordinary economics scenario, and keeps the weekly
 * build-up for the output (docs/economics.md § 6). With s = intervention − counterfactual start
 * rate, N = citizens per year × years, and per participant Δw_off weeks off cash benefit and
 * Δw_work weeks in work gained over the horizon:
 *
 *   municipal saving per participant  M = Δw_off · Σ a_off + Δw_work · Σ a_work  (municipal components)
 *   saving per successful citizen      S = M / s                 (the model's savingPerSuccess; s · S = M)
 *   cost per participant               c = price · rate · N, held within the rate card's [floor, cap], / N
 *                                      (rate = the gross start rate for "gross" payments, s for "net"):
 *                                      the outcome payments the municipality expects to make, as the
 *                                      DSI base case counts the repayment to the investor in its cost
 *   investor                           pre-finances the investment amount / N per participant;
 *                                      paid price per start by the rate card, lagged
 *
 * All municipal savings are booked to the "employment" administration (the job centre's budget);
 * the state's parts (reimbursement of the benefit, state taxes) are reported beside, not counted.
 */
import type { Scenario, ScenarioInput, Distribution } from '../scenario/schema.ts';
import type { ScenarioProblem } from '../scenario/errors.ts';
import type { EmploymentScenario, WeeklyComponent } from './schema.ts';

/** Plain types (not zod-derived) so that the JSON Schema of economics.json can be generated from them. */
export interface ComponentSaving {
  readonly id: string;
  readonly name: { readonly da: string; readonly en: string };
  readonly per: 'week-off-benefit' | 'week-in-work';
  readonly payer: 'municipality' | 'state';
  readonly amount: number;
  /** Weeks gained per participant it applies to. */
  readonly weeks: number;
  /** amount × weeks: per participant over the horizon, undiscounted. */
  readonly perParticipant: number;
  readonly provenance: 'published' | 'derived' | 'assumed' | 'trial';
  readonly source: string;
}

export interface EmploymentBuildUp {
  readonly participants: number;
  readonly netStartRate: number;
  readonly components: readonly ComponentSaving[];
  /** Undiscounted savings per participant over the horizon, by payer. */
  readonly perParticipant: { readonly municipality: number; readonly state: number; readonly total: number };
  /** Municipal DKK per gained week, off benefit and in work. */
  readonly municipalPerWeek: { readonly offBenefit: number; readonly inWork: number };
  readonly savingPerSuccess: number;
  /** Expected municipal outcome payments per participant at the scenario's start rates. */
  readonly costPerParticipant: number;
  readonly prefinancingPerParticipant: number;
}

const sumAmounts = (s: EmploymentScenario, per: WeeklyComponent['per'], payer: WeeklyComponent['payer']) => s.components.filter((c) => c.per === per && c.payer === payer).reduce((a, c) => a + c.amount, 0);

export function buildUp(s: EmploymentScenario): EmploymentBuildUp {
  const n = s.programme.citizensPerYear * s.programme.years;
  const net = s.outcome.interventionRate - s.outcome.counterfactualRate;
  const weeksFor = (c: WeeklyComponent) => (c.per === 'week-off-benefit' ? s.weeks.offBenefit.value : s.weeks.inWork.value);
  const components = s.components.map((c): ComponentSaving => ({ id: c.id, name: c.name, per: c.per, payer: c.payer, amount: c.amount, weeks: weeksFor(c), perParticipant: c.amount * weeksFor(c), provenance: c.provenance, source: c.source }));
  const byPayer = (payer: WeeklyComponent['payer']) => components.filter((c) => c.payer === payer).reduce((a, c) => a + c.perParticipant, 0);
  const municipality = byPayer('municipality');
  const state = byPayer('state');
  const rate = s.rateCard.basis === 'gross' ? s.outcome.interventionRate : Math.max(0, net);
  const payments = Math.min(s.rateCard.cap ?? Infinity, Math.max(s.rateCard.floor, s.rateCard.pricePerStart * rate * n));
  return {
    participants: n,
    netStartRate: net,
    components,
    perParticipant: { municipality, state, total: municipality + state },
    municipalPerWeek: { offBenefit: sumAmounts(s, 'week-off-benefit', 'municipality'), inWork: sumAmounts(s, 'week-in-work', 'municipality') },
    savingPerSuccess: net > 0 ? municipality / net : Number.NaN,
    costPerParticipant: payments / n,
    prefinancingPerParticipant: s.investment.amount / n,
  };
}

/** Problems the employment scenario has before it can be compiled (paths in the employment file). */
export function checkEmploymentScenario(s: EmploymentScenario, file: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (path: string, value: unknown, message: string, fix: string) => problems.push({ file, path, value, message, fix });
  const b = buildUp(s);
  if (!(b.netStartRate > 0)) add('outcome', { interventionRate: s.outcome.interventionRate, counterfactualRate: s.outcome.counterfactualRate }, 'the start rate with the intervention is not above the counterfactual: the model has no saving per successful citizen', 'check the two rates (intervention first), or model the case as a cost without effect');
  if (b.perParticipant.municipality < 0) add('components', b.perParticipant.municipality, 'the municipal components and weeks give a loss per participant', 'check the signs of the weekly amounts and the weeks gained');
  if (s.horizonYears < s.programme.years) add('horizonYears', s.horizonYears, `the horizon is shorter than the programme (${s.programme.years} years)`, `set horizonYears to at least ${s.programme.years}`);
  if (s.savingsProfile) {
    if (s.savingsProfile.length !== s.horizonYears) add('savingsProfile', s.savingsProfile, `has ${s.savingsProfile.length} entries but the horizon is ${s.horizonYears} years`, 'give one share per horizon year');
    const sum = s.savingsProfile.reduce((a, x) => a + x, 0);
    if (Math.abs(sum - 1) > 1e-9) add('savingsProfile', sum, `yearly shares sum to ${sum}, not 1`, 'make the yearly shares add up to 1');
  }
  const ids = s.components.map((c) => c.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) add(`components[${i}].id`, id, 'the component id is used twice', 'give every component its own id');
  });
  if (!s.components.some((c) => c.payer === 'municipality')) add('components', null, 'no component is saved by the municipality', 'add the municipal parts (benefit, employment measures, municipal tax)');
  if (s.rateCard.cap !== undefined && s.rateCard.cap < s.rateCard.floor) add('rateCard.cap', s.rateCard.cap, `the cap is below the floor ${s.rateCard.floor}`, 'raise the cap or lower the floor');
  return problems;
}

/** The PSA's uncertainty of S when the scenario gives none: the weeks' SEs carried through M (delta method), as a gamma. */
function defaultSavingUncertainty(s: EmploymentScenario, b: EmploymentBuildUp): Distribution | undefined {
  const seOff = s.weeks.offBenefit.se;
  const seWork = s.weeks.inWork.se;
  if (seOff === undefined && seWork === undefined) return undefined;
  const sdM = Math.hypot(b.municipalPerWeek.offBenefit * (seOff ?? 0), b.municipalPerWeek.inWork * (seWork ?? 0));
  if (!(b.savingPerSuccess > 0) || sdM === 0) return undefined;
  return { type: 'gamma', mean: b.savingPerSuccess, sd: sdM / b.netStartRate };
}

function savingUncertainty(s: EmploymentScenario, b: EmploymentBuildUp): Distribution | undefined {
  if (!s.savingUncertainty) return defaultSavingUncertainty(s, b);
  if (!(b.savingPerSuccess > 0)) return undefined;
  return { type: s.savingUncertainty.type, mean: b.savingPerSuccess, sd: s.savingUncertainty.cv * b.savingPerSuccess };
}

export function compileEmploymentScenario(s: EmploymentScenario): { scenario: ScenarioInput; buildUp: EmploymentBuildUp } {
  const b = buildUp(s);
  const uncertainty = savingUncertainty(s, b);
  const scenario: ScenarioInput = {
    id: s.id,
    title: s.title,
    source: s.source,
    currency: 'DKK',
    programme: { groupsPerYear: 1, participantsPerGroup: s.programme.citizensPerYear, years: s.programme.years },
    horizonYears: s.horizonYears,
    ...(s.savingsProfile ? { savingsProfile: s.savingsProfile } : {}),
    discountRate: s.discountRate,
    costPerCitizen: b.costPerParticipant,
    targetGroups: [
      {
        id: 'participants',
        name: { da: 'Deltagere', en: 'Participants' },
        share: 1,
        savingPerSuccess: { total: b.savingPerSuccess, byAdministration: { social: 0, health: 0, employment: b.savingPerSuccess } },
        ...(uncertainty ? { savingUncertainty: uncertainty } : {}),
      },
    ],
    effects: [
      {
        id: s.outcome.id,
        name: s.outcome.name,
        rate: b.netStartRate,
        provenance: s.outcome.provenance,
        note: `${s.outcome.source} Net effect = ${s.outcome.interventionRate} − ${s.outcome.counterfactualRate}.`,
        ...(s.outcome.resultsMetric ? { resultsMetric: s.outcome.resultsMetric } : {}),
        drives: ['employment'],
        ...(s.outcome.se !== undefined ? { se: s.outcome.se } : {}),
      },
    ],
    investor: {
      prefinancingPerCitizen: b.prefinancingPerParticipant,
      rateCard: [{ effect: s.outcome.id, pricePerOutcome: s.rateCard.pricePerStart, basis: s.rateCard.basis, counterfactualRate: s.rateCard.basis === 'gross' ? s.outcome.counterfactualRate : 0 }],
      floor: s.rateCard.floor,
      ...(s.rateCard.cap !== undefined ? { cap: s.rateCard.cap } : {}),
      paymentLagYears: s.rateCard.paymentLagYears,
      note: `${s.investment.investor} pre-finances ${s.investment.amount} DKK. ${s.rateCard.source}`,
    },
    psa: s.psa,
  };
  return { scenario, buildUp: b };
}
