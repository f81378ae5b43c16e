/**
 * Fills a power calculation's missing inputs from a trial's numbers (trial-defaults.ts); every
 * value the user gave wins. A single-arm cohort can give its expected mean change: the effect is
 * then that change minus the benchmark (the trial's control-arm change, unless given).
 */
import type { PowerInput } from '../../stats/power/types.ts';
import type { TrialDefaults } from './trial-defaults.ts';
import type { Localised } from '../results/types.ts';

export interface DefaultUsed {
  readonly value: number;
  readonly source: string;
}

export interface SingleArmChange {
  /** The cohort's expected mean change from baseline. */
  readonly expectedChange?: number;
  /** The change it is compared with (default: the trial's control arm). */
  readonly benchmark?: number;
}

/** Which inputs of a plan came from a trial's results.json (echoed into the plan's outputs). */
export interface TrialProvenance {
  readonly resultsFile: string;
  readonly resultsSha256: string;
  readonly trialId: string | null;
  readonly outcome: string;
  readonly visit: string;
  readonly used: Readonly<Record<string, DefaultUsed>>;
  readonly benchmark: DefaultUsed | null;
  /** The outcome's declared unit, when results.json has one (absent: a score, in points). */
  readonly unit?: Localised;
}

export interface Defaulted {
  readonly input: PowerInput;
  readonly used: Readonly<Record<string, DefaultUsed>>;
  /** The benchmark the single-arm effect was measured against, when an expected change was given. */
  readonly benchmark: DefaultUsed | null;
  readonly provenance: TrialProvenance | null;
}

export function applyTrialDefaults(input: PowerInput, d: TrialDefaults | null, change: SingleArmChange = {}): Defaulted {
  const used: Record<string, DefaultUsed> = {};
  const out: Record<string, unknown> = { ...input };
  const take = (field: keyof PowerInput, value: number | null, sourceKey: string) => {
    if (out[field] !== undefined && out[field] !== null) return;
    if (value === null || !Number.isFinite(value)) return;
    out[field] = value;
    used[field] = { value, source: `${d?.resultsFile}: ${d?.sources[sourceKey] ?? sourceKey}` };
  };
  if (d) {
    switch (input.design) {
      case 'two-sample':
        take('sd', d.sd, 'sd');
        break;
      case 'ancova':
        take('sd', d.sd, 'sd');
        take('rho', d.rho, 'rho');
        break;
      case 'single-arm':
        // The SD of the change itself (no ρ transformation needed) unless the user gave an outcome SD and ρ.
        if (input.rho === undefined || input.rho === null) take('sd', d.sdChange, 'sdChange');
        break;
      case 'proportions':
      case 'risk-ratio':
        take('controlRate', d.controlRate, 'controlRate');
        break;
      case 'negative-binomial':
        take('controlRate', d.controlRate, 'controlRate');
        take('dispersion', d.dispersion, 'dispersion');
        break;
      case 'log-rank':
        break;
    }
    take('dropout', d.dropout, 'dropout');
  }
  let benchmark: DefaultUsed | null = null;
  if (change.expectedChange !== undefined) {
    if (change.benchmark !== undefined) benchmark = { value: change.benchmark, source: 'given' };
    else if (d && d.benchmark !== null) benchmark = { value: d.benchmark, source: `${d.resultsFile}: ${d.sources.benchmark}` };
    if (benchmark) out.delta = change.expectedChange - benchmark.value;
  }
  const provenance: TrialProvenance | null = d ? { resultsFile: d.resultsFile, resultsSha256: d.resultsSha256, trialId: d.trialId, outcome: d.outcomeId, visit: d.visit, used, benchmark, ...(d.unit ? { unit: d.unit } : {}) } : null;
  return { input: out as unknown as PowerInput, used, benchmark, provenance };
}
