/**
 * The report's charts drawn ahead, for `effekt run`: once the analysis is final, the charts its
 * results already determine (every chart but the economics ones) are built exactly as the report
 * will build them — the same publish() of the results as written to results.json, with the
 * trial as published — and handed to the chart worker, each PNG to the PNG worker as soon as its
 * SVG is drawn. The main thread meanwhile writes the analysis and runs the economics, a second in
 * which those workers and the second core sat idle. Once the economics are computed, their
 * charts follow the same way, while economics/ is written and the report reads its inputs. When the report asks for its charts
 * (startChartFiles), a spec with the same text takes the drawing under way (render/prewarmed.ts);
 * a spec that came out differently — e.g. the economics changed a suppression — is drawn anew.
 * Nothing is written here, and nothing here can fail a run: an input the report will refuse is
 * left for the report to refuse, with its own message.
 */
import type { AnalysisResults, Lang } from '../analysis/results/types.ts';
import type { EconomicsResult } from '../economics/run.ts';
import { reportSource } from './build-report.ts';
import { chartContext } from './charts/context.ts';
import { buildCharts } from './charts/index.ts';
import type { ChartDef } from './charts/types.ts';
import { chartWorkerRunning, clearPrewarmedSvgs, prewarmedSvgStats, prewarmSvg, stopSvgWorker } from './render/svg-async.ts';
import { clearPrewarmedPngs, prewarmedPngStats, prewarmPng, stopPngWorker } from './render/png.ts';
import type { PrewarmStats } from './render/prewarmed.ts';

/**
 * The charts the report of each language will draw from the results whose results.json holds
 * `resultsJson` (and, once the economics have run, the economics whose economics.json holds
 * `economicsJson`; without them every chart but the economics ones) — parsed here as the report
 * parses the files, not the objects computed (JSON writes NaN as null and leaves undefined out),
 * so the specs come out with the same text. Throws what reportSource throws.
 */
export function chartsAhead(resultsJson: string, langs: readonly Lang[], economicsJson: string | null = null): ChartDef[][] {
  // The report's own steps (readResultsFile, writeReports, reportPage): one publish for every language.
  const economics = economicsJson === null ? null : (JSON.parse(economicsJson) as EconomicsResult);
  const source = reportSource(JSON.parse(resultsJson) as AnalysisResults, economics);
  return langs.map((lang) => buildCharts(chartContext(source.results, source.economics, lang, 'wide', source.model)));
}

/**
 * Starts drawing each chart's SVG, and its PNG as soon as the SVG is drawn, ahead of their
 * request. `rank`: the report's place in the run (0 the first): the chart worker draws a later
 * report's charts after an earlier one's, even those handed over later.
 */
export function prewarmCharts(charts: readonly ChartDef[], rank = 0): void {
  for (const c of charts) prewarmSvg(c.spec, rank).then((r) => prewarmPng(r.svg)).catch(() => undefined);
}

/**
 * chartsAhead + prewarmCharts, for `effekt run`: once the analysis is final, and again once the
 * economics are (the charts already handed over are not drawn again: same text). Returns how many
 * charts were handed over: 0 without the chart worker (drawn on this thread they would only take
 * its time), and 0 for inputs the report will refuse (it says why, with its own message).
 */
export function prewarmReportCharts(langs: readonly Lang[], resultsJson: () => string, economicsJson?: () => string): number {
  if (langs.length === 0 || !chartWorkerRunning()) return 0;
  let byLang: ChartDef[][];
  try {
    byLang = chartsAhead(resultsJson(), langs, economicsJson ? economicsJson() : null);
  } catch {
    return 0;
  }
  for (const [i, charts] of byLang.entries()) prewarmCharts(charts, i);
  return byLang.reduce((n, charts) => n + charts.length, 0);
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
