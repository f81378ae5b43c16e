/**
 * Links a scenario to a trial: each effect that names a `resultsMetric` takes its net effect
 * rate (the responder risk difference, intervention − control: the control arm is the
 * deadweight) and its sampling SE/df from `effekt analyze`'s results.json.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EffectRate } from '../../analysis/results/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EconomicsInputError, type ScenarioProblem } from '../scenario/errors.ts';

export interface TrialLink {
  readonly resultsFile: string;
  readonly trialId: string | null;
  readonly linked: ReadonlyArray<{ readonly effect: string; readonly metric: string; readonly rate: number; readonly se: number; readonly df: number | null; readonly lower: number; readonly upper: number; readonly controlRate: number; readonly interventionRate: number; readonly pooled: boolean }>;
}

export function resolveResultsFile(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
}

function readEffectRates(file: string): { rates: EffectRate[]; trialId: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EconomicsInputError([{ file, path: '', value: null, message: `cannot read results (${(e as Error).message})`, fix: 'point --results at the folder or results.json written by `effekt analyze`' }]);
  }
  const obj = json as { effectRates?: unknown; trial?: { id?: unknown } };
  if (!Array.isArray(obj.effectRates)) {
    throw new EconomicsInputError([{ file, path: 'effectRates', value: obj.effectRates ?? null, message: 'results.json has no effectRates array', fix: 're-run `effekt analyze` with a spec that defines responder (MCID) outcomes' }]);
  }
  return { rates: obj.effectRates as EffectRate[], trialId: typeof obj.trial?.id === 'string' ? obj.trial.id : null };
}

export function linkResults(s: Scenario, resultsPath: string): { scenario: Scenario; link: TrialLink } {
  const file = resolveResultsFile(resultsPath);
  const { rates, trialId } = readEffectRates(file);
  const problems: ScenarioProblem[] = [];
  const linked: TrialLink['linked'][number][] = [];
  const effects = s.effects.map((e, i) => {
    if (!e.resultsMetric) return e;
    const r = rates.find((x) => x.metric === e.resultsMetric);
    if (!r) {
      problems.push({ file, path: `effectRates[metric=${e.resultsMetric}]`, value: rates.map((x) => x.metric), message: `the scenario's effects[${i}].resultsMetric "${e.resultsMetric}" is not in the results`, fix: `use one of the metrics in the results, or remove resultsMetric to keep the scenario's rate` });
      return e;
    }
    if (!(r.estimate >= -1 && r.estimate <= 1) || !(r.se >= 0)) {
      problems.push({ file, path: `effectRates[metric=${r.metric}]`, value: { estimate: r.estimate, se: r.se }, message: 'the effect rate must lie in [−1, 1] with a non-negative SE', fix: 'check the analysis that produced the results' });
      return e;
    }
    linked.push({ effect: e.id, metric: r.metric, rate: r.estimate, se: r.se, df: r.df, lower: r.lower, upper: r.upper, controlRate: r.controlRate, interventionRate: r.interventionRate, pooled: r.pooled });
    return { ...e, rate: r.estimate, se: r.se, df: r.df, provenance: 'trial' as const };
  });
  if (problems.length > 0) throw new EconomicsInputError(problems);
  return { scenario: { ...s, effects }, link: { resultsFile: file, trialId, linked } };
}
