/**
 * The social-investment settlement ("no cure – no pay"): the investor pre-finances the course
 * per citizen in the course year; the municipality pays for documented outcomes by the rate
 * card (price × achieved outcomes per payment metric, "net" of the counterfactual or "gross"),
 * `paymentLagYears` after each cohort. Each metric's programme total is held within its own
 * [floor, cap], then the programme total within the investor's [floor, cap]; an adjustment is
 * spread over the payment years in proportion (evenly when nothing was due).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { ModelParameters } from '../model/parameters.ts';
import { baseParameters } from '../model/parameters.ts';
import { irr } from './irr.ts';

export interface InvestorYear {
  readonly year: number;
  readonly prefinancing: number;
  readonly outcomePayments: number;
  readonly net: number;
  readonly cumulative: number;
}

export interface RateCardPayment {
  readonly effect: string;
  readonly outcomes: number;
  readonly pricePerOutcome: number;
  readonly paymentsBeforeLimits: number;
  /** After this metric's own floor and cap (before the programme-wide limits). */
  readonly payments: number;
  readonly limitApplied: 'floor' | 'cap' | null;
}

export interface Settlement {
  readonly outcomesByMetric: Readonly<Record<string, number>>;
  /** One row per rate-card entry (added in economics.json 1.1.0). */
  readonly rateCard: readonly RateCardPayment[];
  readonly paymentsBeforeLimits: number;
  readonly totalPayments: number;
  readonly limitApplied: 'floor' | 'cap' | null;
  readonly totalPrefinancing: number;
  readonly investorReturn: number;
  /** Payments / prefinancing. */
  readonly multiple: number | null;
  readonly irr: number | null;
  readonly repaidInFull: boolean;
  readonly cashFlow: readonly InvestorYear[];
}

/** x held within [floor, cap]. */
export function clampPayment(x: number, floor: number, cap: number | undefined): number {
  const v = Math.max(x, floor);
  return cap === undefined ? v : Math.min(v, cap);
}

/** Outcomes one cohort achieves on a rate-card entry: negative achievement pays nothing (outcomes are counts). */
export function achievedPerCohort(r: Scenario['investor']['rateCard'][number], p: ModelParameters, perYear: number): number {
  const rate = p.effectRates[r.effect] + (r.basis === 'gross' ? r.counterfactualRate : 0);
  return Math.max(0, rate) * perYear;
}

const limitOf = (before: number, after: number): 'floor' | 'cap' | null => (after > before ? 'floor' : after < before ? 'cap' : null);

/** Scales yearly payments to a new total; evenly over the payment years when nothing was due. */
function rescale(pay: readonly number[], before: number, total: number, lag: number, years: number): number[] {
  if (before > 0) return pay.map((x) => (x * total) / before);
  return pay.map((_, i) => (i >= lag && i < years + lag ? total / years : 0));
}

export function settlement(s: Scenario, p: ModelParameters = baseParameters(s)): Settlement {
  const perYear = s.programme.groupsPerYear * s.programme.participantsPerGroup;
  const years = s.programme.years;
  const lag = s.investor.paymentLagYears;
  const lastYear = years + lag;
  const prefin = new Array<number>(lastYear).fill(0);
  for (let y = 1; y <= years; y++) prefin[y - 1] += perYear * s.investor.prefinancingPerCitizen;
  const outcomes: Record<string, number> = Object.create(null); // keyed by effect ids from the scenario
  let pay = new Array<number>(lastYear).fill(0);
  const rateCard: RateCardPayment[] = s.investor.rateCard.map((r) => {
    const achieved = achievedPerCohort(r, p, perYear);
    const entryPay = new Array<number>(lastYear).fill(0);
    for (let y = 1; y <= years; y++) entryPay[y - 1 + lag] += achieved * r.pricePerOutcome;
    outcomes[r.effect] = (outcomes[r.effect] ?? 0) + achieved * years;
    const before = achieved * years * r.pricePerOutcome;
    const after = clampPayment(before, r.floor, r.cap);
    const scaled = rescale(entryPay, before, after, lag, years);
    pay = pay.map((x, i) => x + scaled[i]);
    return { effect: r.effect, outcomes: achieved * years, pricePerOutcome: r.pricePerOutcome, paymentsBeforeLimits: before, payments: after, limitApplied: limitOf(before, after) };
  });
  const before = rateCard.reduce((a, r) => a + r.payments, 0);
  const total = clampPayment(before, s.investor.floor, s.investor.cap);
  let cumulative = 0;
  const cashFlow: InvestorYear[] = rescale(pay, before, total, lag, years).map((payment, i) => {
    const net = payment - prefin[i];
    cumulative += net;
    return { year: i + 1, prefinancing: prefin[i], outcomePayments: payment, net, cumulative };
  });
  const totalPrefinancing = prefin.reduce((a, b) => a + b, 0);
  return {
    outcomesByMetric: outcomes,
    rateCard,
    paymentsBeforeLimits: before,
    totalPayments: total,
    limitApplied: limitOf(before, total),
    totalPrefinancing,
    investorReturn: total - totalPrefinancing,
    multiple: totalPrefinancing > 0 ? total / totalPrefinancing : null,
    irr: irr(cashFlow.map((c) => c.net)),
    repaidInFull: total >= totalPrefinancing,
    cashFlow,
  };
}
