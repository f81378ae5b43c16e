/**
 * Links a scenario to a trial: each effect that names a `resultsMetric` takes its net effect
 * rate (the responder risk difference, intervention − control: the control arm is the
 * deadweight) and its sampling SE/df from `effekt analyze`'s results.json. Where the analysis
 * pooled the risk difference over multiple imputations, the pooled estimate, SE and
 * Barnard–Rubin df are used: from `effectRates[]` when it is marked `pooled`, else from the
 * matching outcome row's `responder.pooled`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EffectRate, OutcomeResult } from '../../analysis/results/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EconomicsInputError, type ScenarioProblem } from '../scenario/errors.ts';
import { parseJsonText } from '../../data/io/json-text.ts';

export interface LinkedEffect {
  readonly effect: string;
  readonly metric: string;
  readonly rate: number;
  readonly se: number;
  readonly df: number | null;
  readonly lower: number;
  readonly upper: number;
  readonly controlRate: number;
  readonly interventionRate: number;
  readonly pooled: boolean;
  /** Where the rate was read: the effect-rate row, or the MI-pooled responder result of its outcome row. */
  readonly source: 'effectRates' | 'responder.pooled';
}

export interface TrialLink {
  /** The results file's name (no folder, so the output does not depend on where it lies). */
  readonly resultsFile: string;
  readonly resultsSha256: string;
  readonly trialId: string | null;
  readonly linked: readonly LinkedEffect[];
}

export function resolveResultsFile(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
}

type OutcomeRow = Pick<OutcomeResult, 'id' | 'visit' | 'population' | 'estimator' | 'responder'>;

function readResults(file: string): { rates: EffectRate[]; outcomes: OutcomeRow[]; trialId: string | null; sha256: string } {
  const fix = 'point --results at the folder or results.json written by `effekt analyze`';
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (e) {
    throw new EconomicsInputError([{ file, path: '', value: null, message: `cannot read results (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, fix }]);
  }
  const parsed = parseJsonText(text.toString('utf8'));
  if (!parsed.ok) throw new EconomicsInputError([{ file, path: '', value: null, message: `the results are not valid JSON (${parsed.problem})`, fix }]);
  const obj = parsed.value as { effectRates?: unknown; outcomes?: unknown; trial?: { id?: unknown } };
  if (!Array.isArray(obj.effectRates)) {
    throw new EconomicsInputError([{ file, path: 'effectRates', value: obj.effectRates ?? null, message: 'results.json has no effectRates array', fix: 're-run `effekt analyze` with a spec that defines responder (MCID) outcomes' }]);
  }
  return {
    rates: obj.effectRates as EffectRate[],
    outcomes: Array.isArray(obj.outcomes) ? (obj.outcomes as OutcomeRow[]) : [],
    trialId: typeof obj.trial?.id === 'string' ? obj.trial.id : null,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

/** The rate as the economics uses it: the MI-pooled risk difference when the analysis has one. */
function chooseRate(r: EffectRate, outcomes: readonly OutcomeRow[]): Omit<LinkedEffect, 'effect'> {
  const common = { metric: r.metric, controlRate: r.controlRate, interventionRate: r.interventionRate };
  if (!r.pooled) {
    const row = outcomes.find((o) => o.id === r.outcomeId && o.visit === r.visit && o.population === r.population && o.estimator === r.estimator);
    const p = row?.responder?.pooled;
    if (p) return { ...common, rate: p.estimate, se: p.se, df: p.df, lower: p.lower, upper: p.upper, pooled: true, source: 'responder.pooled' };
  }
  return { ...common, rate: r.estimate, se: r.se, df: r.df, lower: r.lower, upper: r.upper, pooled: r.pooled, source: 'effectRates' };
}

export function linkResults(s: Scenario, resultsPath: string): { scenario: Scenario; link: TrialLink } {
  const file = resolveResultsFile(resultsPath);
  const { rates, outcomes, trialId, sha256 } = readResults(file);
  const problems: ScenarioProblem[] = [];
  const linked: LinkedEffect[] = [];
  const effects = s.effects.map((e, i) => {
    if (!e.resultsMetric) return e;
    const r = rates.find((x) => x.metric === e.resultsMetric);
    if (!r) {
      problems.push({ file, path: `effectRates[metric=${e.resultsMetric}]`, value: rates.map((x) => x.metric), message: `the scenario's effects[${i}].resultsMetric "${e.resultsMetric}" is not in the results`, fix: `use one of the metrics in the results, or remove resultsMetric to keep the scenario's rate` });
      return e;
    }
    const c = chooseRate(r, outcomes);
    if (!(c.rate >= -1 && c.rate <= 1) || !(c.se >= 0 && Number.isFinite(c.se)) || !(c.df === null || c.df > 0)) {
      problems.push({ file, path: `effectRates[metric=${r.metric}]`, value: { estimate: c.rate, se: c.se, df: c.df, source: c.source }, message: 'the effect rate must lie in [−1, 1] with a finite non-negative SE and a positive df (or none)', fix: 'check the analysis that produced the results' });
      return e;
    }
    linked.push({ effect: e.id, ...c });
    return { ...e, rate: c.rate, se: c.se, df: c.df, provenance: 'trial' as const };
  });
  if (problems.length > 0) throw new EconomicsInputError(problems);
  return { scenario: { ...s, effects }, link: { resultsFile: basename(file), resultsSha256: sha256, trialId, linked } };
}
