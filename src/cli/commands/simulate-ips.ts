/**
 * `effekt simulate ips --seed <n> --out <file> [--participants n]`: the SYNTHETIC IPS twin — a
 * three-arm employment trial (IPS, IPSE, SAU) with weekly register statuses over 130 weeks in
 * long format, calibrated to the Danish IPS trial (docs/ips-twin.md). Imported only when run.
 */
import { checkOutputLocation, writeOutputFile } from '../../data/io/output-folder.ts';
import { generateIps, ipsRecipe } from '../../data/simulate/ips/write.ts';
import { IPS_DEFAULT_SEED } from '../../data/simulate/ips/options.ts';
import { CliError } from '../errors.ts';
import { parsePositiveInt } from '../options.ts';
import { printOut } from '../ui/terminal.ts';

export interface SimulateIpsOptions {
  readonly out: string;
  readonly seed?: string;
  readonly participants?: string;
  readonly force?: boolean;
}

export function simulateIpsCommand(opts: SimulateIpsOptions): void {
  checkOutputLocation(opts.out, { command: 'simulate ips' }, 'file');
  const seed = opts.seed === undefined ? IPS_DEFAULT_SEED : parsePositiveInt(opts.seed, '--seed');
  if (seed > 4_294_967_295) throw new CliError(`--seed must be at most 4294967295, got ${seed}`);
  const n = opts.participants === undefined ? undefined : parsePositiveInt(opts.participants, '--participants');
  if (n !== undefined && (n < 6 || n > 1_000_000)) throw new CliError(`--participants must be 6…1000000 for the IPS twin, got ${n}`);
  const { trial, bytes } = generateIps(ipsRecipe(seed, n));
  writeOutputFile(opts.out, bytes, { command: 'simulate ips', replace: opts.force === true });
  const counts = trial.options.arms.map((a) => `${a} ${trial.participants.filter((p) => p.arm === a).length}`).join(', ');
  printOut(`Wrote ${opts.out}: SYNTHETIC IPS register panel, ${trial.participants.length} participants (${counts}) × weeks 0–${trial.options.weeks}, seed ${seed}\n`);
}
