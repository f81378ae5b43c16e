/**
 * `effekt power --design <d> [effect] [--power p | --n n | --mde] ...`: power, sample size or
 * minimum detectable effect for a new trial or cohort (src/stats/power). Leave out the one to
 * solve for: effect + power → n; effect + n → power; n + power + --mde → the effect.
 * --json prints the result object; otherwise a short summary.
 * Registration only; the work is in power-action.ts, imported when the command runs.
 */
import type { Command } from 'commander';
import { powerDesigns } from '../../stats/power/types.ts';
import type { PowerCliOptions } from './power-action.ts';

export type { PowerCliOptions };

export function addPowerOptions(cmd: Command): Command {
  return cmd
    .option('--design <name>', `one of ${powerDesigns.join(', ')}`)
    .option('--effect-size <x>', "effect in the design's metric: Cohen's d (two-sample, ancova, single-arm), Cohen's h (proportions), risk ratio, rate ratio (negative-binomial) or hazard ratio (log-rank)")
    .option('--delta <x>', 'raw effect: mean difference (with --sd), change minus benchmark (single-arm) or risk difference (proportions)')
    .option('--sd <x>', 'outcome SD (single-arm: SD of the change, or of the outcome with --rho)')
    .option('--power <p>', 'target power, e.g. 0.8 (leave out to compute the power)')
    .option('--n <n>', 'participants recruited in the control arm (the intervention arm gets --ratio × n); the cohort for single-arm (leave out to compute it)')
    .option('--mde', 'solve for the minimum detectable effect (with --n and --power)')
    .option('--alpha <a>', 'significance level (default 0.05)')
    .option('--alternative <s>', 'two.sided | one.sided (default two.sided)')
    .option('--ratio <r>', 'allocation ratio intervention : control (default 1)')
    .option('--dropout <share>', 'share of recruited participants without an outcome, e.g. 0.15 (default 0, or the trial’s with --results)')
    .option('--icc <x>', 'intra-cluster correlation within course groups (default 0)')
    .option('--cluster-size <m>', 'participants per course group: design effect 1 + (m − 1)·ICC (default 1)')
    .option('--cluster-arms <which>', 'arms delivered in groups: both | intervention (default both)')
    .option('--rho <r>', 'baseline–follow-up correlation (ancova; single-arm with --sd of the outcome)')
    .option('--control-rate <x>', 'control proportion (proportions, risk-ratio), event probability over follow-up (log-rank) or events per unit time (negative-binomial)')
    .option('--intervention-rate <p>', 'intervention proportion (proportions), instead of --delta/--effect-size')
    .option('--method <m>', 'proportions: arcsine (pwr.2p2n.test) | pooled-z (power.prop.test)')
    .option('--dispersion <k>', 'negative binomial dispersion k (Var = μ + kμ²)')
    .option('--exposure <t>', 'negative binomial mean exposure time')
    .option('--nb-approach <1|2|3>', 'Zhu & Lakkis variance under H0 (default 3)')
    .option('--direction <d>', 'direction of the minimum detectable effect: increase | decrease')
    .option('--results <path>', "folder or results.json from 'effekt analyze': take SD, ρ, dropout and control rate from the trial")
    .option('--outcome <id>', 'the outcome in --results to plan for')
    .option('--visit <visit>', 'its visit (default: the outcome’s primary visit)')
    .option('--expected-change <x>', 'single-arm: the cohort’s expected mean change; the effect is this minus the benchmark')
    .option('--benchmark <x>', 'single-arm: the change to beat (default with --results: the trial’s control-arm change)')
    .option('--out <dir>', 'write power.json, the power curve (Vega-Lite + SVG) and a planning note in Danish and English here')
    .option('--json', 'print the result as JSON');
}

export function registerPower(program: Command): void {
  addPowerOptions(program.command('power').description('Power, sample size or minimum detectable effect for a new trial or cohort (two-sample, ANCOVA, proportions, risk ratio, negative binomial, log-rank, single-arm)')).action(
    async (opts: PowerCliOptions) => (await import('./power-action.ts')).runPower(opts),
  );
}
