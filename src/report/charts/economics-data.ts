/**
 * The economics chart data in one shape: economics.json ≥ 1.1.0 carries it pre-aggregated
 * (`charts`, written by the economics layer); for 1.0.0 files it is read off the business case,
 * settlement, PSA histogram and tornado, which hold the same aggregates.
 */
import type { EconomicsResult } from '../../economics/run.ts';
import type { EconomicsCharts } from '../../economics/charts.ts';
import { administrationIds, type AdministrationId } from '../../economics/scenario/schema.ts';

export interface EconomicsChartData {
  readonly cumulative: ReadonlyArray<{ readonly payer: 'municipality' | 'investor'; readonly year: number; readonly value: number }>;
  readonly savings: ReadonlyArray<{ readonly administration: AdministrationId; readonly perCitizen: number }>;
  readonly bins: ReadonlyArray<{ readonly lower: number; readonly upper: number; readonly count: number }>;
  readonly probabilityNetSaving: number;
  readonly draws: number;
  readonly tornadoBase: number;
  readonly tornado: ReadonlyArray<{ readonly parameter: string; readonly label: { readonly da: string; readonly en: string }; readonly low: number; readonly high: number; readonly totalNetLow: number; readonly totalNetHigh: number }>;
}

export function economicsChartData(e: EconomicsResult): EconomicsChartData {
  const charts = (e as { charts?: EconomicsCharts }).charts;
  if (charts) {
    return {
      cumulative: charts.cumulativeCashFlow
        .filter((p): p is typeof p & { payer: 'municipality' | 'investor' } => p.payer === 'municipality' || p.payer === 'investor')
        .map((p) => ({ payer: p.payer, year: p.year, value: p.cumulativeDiscounted })),
      savings: charts.savingsByAdministration.map((s) => ({ administration: s.administration, perCitizen: s.perCitizen })),
      bins: charts.psaDistribution.bins,
      probabilityNetSaving: charts.psaDistribution.probabilityNetSaving,
      draws: charts.psaDistribution.draws,
      tornadoBase: charts.tornado.baseTotalNet,
      tornado: charts.tornado.rows,
    };
  }
  const h = e.psa.histogram;
  return {
    cumulative: [
      ...e.businessCase.cashFlow.map((y) => ({ payer: 'municipality' as const, year: y.year, value: y.cumulativeNetDiscounted })),
      ...e.settlement.cashFlow.map((y) => ({ payer: 'investor' as const, year: y.year, value: y.cumulative })),
    ],
    savings: administrationIds.map((a) => ({ administration: a, perCitizen: e.businessCase.savingPerCitizenByAdministration[a] })),
    bins: h.counts.map((count, i) => ({ lower: h.binEdges[i], upper: h.binEdges[i + 1], count })),
    probabilityNetSaving: e.psa.probabilityNetSaving,
    draws: e.psa.draws,
    tornadoBase: e.businessCase.totalNet,
    tornado: e.tornado,
  };
}
