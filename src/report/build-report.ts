/**
 * The report pipeline, in memory: results (+ economics) + language
 *   → chart context → chart specs (charts/; wide, and narrow for phones) → SVG (vega) → PNG
 *   (resvg) → HTML page (html/) → a list of artefacts (name + content), and the page Chromium
 *   prints (the HTML page with the SVGs inline, no script; not an artefact). Nothing is written
 *   here; write-report.ts does that. The exported chart files are the wide specs.
 * Deterministic: no clock, no randomness — same inputs and date give byte-identical artefacts.
 */
import type { AnalysisResults, Lang } from '../analysis/results/types.ts';
import { publishedTrial } from './privacy.ts';
import type { EconomicsResult } from '../economics/run.ts';
import { chartContext } from './charts/context.ts';
import { buildCharts } from './charts/index.ts';
import type { ChartDef } from './charts/types.ts';
import { renderSvgAsync } from './render/svg-async.ts';
import { renderPngAsync } from './render/png.ts';
import { publish, type PublishableModel } from './disclosure/publish.ts';
import { vendorScripts } from './render/vendor.ts';
import { pageParts, renderPage, renderPrintPage } from './html/page.ts';
import { pageModel } from './html/model.ts';
import { checkEconomicsLink } from './load-inputs.ts';

export interface ReportOptions {
  readonly lang: Lang;
  /** Report date as YYYY-MM-DD; null or absent: no date is printed (never the wall clock). */
  readonly date?: string | null;
  /** Render PNGs (default true); the bench and some tests switch it off. */
  readonly png?: boolean;
}

export interface ReportArtefact {
  /** Path relative to the report folder. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

export interface BuiltReport {
  readonly lang: Lang;
  readonly date: string | null;
  readonly charts: readonly ChartDef[];
  readonly artefacts: readonly ReportArtefact[];
  /** Vega-Lite compiler notes, by chart. */
  readonly warnings: readonly string[];
  /** The page Chromium prints to report.pdf (index.html with the SVGs in place and no script); not an artefact. */
  readonly printPage?: string;
}

/** The date the report prints: --date, else SOURCE_DATE_EPOCH (reproducible-builds convention), else none. */
export function resolveReportDate(option: string | null | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  if (option) return option;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return null;
}

/**
 * What every language of a report renders from, made once: the trial as published and the
 * publishable model (disclosure control applied once, for every sink and language).
 */
export interface ReportSource {
  readonly results: AnalysisResults;
  readonly economics: EconomicsResult | null;
  readonly model: PublishableModel;
}

export function reportSource(input: AnalysisResults, economics: EconomicsResult | null): ReportSource {
  const results: AnalysisResults = { ...input, trial: publishedTrial(input.trial) };
  // The file hash is checked where the file is read (CLI); here at least the trial must match.
  if (economics) checkEconomicsLink(economics, results, null);
  return { results, economics, model: publish(results, economics) };
}

/** One language's page and chart specs; the chart files (SVG, PNG) come from chartFiles(). */
export interface ReportPage {
  readonly lang: Lang;
  readonly date: string | null;
  /** The wide specs: the exported chart files. */
  readonly charts: readonly ChartDef[];
  readonly html: ReportArtefact;
  /** The page Chromium prints (renderPrintPage), from the charts' SVGs by id; never written. */
  readonly printPage: (svgs: ReadonlyMap<string, string>) => string;
}

export function reportPage(source: ReportSource, options: ReportOptions): ReportPage {
  const { results, economics, model } = source;
  const ctx = chartContext(results, economics, options.lang, 'wide', model);
  const date = options.date ? ctx.t.fmt.date(options.date) : null;
  const charts = buildCharts(ctx);
  const narrow = buildCharts(chartContext(results, economics, options.lang, 'narrow', model));
  const parts = pageParts(pageModel(ctx, charts, narrow, date));
  const html = renderPage(parts, vendorScripts());
  return { lang: options.lang, date: options.date ?? null, charts, html: { name: 'index.html', content: html }, printPage: (svgs) => renderPrintPage(parts, svgs) };
}

export interface ChartFiles {
  readonly artefacts: readonly ReportArtefact[];
  /** Vega-Lite compiler notes, by chart. */
  readonly warnings: readonly string[];
}

/** The charts drawn as SVG, by id (what the print page shows). */
export interface DrawnCharts {
  readonly svgs: ReadonlyMap<string, string>;
  /** Vega-Lite compiler notes, by chart. */
  readonly warnings: readonly string[];
}

export interface ChartJob {
  /** Settles when every SVG is drawn: the print page can be made, while the PNGs are still rasterised. */
  readonly drawn: Promise<DrawnCharts>;
  /** Each chart's Vega-Lite spec, SVG and PNG, in chart order. */
  readonly files: Promise<ChartFiles>;
}

/**
 * Draws the charts: the SVGs one after another (on the chart worker when there is one,
 * svg-async.ts; charts asked for later, e.g. another language's, are drawn after these); each
 * PNG is rasterised off the main thread (renderPngAsync) from the moment its SVG is drawn.
 */
export function startChartFiles(charts: readonly ChartDef[], options: Pick<ReportOptions, 'png'> = {}): ChartJob {
  const parts: Array<Promise<ReportArtefact[]>> = [];
  const rendering = charts.map((c) => renderSvgAsync(c.spec));
  for (const r of rendering) r.catch(() => undefined); // awaited below, in order
  const drawn = (async (): Promise<DrawnCharts> => {
    const warnings: string[] = [];
    const svgs = new Map<string, string>();
    for (const [i, c] of charts.entries()) {
      const { svg, warnings: w } = await rendering[i];
      for (const x of w) warnings.push(`${c.id}: ${x}`);
      svgs.set(c.id, svg);
      const fixed: ReportArtefact[] = [
        { name: `charts/${c.id}.vl.json`, content: `${JSON.stringify(c.spec, null, 2)}\n` },
        { name: `charts/${c.id}.svg`, content: svg },
      ];
      if (options.png === false) parts.push(Promise.resolve(fixed));
      else {
        const png = renderPngAsync(svg).then((content) => [...fixed, { name: `charts/${c.id}.png`, content }]);
        png.catch(() => undefined); // awaited below, in order
        parts.push(png);
      }
    }
    return { svgs, warnings: [...new Set(warnings)] };
  })();
  const files = drawn.then(async ({ warnings }) => {
    const artefacts: ReportArtefact[] = [];
    for (const p of parts) artefacts.push(...(await p));
    return { artefacts, warnings };
  });
  drawn.catch(() => undefined); // reported through `files` too
  files.catch(() => undefined); // the caller awaits it (or drops the report)
  return { drawn, files };
}

export async function chartFiles(charts: readonly ChartDef[], options: Pick<ReportOptions, 'png'> = {}): Promise<ChartFiles> {
  return startChartFiles(charts, options).files;
}

export async function buildReport(input: AnalysisResults, economics: EconomicsResult | null, options: ReportOptions): Promise<BuiltReport> {
  const page = reportPage(reportSource(input, economics), options);
  const job = startChartFiles(page.charts, options);
  const files = await job.files;
  const printPage = page.printPage((await job.drawn).svgs);
  return { lang: page.lang, date: page.date, charts: page.charts, artefacts: [page.html, ...files.artefacts], warnings: files.warnings, printPage };
}
