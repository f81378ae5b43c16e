/** The work of `effekt simulate-power` (see simulate-power.ts for the options). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulatePower } from '../../analysis/power/simulate/run.ts';
import { simEstimators, type SimEstimator, type SimulatedPowerResult, type SimulationPowerOptions } from '../../analysis/power/simulate/options.ts';
import { CliError } from '../errors.ts';
import { parseNumberOption, parsePositiveInt } from '../options.ts';
import { createProgress } from '../ui/progress.ts';
import { printLines, printOut } from '../ui/terminal.ts';


export interface SimulatePowerCliOptions {
  source: string;
  spec?: string;
  outcome: string;
  visit?: string;
  n: string;
  delta?: string;
  dropout?: string;
  estimators?: string;
  resampleFrom?: string;
  replicates?: string;
  seed?: string;
  alpha?: string;
  miImputations?: string;
  threads?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The twin's own spec, shipped with effekt (the generator writes files in its layout). */
const twinSpec = () => join(fileURLToPath(new URL('../../../', import.meta.url)), 'data-samples', 'peer-trial.spec.json');

export function simulationOptions(o: SimulatePowerCliOptions): SimulationPowerOptions {
  const twin = o.source === 'twin';
  if (!twin && o.spec === undefined) throw new CliError('pilot data need --spec: the trial specification that reads them');
  const specFile = o.spec ?? twinSpec();
  const estimators = o.estimators?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const e of estimators ?? []) if (!simEstimators.includes(e as SimEstimator)) throw new CliError(`--estimators: "${e}" is not one of ${simEstimators.join(', ')}`);
  if (o.resampleFrom !== undefined && o.resampleFrom !== 'control' && o.resampleFrom !== 'all') throw new CliError(`--resample-from must be control or all, got "${o.resampleFrom}"`);
  if (twin && o.resampleFrom !== undefined) throw new CliError('--resample-from is for pilot data, not the twin');
  const seed = o.seed === undefined ? 2025 : parsePositiveInt(o.seed, '--seed');
  if (seed > 0xffffffff) throw new CliError(`--seed must be at most 4294967295, got ${seed}`);
  return {
    source: twin ? { kind: 'twin', specFile } : { kind: 'pilot', dataFile: o.source, specFile, resampleFrom: o.resampleFrom as 'control' | 'all' | undefined },
    outcome: o.outcome,
    visit: o.visit,
    nPerArm: parsePositiveInt(o.n, '--n'),
    delta: parseNumberOption(o.delta, '--delta') ?? null,
    dropout: parseNumberOption(o.dropout, '--dropout', true) ?? null,
    estimators: estimators as SimEstimator[] | undefined,
    replicates: o.replicates === undefined ? 1000 : parsePositiveInt(o.replicates, '--replicates'),
    seed,
    alpha: parseNumberOption(o.alpha, '--alpha', true),
    miImputations: o.miImputations === undefined ? undefined : parsePositiveInt(o.miImputations, '--mi-imputations'),
    threads: o.threads === undefined ? undefined : parsePositiveInt(o.threads, '--threads'),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

export function simulationSummaryLines(r: SimulatedPowerResult): string[] {
  const lines = [
    `Simulated power: ${r.outcome} at ${r.visit}, ${r.nPerArm} per arm, ${r.replicates} trials (seed ${r.seed}), α = ${r.alpha}`,
    `Method: ${r.method}`,
    `Missing at the visit: ${pct(r.meanMissing)} on average`,
  ];
  for (const e of r.estimators) {
    lines.push(`  ${e.estimator.padEnd(13)} power ${pct(e.power)} (Monte Carlo SE ${pct(e.mcse)}; 95 % ${pct(e.interval[0])} to ${pct(e.interval[1])}); favouring the intervention ${pct(e.powerFavouringIntervention)}`);
    lines.push(`  ${''.padEnd(13)} mean estimate ${num(e.meanEstimate)}, SD ${num(e.empiricalSd)}, mean SE ${num(e.meanSe)}; not estimable in ${e.notEstimable}`);
  }
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines;
}

export async function runSimulatePower(opts: SimulatePowerCliOptions): Promise<void> {
  const options = simulationOptions(opts);
  const stage = createProgress({ quiet: opts.quiet }).stage('simulated trials');
  const result = await simulatePower({ ...options, onProgress: stage.update });
  stage.end();
  if (opts.json) printOut(`${JSON.stringify(result, null, 2)}\n`);
  else printLines(simulationSummaryLines(result));
}
