/**
 * The social-investment settlement ("no cure – no pay"): the investor pre-finances the course
 * per citizen in the course year; the municipality pays for documented outcomes by the rate
 * card (price × achieved outcomes per payment metric, "net" of the counterfactual or "gross"),
 * `paymentLagYears` after each cohort, with the programme total held within [floor, cap].
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

export interface Settlement {
  readonly outcomesByMetric: Readonly<Record<string, number>>;
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

export function settlement(s: Scenario, p: ModelParameters = baseParameters(s)): Settlement {
  const perYear = s.programme.groupsPerYear * s.programme.participantsPerGroup;
  const years = s.programme.years;
  const lag = s.investor.paymentLagYears;
  const lastYear = Math.max(years + lag, years);
  const prefin = new Array<number>(lastYear).fill(0);
  const pay = new Array<number>(lastYear).fill(0);
  const outcomes: Record<string, number> = {};
  for (let y = 1; y <= years; y++) {
    prefin[y - 1] += perYear * s.investor.prefinancingPerCitizen;
    for (const r of s.investor.rateCard) {
      const rate = p.effectRates[r.effect] + (r.basis === 'gross' ? r.counterfactualRate : 0);
      // Negative achievement pays nothing: outcomes are counts.
      const achieved = Math.max(0, rate) * perYear;
      outcomes[r.effect] = (outcomes[r.effect] ?? 0) + achieved;
      pay[y - 1 + lag] += achieved * r.pricePerOutcome;
    }
  }
  const before = pay.reduce((a, b) => a + b, 0);
  let total = Math.max(before, s.investor.floor);
  if (s.investor.cap !== undefined) total = Math.min(total, s.investor.cap);
  const limitApplied = total > before ? 'floor' : total < before ? 'cap' : null;
  // Spread a floor/cap adjustment over the payment years in proportion (or evenly if nothing was due).
  const scaled = before > 0 ? pay.map((x) => (x * total) / before) : pay.map((_, i) => (i >= lag && i < years + lag ? total / years : 0));
  let cumulative = 0;
  const cashFlow: InvestorYear[] = scaled.map((payment, i) => {
    const net = payment - prefin[i];
    cumulative += net;
    return { year: i + 1, prefinancing: prefin[i], outcomePayments: payment, net, cumulative };
  });
  const totalPrefinancing = prefin.reduce((a, b) => a + b, 0);
  return {
    outcomesByMetric: outcomes,
    paymentsBeforeLimits: before,
    totalPayments: total,
    limitApplied,
    totalPrefinancing,
    investorReturn: total - totalPrefinancing,
    multiple: totalPrefinancing > 0 ? total / totalPrefinancing : null,
    irr: irr(cashFlow.map((c) => c.net)),
    repaidInFull: total >= totalPrefinancing,
    cashFlow,
  };
}
