/** What `effekt simulate` (the twin-shaped dataset) does once its arguments are parsed. */
import { checkOutputLocation, writeOutputFile } from '../../data/io/output-folder.ts';
import { printOut } from '../ui/terminal.ts';
import { basename, dirname, join, resolve } from 'node:path';
import { generate, recipe, type Cohort } from '../../data/simulate/write-twin.ts';
import { streamable, streamTwin, type StreamedTwin } from '../../data/simulate/stream-twin.ts';
import { CliError } from '../errors.ts';
import { parsePositiveInt } from '../options.ts';
import { createProgress } from '../ui/progress.ts';

export const cohorts: readonly Cohort[] = ['peer', 'peer-danish-locale', 'kolding'];

export interface SimulateCliOptions {
  readonly out?: string;
  readonly seed?: string;
  readonly cohort: string;
  readonly participants?: string;
  readonly quiet?: boolean;
  readonly force?: boolean;
}

export function runSimulate(opts: SimulateCliOptions): void {
  if (opts.out === undefined) throw new CliError("required option '--out <file>' not specified. Fix: name the CSV file to write, e.g. --out twin.csv");
  checkOutputLocation(opts.out, { command: 'simulate' }, 'file');
  if (!cohorts.includes(opts.cohort as Cohort)) throw new CliError(`--cohort must be one of ${cohorts.join(', ')}, got "${opts.cohort}"`);
  const seed = opts.seed === undefined ? undefined : parsePositiveInt(opts.seed, '--seed');
  const n = opts.participants === undefined ? undefined : parsePositiveInt(opts.participants, '--participants');
  if (n !== undefined && n < 4) throw new CliError(`--participants must be at least 4, got ${n}. Fix: give 4 or more, e.g. --participants 80`);
  const stage = createProgress({ quiet: opts.quiet }).stage('simulate');
  const r = recipe(opts.cohort as Cohort, seed, n);
  let said: { written: number; peer: number; sau: number; seed: number };
  if (streamable(r)) {
    // Written as generated (the same bytes as generate()): N = 2,000,000 needs no more memory than N = 1,000.
    const abs = resolve(opts.out);
    const scratch = join(dirname(abs), `.${basename(abs)}.effekt-scratch-${process.pid}`);
    let s: StreamedTwin | null = null;
    writeOutputFile(opts.out, (write) => void (s = streamTwin(r, write, scratch)), { command: 'simulate', replace: opts.force === true });
    const done = s as StreamedTwin | null;
    said = { written: done!.written, peer: done!.intervention, sau: done!.control, seed: done!.seed };
  } else {
    const { trial, written, bytes } = generate(r);
    writeOutputFile(opts.out, bytes, { command: 'simulate', replace: opts.force === true });
    const arms = trial.participants.slice(0, written).reduce((a, p) => ((a[p.intervention ? 'PEER' : 'SAU'] += 1), a), { PEER: 0, SAU: 0 });
    said = { written, peer: arms.PEER, sau: arms.SAU, seed: trial.options.seed };
  }
  stage.end();
  printOut(`Wrote ${opts.out}: SYNTHETIC data, ${said.written} participants (PEER ${said.peer}, SAU ${said.sau}), seed ${said.seed}\n`);
}
