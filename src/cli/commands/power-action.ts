/** What `effekt power` does once its options are parsed (loaded only when the command runs). */
import { planPower } from '../../stats/power/plan.ts';
import { powerDesigns, type PowerInput, type PowerResult } from '../../stats/power/types.ts';
import { StatsError } from '../../stats/errors.ts';
import { CliError } from '../errors.ts';
import { parseNumberOption } from '../options.ts';
import { powerSummaryLines } from './power-text.ts';
import { printErr, printLines, printOut } from '../ui/terminal.ts';
import { writePowerOutputs } from '../../report/power/write.ts';
import { trialDefaults } from '../../analysis/power/trial-defaults.ts';
import { applyTrialDefaults, type TrialProvenance } from '../../analysis/power/apply-defaults.ts';

export interface PowerCliOptions {
  design?: string;
  effectSize?: string;
  delta?: string;
  sd?: string;
  power?: string;
  n?: string;
  mde?: boolean;
  alpha?: string;
  alternative?: string;
  ratio?: string;
  dropout?: string;
  icc?: string;
  clusterSize?: string;
  clusterArms?: string;
  rho?: string;
  controlRate?: string;
  interventionRate?: string;
  method?: string;
  dispersion?: string;
  exposure?: string;
  nbApproach?: string;
  direction?: string;
  results?: string;
  out?: string;
  outcome?: string;
  visit?: string;
  expectedChange?: string;
  benchmark?: string;
  json?: boolean;
}

/** The flag a user types for each field of PowerInput (errors from the numerics name the field). */
export const flagOf: Readonly<Record<string, string>> = {
  expectedChange: '--expected-change', benchmark: '--benchmark',
  design: '--design', effectSize: '--effect-size', delta: '--delta', sd: '--sd', power: '--power', n: '--n', alpha: '--alpha',
  alternative: '--alternative', ratio: '--ratio', dropout: '--dropout', icc: '--icc', clusterSize: '--cluster-size', clusterArms: '--cluster-arms',
  rho: '--rho', controlRate: '--control-rate', interventionRate: '--intervention-rate', method: '--method', dispersion: '--dispersion',
  exposure: '--exposure', nbApproach: '--nb-approach', direction: '--direction', tol: '--tol',
};


function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new CliError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function powerInputFromOptions(o: PowerCliOptions): PowerInput {
  if (o.design === undefined) throw new CliError(`--design is required: one of ${powerDesigns.join(', ')}`);
  const design = oneOf(o.design, '--design', powerDesigns) as PowerInput['design'];
  if (o.expectedChange !== undefined && design !== 'single-arm') throw new CliError('--expected-change is for --design single-arm (a cohort without a control arm)');
  if (o.expectedChange !== undefined && (o.effectSize !== undefined || o.delta !== undefined)) throw new CliError('give the effect once: --expected-change (with a benchmark) or --delta/--effect-size');
  if (o.outcome !== undefined && o.results === undefined) throw new CliError('--outcome names an outcome of a trial: give --results too');
  if (o.results !== undefined && o.outcome === undefined) throw new CliError('--results needs --outcome <id>: the outcome whose SD, ρ, dropout and control rate to use');
  const effectGiven = o.effectSize !== undefined || o.delta !== undefined || o.interventionRate !== undefined || o.expectedChange !== undefined;
  if (o.mde && effectGiven) throw new CliError('--mde solves for the effect: leave out --effect-size, --delta, --intervention-rate and --expected-change');
  const solving = [o.power === undefined ? '--power' : null, o.n === undefined ? '--n' : null, !effectGiven && !o.mde ? 'the effect' : null].filter((x) => x !== null);
  if (!effectGiven && !o.mde) throw new CliError('give the effect (--effect-size, or --delta with --sd), or --mde with --n and --power to solve for the minimum detectable effect');
  if (solving.length === 0 && !o.mde) throw new CliError('--power, --n and the effect are all given: leave out the one to solve for (--power to get the power, --n to get the sample size)');
  if (o.mde && (o.n === undefined || o.power === undefined)) throw new CliError('--mde needs both --n and --power');
  const nbApproach = oneOf(o.nbApproach, '--nb-approach', ['1', '2', '3'] as const);
  return {
    design,
    effectSize: parseNumberOption(o.effectSize, '--effect-size') ?? null,
    delta: parseNumberOption(o.delta, '--delta') ?? null,
    interventionRate: parseNumberOption(o.interventionRate, '--intervention-rate', true) ?? null,
    sd: parseNumberOption(o.sd, '--sd'),
    power: parseNumberOption(o.power, '--power', true) ?? null,
    n: parseNumberOption(o.n, '--n') ?? null,
    alpha: parseNumberOption(o.alpha, '--alpha', true),
    alternative: oneOf(o.alternative, '--alternative', ['two.sided', 'one.sided'] as const),
    ratio: parseNumberOption(o.ratio, '--ratio'),
    dropout: parseNumberOption(o.dropout, '--dropout', true),
    icc: parseNumberOption(o.icc, '--icc'),
    clusterSize: parseNumberOption(o.clusterSize, '--cluster-size'),
    clusterArms: oneOf(o.clusterArms, '--cluster-arms', ['both', 'intervention'] as const),
    rho: parseNumberOption(o.rho, '--rho'),
    controlRate: parseNumberOption(o.controlRate, '--control-rate', design !== 'negative-binomial'),
    method: oneOf(o.method, '--method', ['arcsine', 'pooled-z'] as const),
    dispersion: parseNumberOption(o.dispersion, '--dispersion'),
    exposure: parseNumberOption(o.exposure, '--exposure'),
    nbApproach: nbApproach === undefined ? undefined : (Number(nbApproach) as 1 | 2 | 3),
    direction: oneOf(o.direction, '--direction', ['increase', 'decrease'] as const),
  };
}

/** planPower with its input errors turned into CLI errors that name the flag. */
export function planFromCli(input: PowerInput): PowerResult {
  try {
    return planPower(input);
  } catch (e) {
    if (e instanceof StatsError) {
      const field = typeof e.details.field === 'string' ? e.details.field : null;
      const flag = field === null ? undefined : flagOf[field];
      if (!flag) throw new CliError(e.message);
      // Messages start with the field's name when they are about it: show the flag instead.
      throw new CliError(e.message.startsWith(`${field} `) ? `${flag}${e.message.slice((field as string).length)}` : `${e.message} (check ${flag})`);
    }
    throw e;
  }
}


/** What `effekt power` computes: the plan, and which of its inputs came from a trial's results. */
export interface PowerCliResult extends PowerResult {
  readonly fromTrial: TrialProvenance | null;
}

export function runPowerCli(opts: PowerCliOptions): PowerCliResult {
  return resolvePowerCli(opts).result;
}

/** The plan and the complete input it was computed from (the power curve recomputes from it). */
export function resolvePowerCli(opts: PowerCliOptions): { input: PowerInput; result: PowerCliResult } {
  const base = powerInputFromOptions(opts);
  const trial = opts.results !== undefined && opts.outcome !== undefined ? trialDefaults(opts.results, opts.outcome, opts.visit) : null;
  const expectedChange = parseNumberOption(opts.expectedChange, '--expected-change');
  const { input, benchmark, provenance } = applyTrialDefaults(base, trial, { expectedChange, benchmark: parseNumberOption(opts.benchmark, '--benchmark') });
  if (expectedChange !== undefined && benchmark === null) throw new CliError('--expected-change needs a benchmark to compare with: give --benchmark, or --results with a trial whose control arm has baseline and follow-up');
  const plan = planFromCli(input);
  return { input, result: { ...plan, fromTrial: provenance } };
}

export async function runPower(opts: PowerCliOptions): Promise<void> {
  const { input, result } = resolvePowerCli(opts);
  if (opts.json) printOut(`${JSON.stringify(result, null, 2)}\n`);
  else printLines(powerSummaryLines(result));
  if (opts.out !== undefined) {
    const files = await writePowerOutputs(opts.out, { input, result, fromTrial: result.fromTrial }, opts.results ? [opts.results] : []);
    (opts.json ? printErr : printOut)(`Wrote ${files.length} files to ${opts.out}\n`);
  }
}
