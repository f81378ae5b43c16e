/**
 * The investor's account and the municipality's business case, to date.
 *
 * Investor: pre-finances `prefinancingPerCitizen` for every citizen of a settled cohort, in the
 * period the citizen's group started; is repaid each settlement's payment `paymentLagPeriods`
 * periods after the settled period. Net flow per period f_t = repayment_t − prefinancing_t; return
 * to date Σ f_t; IRR per period r with Σ_t f_t (1 + r)^−t = 0 (src/economics irr), annualised as
 * (1 + r)^q − 1 with q periods a year. Null while the flows do not change sign.
 *
 * Municipality: the economics business case (src/economics) at the realised net effect rate of
 * each metric, (Σ achieved − Σ expected) / Σ citizens over the settled cohorts, and the cost
 * actually paid per citizen.
 */
import { irr } from '../../economics/settlement/irr.ts';
import { businessCase } from '../../economics/model/business-case.ts';
import { baseParameters } from '../../economics/model/parameters.ts';
import type { Scenario } from '../../economics/scenario/schema.ts';
import type { Period } from '../contract/schema.ts';
import { ore } from './engine.ts';

export interface InvestorFlow {
  readonly period: string;
  readonly prefinancing: number;
  readonly repayment: number;
  readonly net: number;
  readonly cumulative: number;
}

export interface InvestorAccount {
  readonly prefinancingPerCitizen: number;
  readonly citizens: number;
  readonly prefinanced: number;
  readonly repaid: number;
  readonly returnToDate: number;
  readonly multiple: number | null;
  readonly periodsPerYear: number;
  readonly irrPerPeriod: number | null;
  readonly irrAnnual: number | null;
  readonly flows: readonly InvestorFlow[];
}

export function periodsPerYear(periods: readonly Period[]): number {
  const lengths = periods.map((p) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000 + 1).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)];
  return Math.max(1, Math.round(365.25 / median));
}

export function investorAccount(
  periods: readonly Period[],
  /** Citizens of settled cohorts by the period their group started. */
  started: ReadonlyMap<string, number>,
  /** Payment of each settled period (latest version), by period. */
  payments: ReadonlyMap<string, number>,
  perCitizen: number,
  lag: number,
): InvestorAccount {
  const ids = periods.map((p) => p.id);
  const lastSettled = Math.max(-1, ...[...payments.keys()].map((p) => ids.indexOf(p)));
  const horizon = Math.max(lastSettled + lag, ...[...started.keys()].map((p) => ids.indexOf(p))) + 1;
  const flows: InvestorFlow[] = [];
  let cumulative = 0;
  let citizens = 0;
  for (let t = 0; t < horizon; t++) {
    const id = t < ids.length ? ids[t] : `${ids[ids.length - 1]}+${t - ids.length + 1}`;
    const n = t < ids.length ? (started.get(ids[t]) ?? 0) : 0;
    citizens += n;
    const prefinancing = ore(n * perCitizen);
    const paidFor = t - lag >= 0 && t - lag < ids.length ? ids[t - lag] : null;
    const repayment = paidFor === null ? 0 : (payments.get(paidFor) ?? 0);
    const net = ore(repayment - prefinancing);
    cumulative = ore(cumulative + net);
    flows.push({ period: id, prefinancing, repayment, net, cumulative });
  }
  const prefinanced = ore(flows.reduce((a, f) => a + f.prefinancing, 0));
  const repaid = ore(flows.reduce((a, f) => a + f.repayment, 0));
  const q = periodsPerYear(periods);
  const r = flows.some((f) => f.net > 0) && flows.some((f) => f.net < 0) ? irr(flows.map((f) => f.net)) : null;
  return {
    prefinancingPerCitizen: perCitizen, citizens, prefinanced, repaid, returnToDate: ore(repaid - prefinanced),
    multiple: prefinanced > 0 ? repaid / prefinanced : null, periodsPerYear: q, irrPerPeriod: r, irrAnnual: r === null ? null : (1 + r) ** q - 1, flows,
  };
}

export interface MunicipalCase {
  readonly scenario: string;
  readonly citizens: number;
  readonly paid: number;
  readonly costPerCitizen: number;
  /** Net effect rate per scenario effect: realised from the metric that maps to it, else the scenario's own (assumed). */
  readonly effectRates: ReadonlyArray<{ readonly effect: string; readonly metric: string | null; readonly rate: number; readonly source: 'realised' | 'scenario' }>;
  readonly savingPerCitizen: number;
  readonly netPerCitizen: number;
  readonly totalNet: number;
}

export function municipalCase(
  scenario: Scenario,
  citizens: number,
  paid: number,
  realised: ReadonlyArray<{ readonly metric: string; readonly effect: string | null; readonly achieved: number; readonly expected: number; readonly citizens: number }>,
): MunicipalCase | null {
  if (citizens === 0) return null;
  const base = baseParameters(scenario);
  const effectRates = scenario.effects.map((e) => {
    const r = realised.find((x) => x.effect === e.id && x.citizens > 0);
    return r ? { effect: e.id, metric: r.metric, rate: (r.achieved - r.expected) / r.citizens, source: 'realised' as const } : { effect: e.id, metric: null, rate: base.effectRates[e.id], source: 'scenario' as const };
  });
  const costPerCitizen = paid / citizens;
  const bc = businessCase(scenario, { ...base, costPerCitizen, effectRates: Object.fromEntries(effectRates.map((e) => [e.effect, e.rate])) });
  return {
    scenario: scenario.id, citizens, paid, costPerCitizen, effectRates,
    savingPerCitizen: bc.savingPerCitizen, netPerCitizen: bc.netPerCitizen, totalNet: bc.netPerCitizen * citizens,
  };
}
