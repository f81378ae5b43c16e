/** The report's charts in CONSORT order; a builder whose input is absent returns null and is left out. */
import type { ChartBuilder, ChartContext, ChartDef } from './types.ts';
import { consortChart } from './consort.ts';
import { primaryEmmChart } from './primary-emm.ts';
import { forestChart } from './forest.ts';
import { changeOverTimeChart } from './change-over-time.ts';
import { respondersChart } from './responders.ts';
import { sensitivityChart } from './sensitivity.ts';
import { subgroupChart } from './subgroups.ts';
import { cashFlowChart, psaChart, savingsChart, tornadoChart } from './economics.ts';

export const chartBuilders: readonly ChartBuilder[] = [
  consortChart,
  primaryEmmChart,
  forestChart,
  changeOverTimeChart,
  respondersChart,
  sensitivityChart,
  subgroupChart,
  cashFlowChart,
  savingsChart,
  psaChart,
  tornadoChart,
];

export function buildCharts(ctx: ChartContext): ChartDef[] {
  return chartBuilders.map((b) => b(ctx)).filter((c): c is ChartDef => c !== null);
}

export { consortChart, primaryEmmChart, forestChart, changeOverTimeChart, respondersChart, sensitivityChart, subgroupChart, cashFlowChart, savingsChart, psaChart, tornadoChart };
export { chartContext, mainRows, rowsAt, outcomeLabel } from './context.ts';
export { chartConfig, colours } from './theme.ts';
export type { ChartBuilder, ChartContext, ChartDef, ArmInfo } from './types.ts';
