/**
 * `effekt rollout init | ingest | status | settle | report`: roll-out monitoring and payment
 * settlement in an embedded DuckDB store. This file only declares the commands; each action
 * lives in its own rollout-*.ts file and is imported when it runs, so DuckDB, the renderers and
 * exceljs load only for the roll-out command being used (and never for `effekt --help`).
 */
import type { Command } from 'commander';

const WAIT = ['--wait <seconds>', 'wait this long for another process holding the store (default 10)'] as const;

export function registerRollout(program: Command): void {
  const rollout = program
    .command('rollout')
    .description('Roll-out monitoring and "no cure – no pay" settlement per municipality, kept in one DuckDB store file');

  rollout
    .command('init')
    .description('Create a store holding the contract (metrics, prices, floors, caps, counterfactuals, periods)')
    .requiredOption('--store <file>', 'store file to create (never overwritten)')
    .requiredOption('--contract <file>', 'contract JSON (schemas/rollout-contract.schema.json)')
    .action(async (opts: { store: string; contract: string }) => (await import('./rollout-init.ts')).rolloutInit(opts));

  rollout
    .command('ingest')
    .description('Add municipal exports (CSV/XLSX, Danish locale) to the store: each file all or nothing, corrections audited')
    .argument('<files...>', 'export files, ingested in the order given')
    .requiredOption('--spec <file>', 'roll-out export spec (schemas/rollout-spec.schema.json)')
    .requiredOption('--store <file>', 'store file')
    .option(...WAIT)
    .option('-q, --quiet', 'no progress output')
    .action(async (files: string[], opts: { spec: string; store: string; wait?: string; quiet?: boolean }) => (await import('./rollout-ingest.ts')).rolloutIngest(files, opts));

  rollout
    .command('status')
    .description('Per municipality and period: groups, citizens, completeness, pre/post change, payment metrics vs the trial, funnel plot')
    .requiredOption('--store <file>', 'store file')
    .option('--municipality <name>', 'only this municipality (the funnel plot still shows all)')
    .option('--period <id>', 'only this period')
    .option('--json', 'print the status as JSON')
    .option('--out <dir>', 'also write status.json and the funnel plots (Vega-Lite, SVG, PNG) here')
    .option(...WAIT)
    .action(async (opts: { store: string; municipality?: string; period?: string; json?: boolean; out?: string; wait?: string }) => (await import('./rollout-status.ts')).rolloutStatus(opts));

  rollout
    .command('settle')
    .description('Settle one payment period: notes (afregning) in Danish and English as HTML, PDF, CSV and XLSX')
    .requiredOption('--store <file>', 'store file')
    .requiredOption('--period <id>', 'payment period of the contract')
    .requiredOption('--date <yyyy-mm-dd>', 'issue date printed on the notes')
    .requiredOption('--out <dir>', 'output folder for the notes')
    .option('--no-pdf', 'do not print the PDFs')
    .option(...WAIT)
    .action(async (opts: { store: string; period: string; date: string; out: string; pdf: boolean; wait?: string }) => (await import('./rollout-settle.ts')).rolloutSettle(opts));

  rollout
    .command('report')
    .description("The steering group's half-yearly status report per municipality, in Danish and English")
    .requiredOption('--store <file>', 'store file')
    .requiredOption('--period <id>', 'period the report covers (figures to date)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--date <yyyy-mm-dd>', 'report date (default: $SOURCE_DATE_EPOCH, else none)')
    .option('--no-pdf', 'do not print the PDFs')
    .option(...WAIT)
    .action(async (opts: { store: string; period: string; out: string; date?: string; pdf: boolean; wait?: string }) => (await import('./rollout-report.ts')).rolloutReport(opts));
}
