/**
 * The report's charts drawn ahead, for `effekt run`: once the analysis is final, the charts its
 * results already determine (every chart but the economics ones) are built exactly as the report
 * will build them — the same publish() of the results as written to results.json, with the
 * trial as published — and handed to the chart worker, each PNG to the PNG worker as soon as its
 * SVG is drawn. The main thread meanwhile writes the analysis and runs the economics, a second in
 * which those workers and the second core sat idle. When the report asks for its charts
 * (startChartFiles), a spec with the same text takes the drawing under way (render/prewarmed.ts);
 * a spec that came out differently — e.g. the economics changed a suppression — is drawn anew.
 * Nothing is written here, and nothing here can fail a run: an input the report will refuse is
 * left for the report to refuse, with its own message.
 */
import type { AnalysisResults, Lang } from '../analysis/results/types.ts';
import { reportSource } from './build-report.ts';
import { chartContext } from './charts/context.ts';
import { buildCharts } from './charts/index.ts';
import type { ChartDef } from './charts/types.ts';
import { chartWorkerRunning, clearPrewarmedSvgs, prewarmedSvgStats, prewarmSvg, stopSvgWorker } from './render/svg-async.ts';
import { clearPrewarmedPngs, prewarmedPngStats, prewarmPng, stopPngWorker } from './render/png.ts';
import type { PrewarmStats } from './render/prewarmed.ts';

/**
 * The charts the report of each language will draw from the results whose results.json holds
 * `resultsJson`, as far as the results alone determine them (no economics yet) — parsed here as
 * the report parses the file, not the analysis' own object (JSON writes NaN as null and leaves
 * undefined out), so the specs come out with the same text. Throws what reportSource throws.
 */
export function chartsAhead(resultsJson: string, langs: readonly Lang[]): ChartDef[] {
  // The report's own steps (readResultsFile, writeReports, reportPage): one publish for every language.
  const source = reportSource(JSON.parse(resultsJson) as AnalysisResults, null);
  return langs.flatMap((lang) => buildCharts(chartContext(source.results, null, lang, 'wide', source.model)));
}

/** Starts drawing each chart's SVG, and its PNG as soon as the SVG is drawn, ahead of their request. */
export function prewarmCharts(charts: readonly ChartDef[]): void {
  for (const c of charts) prewarmSvg(c.spec).then((r) => prewarmPng(r.svg)).catch(() => undefined);
}

/**
 * chartsAhead + prewarmCharts, for `effekt run` once the analysis is final. Returns how many
 * charts were handed over: 0 without the chart worker (drawn on this thread they would only
 * take its time), and 0 for results the report will refuse (it says why, with its own message).
 */
export function prewarmReportCharts(resultsJson: () => string, langs: readonly Lang[]): number {
  if (langs.length === 0 || !chartWorkerRunning()) return 0;
  let charts: ChartDef[];
  try {
    charts = chartsAhead(resultsJson(), langs);
  } catch {
    return 0;
  }
  prewarmCharts(charts);
  return charts.length;
}

export interface ChartPrewarmStats {
  readonly svg: PrewarmStats;
  readonly png: PrewarmStats;
}

export function chartPrewarmStats(): ChartPrewarmStats {
  return { svg: prewarmedSvgStats(), png: prewarmedPngStats() };
}

/** Forgets the prewarmed charts once the reports are written. */
export function clearPrewarmedCharts(): void {
  clearPrewarmedSvgs();
  clearPrewarmedPngs();
}

/**
 * For a run that failed after prewarmReportCharts: stops the chart and PNG workers, which would
 * otherwise hold the process open until they had drawn charts no report will use.
 */
export async function stopChartWorkers(): Promise<void> {
  clearPrewarmedCharts();
  await Promise.all([stopSvgWorker(), stopPngWorker()]);
}
