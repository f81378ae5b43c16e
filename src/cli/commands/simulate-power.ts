/**
 * `effekt simulate-power --source twin|<pilot data> --outcome <id> --n <per arm> [--delta x]
 * [--dropout p] [--estimators ancova,mmrm,...] [--replicates R] [--seed s] [--threads k] [--json]`:
 * power of the real analysis by simulation (src/analysis/power/simulate), with its Monte Carlo SE.
 * Registration only; the work is in simulate-power-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import type { SimulatePowerCliOptions } from './simulate-power-action.ts';

export function registerSimulatePower(program: Command): void {
  program
    .command('simulate-power')
    .description('Power of the real analysis (ANCOVA, MMRM, MI, …) by simulating trials from the twin generator or resampling pilot data')
    .requiredOption('--source <twin|file>', '"twin" for the twin generator, or a pilot data file (CSV/XLSX) read with --spec')
    .option('--spec <file>', 'trial specification (default for the twin: data-samples/peer-trial.spec.json)')
    .requiredOption('--outcome <id>', 'the outcome to power the trial for')
    .option('--visit <visit>', 'its visit (default: the outcome’s primary visit)')
    .requiredOption('--n <n>', 'participants per arm in each simulated trial')
    .option('--delta <x>', 'effect in outcome units added to the intervention arm at follow-up (twin default: the generator’s own effect)')
    .option('--dropout <share>', 'share without follow-up, completely at random, replacing the source’s own missing data (default: the source’s)')
    .option('--estimators <list>', 'comma-separated: ancova, complete-case, mmrm, mi-ancova, welch (default: the plan’s primary estimator)')
    .option('--resample-from <arms>', 'pilot: control | all (default control)')
    .option('--replicates <R>', 'simulated trials (default 1000)')
    .option('--seed <n>', 'seed (default 2025)')
    .option('--alpha <a>', 'significance level (default: the plan’s)')
    .option('--mi-imputations <m>', 'imputations per simulated trial for mi-ancova (default 20)')
    .option('--threads <k>', 'worker threads (default: every core; the result does not depend on it)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: SimulatePowerCliOptions) => (await import('./simulate-power-action.ts')).runSimulatePower(opts));
}
