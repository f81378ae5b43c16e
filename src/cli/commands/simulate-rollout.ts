/**
 * `effekt simulate rollout --seed <n> --out <dir>`: the synthetic roll-out (exports per
 * municipality and period, a late and a corrected delivery, the roll-out spec, the contract,
 * the trial results it benchmarks against and the business-case scenario), written all or nothing.
 */
import { readFileSync } from 'node:fs';
import { writeOutputFiles } from '../../data/io/output-folder.ts';
import { simulateRollout } from '../../rollout/simulate/write-rollout.ts';
import { DEFAULT_ROLLOUT_SEED, sampleOptions } from '../../rollout/simulate/options.ts';
import { CliError } from '../errors.ts';
import { parsePositiveInt } from '../options.ts';
import { printOut } from '../ui/terminal.ts';

function read(file: string, option: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(`${option} ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Fix: run from the repository root or give ${option} <file>`);
  }
}

export async function simulateRolloutCommand(opts: { out: string; seed?: string; trialResults: string; businessCase: string }): Promise<void> {
  const seed = opts.seed === undefined ? DEFAULT_ROLLOUT_SEED : parsePositiveInt(opts.seed, '--seed');
  if (seed > 4_294_967_295) throw new CliError(`--seed must be at most 4294967295, got ${seed}`);
  const sim = await simulateRollout(sampleOptions(seed), { trialResults: read(opts.trialResults, '--trial-results'), businessCase: read(opts.businessCase, '--business-case') });
  const written = await writeOutputFiles(opts.out, sim.files, { command: 'simulate rollout' });
  const byKind = (k: string) => sim.deliveries.filter((d) => d.kind === k).map((d) => d.name);
  printOut(`Wrote ${written.files.length} files to ${opts.out}: SYNTHETIC roll-out, seed ${seed}, ${sim.options.municipalities.length} municipalities, ${sim.citizens.length} citizens, ${sim.deliveries.length} deliveries (late: ${byKind('late').join(', ') || 'none'}; corrected: ${byKind('corrected').join(', ') || 'none'})\n`);
}
