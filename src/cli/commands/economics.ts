/**
 * `effekt economics --scenario <file> [--results <dir|results.json>] [--out <dir>]`:
 * the municipal business case, the investor settlement, the PSA and the tornado.
 * Registration only; the work is in economics-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import type { EconomicsCliOptions } from './economics-action.ts';

export function registerEconomics(program: Command): void {
  program
    .command('economics')
    .description('Municipal business case (SØM-style), social-investment settlement and probabilistic sensitivity analysis')
    .requiredOption('--scenario <file>', 'economics scenario (JSON)')
    .option('--results <path>', "folder or results.json from 'effekt analyze': take the effect rates from the trial")
    .option('--out <dir>', 'write economics.json, CSV tables and economics.xlsx here')
    .option('--draws <n>', 'PSA draws (default: the scenario’s, 10000)')
    .option('--seed <n>', 'PSA seed (default: the scenario’s)')
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: EconomicsCliOptions) => {
      await (await import('./economics-action.ts')).runEconomicsCommand(opts);
    });
}
