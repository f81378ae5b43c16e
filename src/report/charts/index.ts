/**
 * The report's charts in report order; a builder whose input is absent returns null and is left
 * out. For synthetic data every chart carries the provenance note (provenance.ts).
 */
import type { ChartBuilder, ChartContext, ChartDef } from './types.ts';
import { consortChart } from './consort.ts';
import { primaryEmmChart } from './primary-emm.ts';
import { forestChart } from './forest.ts';
import { changeOverTimeChart } from './change-over-time.ts';
import { respondersChart } from './responders.ts';
import { sensitivityChart } from './sensitivity.ts';
import { subgroupChart } from './subgroups.ts';
import { cumulativeIncidenceChart, kaplanMeierChart } from './time-to-event.ts';
import { cashFlowChart, psaChart, savingsChart, tornadoChart } from './economics.ts';
import { breakEvenChart } from './break-even.ts';
import { withProvenanceNote } from './provenance.ts';
import { comparisonChartId, comparisonContexts } from './context.ts';

export const chartBuilders: readonly ChartBuilder[] = [
  consortChart,
  primaryEmmChart,
  forestChart,
  changeOverTimeChart,
  respondersChart,
  sensitivityChart,
  subgroupChart,
  kaplanMeierChart,
  cumulativeIncidenceChart,
  cashFlowChart,
  savingsChart,
  breakEvenChart,
  psaChart,
  tornadoChart,
];

/** Charts of one comparison's primary question: a k-arm trial gets one per comparison (context.ts comparisonContexts). */
const perComparison: ReadonlySet<ChartBuilder> = new Set([primaryEmmChart, forestChart, sensitivityChart]);

export function buildCharts(ctx: ChartContext): ChartDef[] {
  const each = comparisonContexts(ctx);
  const charts = chartBuilders
    .flatMap((b) => (perComparison.has(b) ? each.map(([, c], i) => withId(b(c), i)) : [b(ctx)]))
    .filter((c): c is ChartDef => c !== null);
  if (!ctx.synthetic) return charts;
  const note = ctx.t.msg.syntheticChartNote;
  return charts.map((c) => ({ ...c, spec: withProvenanceNote(c.spec, note, ctx.layout === 'narrow') }));
}

function withId(chart: ChartDef | null, index: number): ChartDef | null {
  return chart === null || index === 0 ? chart : { ...chart, id: comparisonChartId(chart.id, index) };
}

export { consortChart, primaryEmmChart, forestChart, changeOverTimeChart, respondersChart, sensitivityChart, subgroupChart, cashFlowChart, savingsChart, breakEvenChart, psaChart, tornadoChart };
export { chartContext, mainRows, rowsAt, outcomeLabel, comparisonOf } from './context.ts';
export { chartConfig, colours, armColours } from './theme.ts';
export type { ChartBuilder, ChartContext, ChartDef, ArmInfo, Comparison, ChartLayout } from './types.ts';
