/**
 * The intention-to-treat pipeline: plan → frame → estimates for every outcome × visit ×
 * estimator → multiplicity → responders and effect rates → safety → subgroups → Table 1 and
 * CONSORT flow. Deterministic: same data, spec and seed give identical results.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { LoadedTrial } from '../../instruments/load-trial.ts';
import { resolvePlan } from '../plan/resolve-plan.ts';
import { buildFrame } from '../frame/build-frame.ts';
import type { AnalysisFrame } from '../frame/frame.ts';
import { populations } from '../populations.ts';
import { consortFlow } from '../describe/consort.ts';
import { baselineTable } from '../describe/baseline-table.ts';
import { resultsSchemaVersion, type AnalysisResults, type EffectRate, type OutcomeResult, type ResponderResult, type SubgroupResult } from '../results/types.ts';
import { responderCounts, responderResult } from '../responders.ts';
import { implementedSensitivity, outcomeRows } from './outcome-rows.ts';
import { applyMultiplicity } from './multiplicity.ts';
import { eventCounts, safetyResults } from './safety.ts';
import { subgroupEffect } from './subgroups.ts';

export const SOFTWARE_VERSION = '0.1.0';

export interface AnalyzeOptions {
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

function effectRate(frame: AnalysisFrame, metric: string, outcomeId: string, visit: string, population: string, estimator: string, s: ResponderResult): EffectRate {
  const C = frame.arms[frame.control].label;
  const I = frame.arms[frame.intervention].label;
  return {
    metric, outcomeId, visit, population, estimator,
    estimate: s.riskDifference.estimate, se: s.riskDifference.se, lower: s.riskDifference.lower, upper: s.riskDifference.upper, df: null,
    controlRate: s.rate[C].estimate, interventionRate: s.rate[I].estimate, pooled: false,
    n: Object.fromEntries(Object.entries(s.rate).map(([a, v]) => [a, v.n])),
  };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function runAnalysis(trial: LoadedTrial, options: AnalyzeOptions = {}): AnalysisResults {
  const { spec } = trial;
  const plan = resolvePlan(spec);
  const frame = buildFrame(trial);
  const pops = populations(spec, frame);
  const itt = pops.find((p) => spec.populations.find((s) => s.id === p.id)?.rule.type === 'all') ?? pops[0];
  const pp = pops.find((p) => p !== itt) ?? null;
  const visitNames = Object.fromEntries(spec.visits.map((v) => [v.id, v.name]));
  const warnings: string[] = [];
  const requested = new Set([...plan.sensitivity, ...Object.values(plan.outcomes).flatMap((o) => o.sensitivity ?? [])]);
  const skipped = [...requested].filter((e) => !implementedSensitivity.includes(e));
  if (skipped.length) warnings.push(`sensitivity estimators in the plan not run (not implemented in this version): ${skipped.join(', ')}`);
  if (Object.values(plan.outcomes).some((o) => o.primary === 'mmrm') || plan.defaults.primary === 'mmrm') warnings.push('the plan asks for an MMRM primary estimator, which this version does not implement: ANCOVA was used');

  const scored = frame.outcomes.filter((o) => o.kind === 'score');
  let rows: OutcomeResult[] = [];
  scored.forEach((o, k) => {
    rows.push(...outcomeRows(frame, o, plan, itt, pp, visitNames));
    options.onProgress?.(k + 1, scored.length);
  });
  rows = applyMultiplicity(rows, plan);

  // Count outcomes with a responder rule (e.g. "no admission") yield an effect rate but no estimate rows.
  const countRates: EffectRate[] = frame.outcomes
    .filter((o) => o.kind === 'count' && o.responder)
    .flatMap((o) => {
      const counts = responderCounts(frame, o, frame.visits.indexOf(o.primaryVisit), itt.include);
      const res = counts ? responderResult(frame, o, counts, plan.confLevel) : null;
      if (res === null || typeof res === 'string') {
        warnings.push(`effect rate for ${o.id} not estimable${typeof res === 'string' ? `: ${res}` : ''}`);
        return [];
      }
      return [effectRate(frame, o.responder!.metric, o.id, o.primaryVisit, itt.id, 'responder proportions', res)];
    });
  const effectRates: EffectRate[] = rows
    .filter((r) => r.isPrimaryEstimator && r.responder)
    .map((r) => effectRate(frame, frame.outcomes.find((x) => x.id === r.id)!.responder!.metric, r.id, r.visit, r.population, r.estimator, r.responder!))
    .concat(countRates);

  const primaryOutcome = frame.outcomes.find((o) => o.role === 'primary')!;
  const primaryVisit = frame.visits.indexOf(primaryOutcome.primaryVisit);
  const subgroups: SubgroupResult[] = plan.subgroups.map((s) => {
    const cov = [...frame.covariates, ...frame.strata].find((c) => c.column === s.column)!;
    return subgroupEffect(frame, primaryOutcome, primaryVisit, cov, itt.include, plan.confLevel);
  });
  const analysedAt = (visit: string) => rows.find((r) => r.id === primaryOutcome.id && r.visit === visit && r.estimator === 'ancova' && r.population === itt.id)?.n.analysed ?? {};

  return {
    schemaVersion: resultsSchemaVersion,
    software: { name: 'effekt', version: SOFTWARE_VERSION },
    trial: { id: spec.trial.id, title: spec.trial.title },
    // File names without folders plus content hashes: results do not depend on where the files lie.
    input: { dataFile: basename(trial.dataFile), dataSha256: sha256(trial.dataFile), specFile: basename(spec.specFile), specSha256: sha256(spec.specFile) },
    seed: options.seed ?? 1,
    alpha: plan.alpha,
    confLevel: plan.confLevel,
    arms: frame.arms,
    visits: frame.visits,
    consort: consortFlow(frame, primaryOutcome, analysedAt),
    baseline: baselineTable(frame),
    outcomes: rows,
    effectRates,
    safety: safetyResults(frame, plan.confLevel),
    events: eventCounts(frame),
    subgroups,
    tippingPoints: [],
    warnings,
  };
}
