/**
 * `effekt simulate [dataset] --out <file> [--seed n] [--cohort peer|peer-danish-locale|kolding] [--participants n]`:
 * writes a synthetic, seeded dataset (never real data). Without `dataset`, a participant-level
 * trial dataset shaped like PEER (`--participants` scales it, up to registry size); other
 * datasets are named by the argument (`effekt simulate rollout --out <folder>`).
 *
 * Registration only. Adding a dataset: one entry in `datasets` (its options beside the others
 * below) whose function imports its work when it runs, so `effekt --help` loads none of it.
 */
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../../data/simulate/options.ts';
import { CliError } from '../errors.ts';
import type { SimulateCliOptions } from './simulate-action.ts';

interface SimulateOptions extends SimulateCliOptions {
  readonly out: string;
  readonly trialResults: string;
  readonly businessCase: string;
}

/** Datasets other than the trial twin, by the name given as `effekt simulate <name>`. */
const datasets: Readonly<Record<string, (opts: SimulateOptions) => Promise<unknown>>> = {
  rollout: async (opts) => (await import('./simulate-rollout.ts')).simulateRolloutCommand(opts),
  ips: async (opts) => (await import('./simulate-ips.ts')).simulateIpsCommand(opts),
};

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Generate a seeded SYNTHETIC trial dataset shaped like PEER (or a new cohort); `simulate rollout` writes a synthetic roll-out, `simulate ips` the IPS register panel')
    .argument('[dataset]', '"rollout": a synthetic roll-out (exports per municipality and period, spec and contract) into the folder --out; "ips": the three-arm IPS employment twin (weekly register statuses) into the CSV file --out')
    .requiredOption('--out <file>', 'CSV file to write (a folder for `simulate rollout`)')
    .option('--trial-results <file>', 'rollout: the trial results.json the contract benchmarks against', 'data-samples/rollout/trial-results.json')
    .option('--business-case <file>', 'rollout: the economics scenario for the municipal business case', 'data-samples/economics/dsi-three-payment-metrics.json')
    .option('--seed <n>', `random seed (default ${DEFAULT_SEED} for peer, 2025 for kolding)`)
    .option('--cohort <name>', 'which dataset: peer | peer-danish-locale | kolding', 'peer')
    .option('--participants <n>', 'number of participants (default: 296 for peer, 80 for kolding, 20 for the Danish-locale excerpt)')
    .option('--force', 'replace --out if it exists (otherwise an existing file is refused: it may be real data)')
    .option('-q, --quiet', 'no progress output')
    .action(async (dataset: string | undefined, opts: SimulateOptions) => {
      if (dataset === undefined) return (await import('./simulate-action.ts')).runSimulate(opts);
      const run = Object.hasOwn(datasets, dataset) ? datasets[dataset] : undefined;
      if (run === undefined) throw new CliError(`unknown dataset "${dataset}": give none for a trial dataset (see --cohort), or one of: ${Object.keys(datasets).join(', ')}`);
      await run(opts);
    });
}
