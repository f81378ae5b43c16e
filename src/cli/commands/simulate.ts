/**
 * `effekt simulate --seed <n> --out <file> [--cohort peer|peer-danish-locale|kolding] [--participants n]`:
 * writes a synthetic, seeded participant-level dataset (never real data).
 */
import type { Command } from 'commander';
import { writeFileAtomic } from '../../data/io/write-atomic.ts';
import { DEFAULT_SEED } from '../../data/simulate/options.ts';
import { generate, recipe, type Cohort } from '../../data/simulate/write-twin.ts';
import { CliError } from '../errors.ts';
import { parsePositiveInt } from '../options.ts';

const cohorts: readonly Cohort[] = ['peer', 'peer-danish-locale', 'kolding'];

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Generate a seeded SYNTHETIC trial dataset shaped like PEER (or a new cohort)')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--seed <n>', `random seed (default ${DEFAULT_SEED} for peer, 2025 for kolding)`)
    .option('--cohort <name>', `which dataset: ${cohorts.join(' | ')}`, 'peer')
    .option('--participants <n>', 'number of participants (default: 296 for peer, 80 for kolding, 20 for the Danish-locale excerpt)')
    .action((opts: { out: string; seed?: string; cohort: string; participants?: string }) => {
      if (!cohorts.includes(opts.cohort as Cohort)) throw new CliError(`--cohort must be one of ${cohorts.join(', ')}, got "${opts.cohort}"`);
      const seed = opts.seed === undefined ? undefined : parsePositiveInt(opts.seed, '--seed');
      const n = opts.participants === undefined ? undefined : parsePositiveInt(opts.participants, '--participants');
      if (n !== undefined && n < 4) throw new CliError(`--participants must be at least 4, got ${n}`);
      const { trial, written, bytes } = generate(recipe(opts.cohort as Cohort, seed, n));
      writeFileAtomic(opts.out, bytes);
      const arms = trial.participants.slice(0, written).reduce((a, p) => ((a[p.intervention ? 'PEER' : 'SAU'] += 1), a), { PEER: 0, SAU: 0 });
      process.stdout.write(`Wrote ${opts.out}: SYNTHETIC data, ${written} participants (PEER ${arms.PEER}, SAU ${arms.SAU}), seed ${trial.options.seed}\n`);
    });
}
