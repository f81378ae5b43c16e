/**
 * The report's chart data, pre-aggregated and in long form (one row per mark), so a chart
 * needs no arithmetic: the cumulative cash flow by year and payer, the effect-adjusted savings
 * by administration, the tornado around the base case, and the PSA distribution with
 * P(net saving > 0). Aggregates only — no PSA draws.
 */
import { administrationIds, type AdministrationId, type Scenario } from './scenario/schema.ts';
import type { BusinessCase } from './model/business-case.ts';
import type { Settlement } from './settlement/settlement.ts';
import type { PsaResult } from './psa/psa.ts';
import type { TornadoRow } from './psa/tornado.ts';

/** Who a cash-flow series belongs to: the municipality's net, the investor's net, or one administration's savings. */
export type Payer = 'municipality' | 'investor' | AdministrationId;

export interface CashFlowPoint {
  readonly year: number;
  readonly payer: Payer;
  /** The year's flow: municipality savings − cost; investor outcome payments − pre-financing; administration savings. */
  readonly flow: number;
  readonly cumulative: number;
  /** Cumulative at the scenario's discount rate (programme year 1 undiscounted). */
  readonly cumulativeDiscounted: number;
}

export interface AdministrationSaving {
  readonly administration: AdministrationId;
  /** Weighted saving per citizen who achieves the effect (undiscounted, over the horizon). */
  readonly perSuccess: number;
  /** Effect-adjusted saving per citizen (discounted). */
  readonly perCitizen: number;
  /** perCitizen × participants. */
  readonly total: number;
}

export interface EconomicsCharts {
  readonly cumulativeCashFlow: readonly CashFlowPoint[];
  readonly savingsByAdministration: readonly AdministrationSaving[];
  readonly tornado: {
    readonly baseTotalNet: number;
    readonly rows: ReadonlyArray<Pick<TornadoRow, 'parameter' | 'label' | 'low' | 'high' | 'totalNetLow' | 'totalNetHigh'>>;
  };
  readonly psaDistribution: {
    readonly draws: number;
    readonly bins: ReadonlyArray<{ readonly lower: number; readonly upper: number; readonly count: number; readonly share: number }>;
    readonly probabilityNetSaving: number;
    readonly probabilityInvestorRepaid: number;
    readonly mean: number;
    readonly lower: number;
    readonly upper: number;
  };
}

export function economicsCharts(s: Scenario, bc: BusinessCase, st: Settlement, psa: PsaResult, tornado: readonly TornadoRow[]): EconomicsCharts {
  const lastYear = Math.max(bc.cashFlow.length, st.cashFlow.length);
  const discount = (t: number) => (1 + s.discountRate) ** -(t - 1);
  const series = (payer: Payer, flowOf: (year: number) => number): CashFlowPoint[] => {
    let cumulative = 0;
    let cumulativeDiscounted = 0;
    return Array.from({ length: lastYear }, (_, i) => {
      const year = i + 1;
      const flow = flowOf(year);
      cumulative += flow;
      cumulativeDiscounted += flow * discount(year);
      return { year, payer, flow, cumulative, cumulativeDiscounted };
    });
  };
  const municipal = new Map(bc.cashFlow.map((c) => [c.year, c]));
  const investor = new Map(st.cashFlow.map((c) => [c.year, c]));
  const cumulativeCashFlow = [
    ...series('municipality', (y) => municipal.get(y)?.net ?? 0),
    ...series('investor', (y) => investor.get(y)?.net ?? 0),
    ...administrationIds.flatMap((a) => series(a, (y) => municipal.get(y)?.savings[a] ?? 0)),
  ];
  const h = psa.histogram;
  return {
    cumulativeCashFlow,
    savingsByAdministration: administrationIds.map((a) => ({
      administration: a,
      perSuccess: bc.weightedSavingPerSuccessByAdministration[a],
      perCitizen: bc.savingPerCitizenByAdministration[a],
      total: bc.savingPerCitizenByAdministration[a] * bc.participants,
    })),
    tornado: {
      baseTotalNet: bc.totalNet,
      rows: tornado.map((t) => ({ parameter: t.parameter, label: t.label, low: t.low, high: t.high, totalNetLow: t.totalNetLow, totalNetHigh: t.totalNetHigh })),
    },
    psaDistribution: {
      draws: psa.draws,
      bins: h.counts.map((count, i) => ({ lower: h.binEdges[i], upper: h.binEdges[i + 1], count, share: count / psa.draws })),
      probabilityNetSaving: psa.probabilityNetSaving,
      probabilityInvestorRepaid: psa.probabilityInvestorRepaid,
      mean: psa.totalNet.mean,
      lower: psa.totalNet.lower,
      upper: psa.totalNet.upper,
    },
  };
}
