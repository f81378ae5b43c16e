/**
 * `effekt validate <data> --spec <spec>`: either every problem of the data, the spec and its
 * analysis plan (exit 2) or a summary — participants per arm × site, rows per visit, missingness
 * per outcome × visit, what the plan will estimate — and warnings (columns nothing uses).
 * Registration only; the work is in validate-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a data file against its trial spec and summarise it')
    .argument('<data>', 'data file (CSV or XLSX)')
    .requiredOption('--spec <file>', 'trial specification (JSON)')
    .option('-q, --quiet', 'no progress output')
    .action(async (data: string, opts: { spec: string; quiet?: boolean }) => (await import('./validate-action.ts')).runValidate(data, opts));
}
