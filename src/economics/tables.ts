/**
 * Economics results as rectangular tables (CSV/XLSX) and as chart data for the report:
 * cumulative cash flow by year and payer, savings by administration, the investor's rate card,
 * the tornado and the PSA histogram. Aggregates only.
 */
import { administrationIds } from './scenario/schema.ts';
import type { EconomicsResult } from './run.ts';
import type { Cell, FlatTable } from '../data/io/flat-table.ts';

export function summaryTable(r: EconomicsResult): FlatTable {
  const bc = r.businessCase;
  const rows: Cell[][] = [
    ['participants', bc.participants],
    ['cost_per_citizen', bc.costPerCitizenDiscounted],
    ['total_cost', bc.totalCost],
    ['weighted_saving_per_success', bc.weightedSavingPerSuccess],
    ['saving_per_citizen', bc.savingPerCitizen],
    ['net_per_citizen', bc.netPerCitizen],
    ['total_net', bc.totalNet],
    ...Object.entries(bc.breakEvenEffectRates ?? {}).map(([k, v]): Cell[] => [`break_even_effect_rate:${k}`, v]),
    ['break_even_cost_per_citizen', bc.breakEvenCostPerCitizen],
    ['payback_year', bc.paybackYear],
    ['discount_rate', r.scenario.discountRate],
    ['investor_prefinancing', r.settlement.totalPrefinancing],
    ['investor_outcome_payments', r.settlement.totalPayments],
    ['investor_return', r.settlement.investorReturn],
    ['investor_irr', r.settlement.irr],
    ['psa_draws', r.psa.draws],
    ['psa_probability_net_saving', r.psa.probabilityNetSaving],
    ['psa_probability_investor_repaid', r.psa.probabilityInvestorRepaid],
    ['psa_total_net_mean', r.psa.totalNet.mean],
    ['psa_total_net_lower_2_5', r.psa.totalNet.lower],
    ['psa_total_net_upper_97_5', r.psa.totalNet.upper],
  ];
  return { name: 'summary', columns: ['figure', 'value'], rows };
}

export function savingsByAdministrationTable(r: EconomicsResult): FlatTable {
  const rows: Cell[][] = r.scenario.targetGroups.map((g) => {
    const p = g.savingPerSuccess.byAdministration;
    const partSum = p.social + p.health + p.employment;
    return [g.id, g.share, g.savingPerSuccess.total, p.social, p.health, p.employment, partSum - g.savingPerSuccess.total];
  });
  const bc = r.businessCase;
  rows.push(['effect_adjusted_per_citizen', 1, bc.savingPerCitizen, ...administrationIds.map((a) => bc.savingPerCitizenByAdministration[a]), null]);
  return { name: 'savings_by_administration', columns: ['target_group', 'share', 'total', 'social', 'health', 'employment', 'source_rounding'], rows };
}

export function cashFlowTable(r: EconomicsResult): FlatTable {
  const inv = new Map(r.settlement.cashFlow.map((c) => [c.year, c]));
  const rows = r.businessCase.cashFlow.map((c) => [
    c.year, c.cost, c.savings.social, c.savings.health, c.savings.employment, c.net, c.discountFactor, c.cumulativeNetDiscounted,
    inv.get(c.year)?.prefinancing ?? 0, inv.get(c.year)?.outcomePayments ?? 0, inv.get(c.year)?.cumulative ?? null,
  ]);
  return {
    name: 'cash_flow',
    columns: ['year', 'municipal_cost', 'saving_social', 'saving_health', 'saving_employment', 'municipal_net', 'discount_factor', 'municipal_cumulative_discounted', 'investor_prefinancing', 'investor_outcome_payments', 'investor_cumulative'],
    rows,
  };
}

export function rateCardTable(r: EconomicsResult): FlatTable {
  return {
    name: 'rate_card',
    columns: ['effect', 'outcomes', 'price_per_outcome', 'payments_before_limits', 'payments', 'limit_applied'],
    rows: r.settlement.rateCard.map((c) => [c.effect, c.outcomes, c.pricePerOutcome, c.paymentsBeforeLimits, c.payments, c.limitApplied]),
  };
}

export function tornadoTable(r: EconomicsResult): FlatTable {
  return {
    name: 'tornado',
    columns: ['parameter', 'label_en', 'label_da', 'base', 'low', 'high', 'range_source', 'total_net_low', 'total_net_high', 'swing'],
    rows: r.tornado.map((t) => [t.parameter, t.label.en, t.label.da, t.base, t.low, t.high, t.rangeSource, t.totalNetLow, t.totalNetHigh, t.swing]),
  };
}

export function psaHistogramTable(r: EconomicsResult): FlatTable {
  const h = r.psa.histogram;
  return {
    name: 'psa_histogram',
    columns: ['bin_lower', 'bin_upper', 'count', 'share'],
    rows: h.counts.map((c, i) => [h.binEdges[i], h.binEdges[i + 1], c, c / r.psa.draws]),
  };
}

/** Employment scenarios: each weekly component with its weeks, saving per participant, payer and source. */
export function employmentComponentsTable(r: EconomicsResult): FlatTable | null {
  const e = r.employment;
  if (!e) return null;
  return {
    name: 'employment_components',
    columns: ['component', 'label_en', 'label_da', 'per', 'payer', 'amount_per_week', 'weeks_per_participant', 'saving_per_participant', 'provenance', 'source'],
    rows: e.buildUp.components.map((c) => [c.id, c.name.en, c.name.da, c.per, c.payer, c.amount, c.weeks, c.perParticipant, c.provenance, c.source]),
  };
}

export function employmentSummaryTable(r: EconomicsResult): FlatTable | null {
  const e = r.employment;
  if (!e) return null;
  const b = e.buildUp;
  const rows: Cell[][] = [
    ['participants', b.participants],
    ['start_rate_intervention', e.inputs.outcome.interventionRate],
    ['start_rate_counterfactual', e.inputs.outcome.counterfactualRate],
    ['net_start_rate_scenario', b.netStartRate],
    ['net_start_rate_used', e.netStartRateUsed],
    ['weeks_off_benefit_per_participant', e.weeksUsed.offBenefit],
    ['weeks_in_work_per_participant', e.weeksUsed.inWork],
    ['municipal_saving_per_week_off_benefit', b.municipalPerWeek.offBenefit],
    ['municipal_saving_per_week_in_work', b.municipalPerWeek.inWork],
    ['municipal_saving_per_participant_undiscounted', b.perParticipant.municipality],
    ['state_saving_per_participant_undiscounted', b.perParticipant.state],
    ['saving_per_additional_start', b.savingPerSuccess],
    ['expected_outcome_payments_per_participant', b.costPerParticipant],
    ['investment', e.inputs.investment.amount],
    ['price_per_start', e.inputs.rateCard.pricePerStart],
    ['break_even_weeks_off_benefit', e.breakEven.weeksOffBenefit],
    ['break_even_price_per_start_investor_repaid', e.breakEven.pricePerStartInvestorRepaid],
    ['break_even_net_start_rate_investor_repaid', e.breakEven.netStartRateInvestorRepaid],
  ];
  return { name: 'employment_summary', columns: ['figure', 'value'], rows };
}

export function economicsTables(r: EconomicsResult): FlatTable[] {
  const employment = [employmentSummaryTable(r), employmentComponentsTable(r)].filter((t): t is FlatTable => t !== null);
  return [summaryTable(r), savingsByAdministrationTable(r), cashFlowTable(r), rateCardTable(r), tornadoTable(r), psaHistogramTable(r), ...employment];
}
