/**
 * What `effekt run` does: the separate commands' work in one process, so the modules load and
 * compile once, the data is read and validated once (the analysis uses the validated trial),
 * and one Chromium, started at the beginning while the analysis runs (with its one tab opened
 * in advance), prints every PDF. Each report's
 * charts are drawn on the chart worker, and its PDF printed while its PNGs are rasterised; those
 * the analysis alone determines are drawn ahead, while the analysis is written and the economics
 * run (report/prewarm.ts).
 */
import { join } from 'node:path';
import { startImputationHelpers, stopImputationHelpers } from '../../stats/mi/fcs.ts';
import { specImputes } from '../../analysis/run/analysis-tasks.ts';
import { loadSpec } from '../../data/spec/load.ts';
import { loadTrial } from '../../instruments/load-trial.ts';
import { openPdfPrinter, type PdfPrinter } from '../../report/render/pdf.ts';
import { preloadSvgWorker, stopSvgWorker } from '../../report/render/svg-async.ts';
import { preloadPngWorker, stopPngWorker } from '../../report/render/png.ts';
import { chartPrewarmStats, clearPrewarmedCharts, prewarmReportCharts, stopChartWorkers } from '../../report/prewarm.ts';
import { resultsToJson } from '../../analysis/results/write-results.ts';
import { analyzeLoaded, parseSeed } from './analyze-action.ts';
import { runEconomicsCommand } from './economics-action.ts';
import { loadAnyScenario } from '../../economics/employment/load.ts';
import { checkLang, reportDate, reportInputs, writeReports } from './report-action.ts';
import { formatSummary } from './validate-action.ts';
import type { AnalysisResults } from '../../analysis/results/types.ts';
import type { EconomicsResult } from '../../economics/run.ts';
import { toJson } from '../../data/io/flat-table.ts';
import { createProgress } from '../ui/progress.ts';
import { printErr, printLines } from '../ui/terminal.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';

export interface RunCliOptions {
  readonly spec: string;
  readonly out: string;
  readonly scenario?: string;
  readonly lang: string;
  readonly seed: string;
  readonly date?: string;
  readonly pdf: boolean;
  readonly quiet?: boolean;
}

export async function runPipeline(data: string, opts: RunCliOptions): Promise<void> {
  // Every option is checked before any work starts.
  const seed = parseSeed(opts.seed);
  const langs = opts.lang.split(',').map((l) => l.trim()).filter((l) => l !== '').map(checkLang);
  const date = reportDate(opts.date);
  const dirs = { analysis: join(opts.out, 'analysis'), economics: join(opts.out, 'economics'), report: (lang: string) => join(opts.out, `report-${lang}`) };
  const economicsFile = opts.scenario ? join(dirs.economics, 'economics.json') : undefined;
  checkOutputLocation(dirs.analysis, { command: 'analyze', inputs: [data, opts.spec] });
  if (opts.scenario) checkOutputLocation(dirs.economics, { command: 'economics', inputs: [opts.scenario, dirs.analysis] });
  for (const lang of langs) checkOutputLocation(dirs.report(lang), { command: 'report', inputs: reportInputs({ results: dirs.analysis, economics: economicsFile }) });
  // A scenario that does not load is refused now, not after the analysis has run and been written.
  const scenario = opts.scenario ? loadAnyScenario(opts.scenario) : undefined;
  const progress = createProgress({ quiet: opts.quiet });

  let stage = progress.stage('validate');
  // The spec first (loadTrial would read it first too): the imputation helpers load while the
  // data are read and checked, when the plan imputes; otherwise no thread is started for them.
  const spec = loadSpec(opts.spec);
  if (specImputes(spec)) startImputationHelpers();
  // The chart and PNG workers load vega and resvg now (the chart worker may have been started
  // already, by run.ts), on a core the validation leaves free, rather than in the report phase,
  // where every core is busy (charts, PNGs, Chromium).
  if (langs.length > 0) {
    preloadSvgWorker();
    preloadPngWorker();
  }
  const trial = await loadTrial(data, spec, { keepItems: false });
  stage.end();
  // Chromium starts once the inputs are known to be good (it then launches while the analysis
  // runs): started before, a bad spec or data file waited 2–3 s for a browser it never used.
  const printer: PdfPrinter | undefined = opts.pdf && langs.length > 0 ? openPdfPrinter({ prints: langs.length }) : undefined;
  let prewarmed = 0;
  try {
    printLines(formatSummary(trial));

    // The report's charts that the analysis alone determines are drawn on the chart and PNG workers
    // while this thread writes the analysis and runs the economics (report/prewarm.ts): built
    // from the results as the report reads them back from results.json.
    // The economics' charts follow once the economics are computed, while economics/ is written.
    let resultsText: string | undefined;
    const early = (results: AnalysisResults) => {
      prewarmed = prewarmReportCharts(langs, () => (resultsText = resultsToJson(results)));
    };
    await analyzeLoaded(trial, data, opts.spec, dirs.analysis, seed, progress, early);
    // Each worker thread ends as soon as its part is done, its teardown beside the remaining work:
    // left to the process's exit, the threads were torn down one after another after the last
    // file was written (the chart worker alone ≈ 70–90 ms, the PNG worker ≈ 30–45 ms).
    const ended: Array<Promise<void>> = [stopImputationHelpers()]; // nothing is imputed after the analysis

    const economicsEarly = (economics: EconomicsResult) => {
      if (prewarmed > 0 && resultsText !== undefined) prewarmed += prewarmReportCharts(langs, () => resultsText!, () => toJson(economics));
    };
    if (opts.scenario) await runEconomicsCommand({ scenario: opts.scenario, results: dirs.analysis, out: dirs.economics }, progress, scenario, economicsEarly);

    stage = progress.stage('reports');
    stage.note(langs.join(', '));
    const onChartsDrawn = { svgs: () => void ended.push(stopSvgWorker()), pngs: () => void ended.push(stopPngWorker()) };
    const lines = await writeReports({ results: dirs.analysis, economics: economicsFile, langs, out: dirs.report, date, pdf: opts.pdf, printer, onChartsDrawn });
    for (const l of lines) printLines(l);
    stage.end(langs.join(', '));
    if (prewarmed > 0 && process.env.EFFEKT_DEBUG_PREWARM === '1') printErr(`prewarm: ${JSON.stringify(chartPrewarmStats())}\n`);
    await Promise.all(ended);
  } catch (e) {
    // Charts drawn ahead for reports that will not be written would hold the process open.
    if (prewarmed > 0) await stopChartWorkers();
    throw e;
  } finally {
    clearPrewarmedCharts();
    await printer?.close();
  }
}
