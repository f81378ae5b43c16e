/**
 * The employment block of economics.json (1.2.0): the scenario's inputs with their sources, the
 * weekly build-up of the saving, and the break-even points a council asks about — how many weeks
 * off cash benefit per participant the municipality needs to break even, and at which price per
 * start (or start rate) the investor is repaid.
 */
import type { BusinessCase } from '../model/business-case.ts';
import type { Settlement } from '../settlement/settlement.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { EmploymentScenario } from './schema.ts';
import type { EmploymentBuildUp } from './compile.ts';

export interface EmploymentBreakEven {
  /** Weeks off cash benefit per participant at which the municipal net is 0 (weeks in work scaled with the start rate used); null when a week off benefit saves nothing. */
  readonly weeksOffBenefit: number | null;
  /** Price per start at which the outcome payments equal the investment (before floor and cap); null when no starts are paid for. */
  readonly pricePerStartInvestorRepaid: number | null;
  /** Net start rate (intervention − counterfactual) at which the payments at the scenario's price equal the investment; null when the cap stops it. */
  readonly netStartRateInvestorRepaid: number | null;
}

export interface EmploymentEconomics {
  readonly inputs: EmploymentScenario;
  readonly buildUp: EmploymentBuildUp;
  /** The net start rate the model used (the scenario's, or the trial's with --results). */
  readonly netStartRateUsed: number;
  /** The weeks gained per participant at that rate (the scenario's weeks × rate used / scenario rate). */
  readonly weeksUsed: { readonly offBenefit: number; readonly inWork: number };
  readonly breakEven: EmploymentBreakEven;
}

export function employmentEconomics(inputs: EmploymentScenario, b: EmploymentBuildUp, scenario: Scenario, bc: BusinessCase, st: Settlement): EmploymentEconomics {
  const rate = bc.parameters.effectRates[inputs.outcome.id] ?? b.netStartRate;
  const scale = rate / b.netStartRate;
  const weeksUsed = { offBenefit: inputs.weeks.offBenefit.value * scale, inWork: inputs.weeks.inWork.value * scale };
  // Discounting as a factor on the undiscounted municipal saving per participant at the rate used.
  const undiscounted = rate * b.savingPerSuccess;
  const kappa = undiscounted !== 0 ? bc.savingPerCitizen / undiscounted : Number.NaN;
  const aOff = b.municipalPerWeek.offBenefit;
  const weeksOffBenefit = aOff > 0 && Number.isFinite(kappa) && kappa > 0 ? (bc.costPerCitizenDiscounted / kappa - b.municipalPerWeek.inWork * weeksUsed.inWork) / aOff : null;
  const n = b.participants;
  const entry = scenario.investor.rateCard[0];
  const counterfactual = entry.basis === 'gross' ? entry.counterfactualRate : 0;
  const startsPerParticipant = Math.max(0, rate) + counterfactual;
  const price = inputs.rateCard.pricePerStart;
  const cap = Math.min(inputs.rateCard.cap ?? Infinity, scenario.investor.cap ?? Infinity);
  const amount = st.totalPrefinancing;
  return {
    inputs,
    buildUp: b,
    netStartRateUsed: rate,
    weeksUsed,
    breakEven: {
      weeksOffBenefit,
      pricePerStartInvestorRepaid: startsPerParticipant > 0 ? amount / (startsPerParticipant * n) : null,
      netStartRateInvestorRepaid: price > 0 && cap >= amount ? amount / (price * n) - counterfactual : null,
    },
  };
}
