/**
 * `effekt settlement-precision --contract <file> --municipality <id> --citizens <n> [--rate metric=share]
 * [--dropout p] [--amount DKK] [--draws D] [--seed s] [--json]`: how precise a municipality's
 * payment under a roll-out contract will be (src/rollout/precision).
 * Registration only; the work is in settlement-precision-action.ts, imported when it runs.
 */
import type { Command } from 'commander';
import type { PrecisionCliOptions } from './settlement-precision-action.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerSettlementPrecision(program: Command): void {
  program
    .command('settlement-precision')
    .description("Distribution of a municipality's payment under a roll-out contract for an expected volume (simulated through the settlement engine, and exactly), and P(payment > amount)")
    .requiredOption('--contract <file>', 'roll-out contract (JSON)')
    .requiredOption('--municipality <id>', 'the municipality, as named in the contract')
    .option('--citizens <n>', 'citizens over the whole contract, spread evenly over its periods')
    .option('--citizens-per-period <list>', 'or one number per contract period, comma-separated')
    .option('--rate <metric=share>', 'share achieving a payment metric with the course (default: the trial’s intervention arm); repeatable', collect)
    .option('--dropout <share>', 'share of citizens without a follow-up measurement (counts as not achieved; default 0)')
    .option('--amount <DKK>', 'report the probability that the total payment exceeds this amount')
    .option('--draws <D>', 'simulation draws (default 20000)')
    .option('--seed <n>', 'seed (default 2025)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: PrecisionCliOptions) => (await import('./settlement-precision-action.ts')).runSettlementPrecision(opts));
}
