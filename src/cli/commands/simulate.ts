/**
 * `effekt simulate --seed <n> --out <file> [--cohort peer|peer-danish-locale|kolding] [--participants n]`:
 * writes a synthetic, seeded participant-level dataset (never real data).
 */
import type { Command } from 'commander';
import { printOut } from '../ui/terminal.ts';
import { checkOutputLocation, writeOutputFile } from '../../data/io/output-folder.ts';
import { DEFAULT_SEED } from '../../data/simulate/options.ts';
import { generate, recipe, type Cohort } from '../../data/simulate/write-twin.ts';
import { CliError } from '../errors.ts';
import { parsePositiveInt } from '../options.ts';

const cohorts: readonly Cohort[] = ['peer', 'peer-danish-locale', 'kolding'];

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Generate a seeded SYNTHETIC trial dataset shaped like PEER (or a new cohort); `simulate rollout` writes a synthetic roll-out')
    .argument('[dataset]', '"rollout": a synthetic roll-out (exports per municipality and period, spec and contract) into the folder --out')
    .requiredOption('--out <file>', 'CSV file to write (a folder for `simulate rollout`)')
    .option('--trial-results <file>', 'rollout: the trial results.json the contract benchmarks against', 'data-samples/rollout/trial-results.json')
    .option('--business-case <file>', 'rollout: the economics scenario for the municipal business case', 'data-samples/economics/dsi-three-payment-metrics.json')
    .option('--seed <n>', `random seed (default ${DEFAULT_SEED} for peer, 2025 for kolding)`)
    .option('--cohort <name>', `which dataset: ${cohorts.join(' | ')}`, 'peer')
    .option('--participants <n>', 'number of participants (default: 296 for peer, 80 for kolding, 20 for the Danish-locale excerpt)')
    .option('--force', 'replace --out if it exists (otherwise an existing file is refused: it may be real data)')
    .action(async (dataset: string | undefined, opts: { out: string; seed?: string; cohort: string; participants?: string; force?: boolean; trialResults: string; businessCase: string }) => {
      if (dataset === 'rollout') return (await import('./simulate-rollout.ts')).simulateRolloutCommand(opts);
      if (dataset !== undefined) throw new CliError(`unknown dataset "${dataset}": give none for a trial dataset (see --cohort), or "rollout"`);
      checkOutputLocation(opts.out, { command: 'simulate' }, 'file');
      if (!cohorts.includes(opts.cohort as Cohort)) throw new CliError(`--cohort must be one of ${cohorts.join(', ')}, got "${opts.cohort}"`);
      const seed = opts.seed === undefined ? undefined : parsePositiveInt(opts.seed, '--seed');
      const n = opts.participants === undefined ? undefined : parsePositiveInt(opts.participants, '--participants');
      if (n !== undefined && n < 4) throw new CliError(`--participants must be at least 4, got ${n}`);
      const { trial, written, bytes } = generate(recipe(opts.cohort as Cohort, seed, n));
      writeOutputFile(opts.out, bytes, { command: 'simulate', replace: opts.force === true });
      const arms = trial.participants.slice(0, written).reduce((a, p) => ((a[p.intervention ? 'PEER' : 'SAU'] += 1), a), { PEER: 0, SAU: 0 });
      printOut(`Wrote ${opts.out}: SYNTHETIC data, ${written} participants (PEER ${arms.PEER}, SAU ${arms.SAU}), seed ${trial.options.seed}\n`);
    });
}
