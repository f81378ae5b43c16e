/** The report layer's public API: build in memory, write all-or-nothing, and the pieces. */
export { buildReport, resolveReportDate, type BuiltReport, type ReportArtefact, type ReportOptions } from './build-report.ts';
export { writeReport, type WriteReportOptions, type WrittenReport } from './write-report.ts';
export { readResultsFile, readEconomicsFile, resultsSource, checkEconomicsLink, ReportInputError, type ReportInputProblem, type ResultsSource } from './load-inputs.ts';
export {
  buildCharts,
  chartBuilders,
  chartContext,
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
  breakEvenChart,
  armColours,
  colours,
  type ChartBuilder,
  type ChartContext,
  type ChartDef,
  type ChartLayout,
  type Comparison,
} from './charts/index.ts';
export { renderSvg } from './render/svg.ts';
export { renderPng } from './render/png.ts';
export { renderPdf, openPdfPrinter, stampPdfDates, chromiumAvailable, CHROMIUM_ARGS, CHROMIUM_PATH, PRINTER_PATH, type PdfOutcome, type PdfPrinter } from './render/pdf.ts';
export { catalogue, catalogues, i18n, isLang, type Messages, type I18n } from './i18n/index.ts';
export { createFormatter, type Formatter } from './i18n/format.ts';
export { suppressedCells, formatCountGroup, formatPart } from './privacy.ts';
