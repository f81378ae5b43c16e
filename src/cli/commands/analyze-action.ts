/** What `effekt analyze` does once its arguments are parsed (loaded only when the command runs). */
import { startImputationHelpers } from '../../stats/mi/fcs.ts';
import { specImputes } from '../../analysis/run/analysis-tasks.ts';
import { loadTrial, type LoadedTrial } from '../../instruments/load-trial.ts';
import { runAnalysis } from '../../analysis/run/run-analysis.ts';
import { writeResults } from '../../analysis/results/write-results.ts';
import type { AnalysisResults } from '../../analysis/results/types.ts';
import { createProgress, type Progress } from '../ui/progress.ts';
import { parsePositiveInt } from '../options.ts';
import { CliError } from '../errors.ts';
import { printLines } from '../ui/terminal.ts';
import { loadSpec, specRelative } from '../../data/spec/load.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';
import { publish } from '../../report/disclosure/publish.ts';
import { publishedTables } from '../../report/disclosure/publish-tables.ts';

export interface AnalyzeCliOptions {
  readonly spec: string;
  readonly out: string;
  readonly seed: string;
  readonly quiet?: boolean;
}

/**
 * "= 0.0123", or R's "< 2.2e-16" (format.pval's machine-epsilon floor) for p-values below it: at
 * registry scale a t of 80 has a tail that underflows to 0 in double precision, and "p = 0.00"
 * would read as an exact zero.
 */
export function pText(p: number): string {
  if (!Number.isFinite(p)) return '= n/a';
  return p < Number.EPSILON ? '< 2.2e-16' : `= ${p.toPrecision(3)}`;
}

export function primaryLines(r: AnalysisResults): string[] {
  const lines: string[] = [];
  const many = (r.comparisons?.length ?? 1) > 1;
  for (const o of r.outcomes.filter((x) => x.isPrimaryEstimator)) {
    const d = o.difference;
    const at = `  ${o.id.padEnd(8)} ${o.visit}${many ? ` (${o.comparison})` : ''}`;
    if (!d) {
      lines.push(`${at}: not estimable (${o.reason})`);
      continue;
    }
    const adj = o.multiplicity ? ` p(adj, ${o.multiplicity.family}) ${pText(d.pAdjusted)}` : '';
    const what = !o.measure || o.measure === 'mean-difference' ? 'difference' : o.measure.replace('-', ' ');
    const dText = !o.measure || o.measure === 'mean-difference' ? `, d = ${o.cohensD?.estimate.toFixed(2) ?? 'n/a'}` : '';
    lines.push(`${at}: ${what} ${d.estimate.toFixed(2)} (${d.lower.toFixed(2)} to ${d.upper.toFixed(2)}), p ${pText(d.p)}${adj}${dText} [${o.role}]`);
  }
  return lines;
}

/** The seed as the analysis takes it: a positive unsigned 32-bit integer (exit 2 otherwise). */
export function parseSeed(value: string): number {
  const seed = parsePositiveInt(value, '--seed');
  if (seed > 0xffffffff) throw new CliError(`--seed must be at most ${0xffffffff} (an unsigned 32-bit integer), got ${seed}. Fix: give a smaller seed, e.g. --seed 20201201`);
  return seed;
}

/**
 * Analyses a loaded trial (read from `data`), writes the results and prints the primary-estimator
 * lines. `onFinal` is given the results as soon as they are final, before they are written
 * (effekt run starts drawing the report's charts then).
 */
export async function analyzeLoaded(trial: LoadedTrial, data: string, specFile: string, out: string, seed: number, progress: Progress, onFinal?: (results: AnalysisResults) => void): Promise<AnalysisResults> {
  const stage = progress.stage('analyze');
  const results = runAnalysis(trial, { seed, onProgress: stage.update });
  // Before the tables are published: effekt run's chart worker starts drawing meanwhile, on the
  // core the imputation helper has left.
  onFinal?.(results);
  const plan = typeof trial.spec.analysisPlan === 'string' ? [specRelative(trial.spec, trial.spec.analysisPlan)] : [];
  // The CSV/XLSX tables are a published sink: rendered from the publishable model (counts of 1–4 "<5").
  const tables = publishedTables(publish(results));
  const files = await writeResults(out, results, { inputs: [data, specFile, ...plan], tables });
  stage.end(`${results.outcomes.length} result rows`);
  printLines([results.trial.title.en, 'Primary-estimator results (intervention − control; ratios intervention / control):', ...primaryLines(results), ...results.warnings.map((w) => `Note: ${w}`), `Wrote ${files.length} files to ${out}`]);
  return results;
}

export async function runAnalyze(data: string, opts: AnalyzeCliOptions): Promise<void> {
  const seed = parseSeed(opts.seed);
  // Refused before hours of computing, and again (with the plan file) when writing.
  checkOutputLocation(opts.out, { command: 'analyze', inputs: [data, opts.spec] });
  const progress = createProgress({ quiet: opts.quiet });
  const stage = progress.stage('validate');
  // The spec first (loadTrial would read it first too): the imputation helpers load while the
  // data are read and checked, when the plan imputes; otherwise no thread is started for them.
  const spec = loadSpec(opts.spec);
  if (specImputes(spec)) startImputationHelpers();
  const trial = await loadTrial(data, spec, { keepItems: false });
  stage.end();
  await analyzeLoaded(trial, data, opts.spec, opts.out, seed, progress);
}
