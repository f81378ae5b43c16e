/**
 * `effekt analyze <data> --spec <spec> --out <dir> [--seed n]`: the ITT analysis, written as
 * results.json, results.csv, tables/*.csv and results.xlsx (all or nothing).
 */
import type { Command } from 'commander';
import { printOut } from '../ui/terminal.ts';
import { loadTrial } from '../../instruments/load-trial.ts';
import { runAnalysis } from '../../analysis/run/run-analysis.ts';
import { writeResults } from '../../analysis/results/write-results.ts';
import type { AnalysisResults } from '../../analysis/results/types.ts';
import { progressBar } from '../ui/progress.ts';
import { parsePositiveInt } from '../options.ts';
import { CliError } from '../errors.ts';
import { specRelative } from '../../data/spec/load.ts';
import { checkOutputLocation } from '../../data/io/output-folder.ts';

export function primaryLines(r: AnalysisResults): string[] {
  const lines: string[] = [];
  for (const o of r.outcomes.filter((x) => x.isPrimaryEstimator)) {
    const d = o.difference;
    if (!d) {
      lines.push(`  ${o.id.padEnd(8)} ${o.visit}: not estimable (${o.reason})`);
      continue;
    }
    const adj = o.multiplicity ? ` p(adj, ${o.multiplicity.family}) = ${d.pAdjusted.toPrecision(3)}` : '';
    lines.push(`  ${o.id.padEnd(8)} ${o.visit}: difference ${d.estimate.toFixed(2)} (${d.lower.toFixed(2)} to ${d.upper.toFixed(2)}), p = ${d.p.toPrecision(3)}${adj}, d = ${o.cohensD?.estimate.toFixed(2) ?? 'n/a'} [${o.role}]`);
  }
  return lines;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Run the intention-to-treat analysis declared in the spec and write results.json/.csv/.xlsx')
    .argument('<data>', 'data file (CSV or XLSX)')
    .requiredOption('--spec <file>', 'trial specification (JSON)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'seed for stochastic steps', '20201201')
    .action(async (data: string, opts: { spec: string; out: string; seed: string }) => {
      const seed = parsePositiveInt(opts.seed, '--seed');
      if (seed > 0xffffffff) throw new CliError(`--seed must be at most ${0xffffffff} (an unsigned 32-bit integer), got ${seed}`);
      // Refused before hours of computing, and again (with the plan file) when writing.
      checkOutputLocation(opts.out, { command: 'analyze', inputs: [data, opts.spec] });
      const trial = await loadTrial(data, opts.spec);
      const bar = progressBar('Outcomes');
      const results = runAnalysis(trial, { seed, onProgress: bar.update });
      bar.stop();
      const plan = typeof trial.spec.analysisPlan === 'string' ? [specRelative(trial.spec, trial.spec.analysisPlan)] : [];
      const files = await writeResults(opts.out, results, { inputs: [data, opts.spec, ...plan] });
      printOut(`${results.trial.title.en}\nPrimary-estimator results (intervention − control):\n${primaryLines(results).join('\n')}\n`);
      for (const w of results.warnings) printOut(`Note: ${w}\n`);
      printOut(`Wrote ${files.length} files to ${opts.out}\n`);
    });
}
