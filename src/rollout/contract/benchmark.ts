/**
 * The trial's arms as a benchmark for the roll-out: for each responder metric the contract uses,
 * each arm's responders / analysed and its Wilson interval (src/stats, at the contract's
 * confidence level), read from `effekt analyze`'s results.json — the effect-rate row for the
 * metric and, for the counts, its primary outcome row's responder result. Where a metric has no
 * outcome row (a count outcome such as admissions), the counts come from the effect-rate row's
 * rates and arm sizes.
 */
import { wilson } from '../../stats/effects/binary.ts';
import type { RolloutProblem } from '../errors.ts';

export interface BenchmarkArm {
  readonly label: string;
  readonly role: 'control' | 'intervention';
  readonly name: { readonly da: string; readonly en: string };
  readonly events: number;
  readonly n: number;
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface TrialBenchmark {
  readonly trial: { readonly id: string; readonly title: { readonly da: string; readonly en: string } };
  readonly metrics: ReadonlyArray<{
    readonly resultsMetric: string;
    readonly outcomeId: string;
    readonly visit: string;
    readonly population: string;
    /** Responder definition as the trial worded it. */
    readonly definition: { readonly da: string; readonly en: string } | null;
    readonly arms: readonly BenchmarkArm[];
  }>;
}

interface ResultsLike {
  trial?: { id?: unknown; title?: unknown };
  arms?: unknown;
  effectRates?: unknown;
  outcomes?: unknown;
}

type Arm = { label: string; role: 'control' | 'intervention'; name: { da: string; en: string } };
type RateRow = { metric: string; outcomeId: string; visit: string; population: string; controlRate: number; interventionRate: number; n: Record<string, number> };
type OutcomeRow = { id: string; visit: string; population: string; isPrimaryEstimator?: boolean; responder?: { definition?: { da: string; en: string }; rate?: Record<string, { events: number; n: number }> } | null };

export function readTrialBenchmark(json: unknown, file: string, metrics: readonly string[], confLevel: number, problems: RolloutProblem[]): TrialBenchmark {
  const r = (json ?? {}) as ResultsLike;
  const arms = Array.isArray(r.arms) ? (r.arms as Arm[]) : [];
  const rates = Array.isArray(r.effectRates) ? (r.effectRates as RateRow[]) : [];
  const outcomes = Array.isArray(r.outcomes) ? (r.outcomes as OutcomeRow[]) : [];
  const title = (r.trial?.title ?? { da: '', en: '' }) as { da: string; en: string };
  const trial = { id: typeof r.trial?.id === 'string' ? r.trial.id : '(unknown trial)', title };
  if (arms.length === 0 || rates.length === 0) {
    problems.push({ file, path: arms.length === 0 ? 'arms' : 'effectRates', value: null, message: 'is not a results.json from `effekt analyze` with responder effect rates', fix: 'point trialResults.file at the results.json of the trial analysis' });
    return { trial, metrics: [] };
  }
  const out: TrialBenchmark['metrics'][number][] = [];
  for (const metric of [...new Set(metrics)]) {
    const row = rates.find((x) => x.metric === metric);
    if (!row) {
      problems.push({ file, path: `effectRates[metric=${metric}]`, value: rates.map((x) => x.metric), message: `the trial results have no effect rate "${metric}"`, fix: 'use one of the metrics listed, or a "fixed" counterfactual' });
      continue;
    }
    const o = outcomes.find((x) => x.id === row.outcomeId && x.visit === row.visit && x.population === row.population && x.isPrimaryEstimator && x.responder?.rate);
    const armRows = arms.map((a): BenchmarkArm => {
      const counted = o?.responder?.rate?.[a.label];
      const n = counted?.n ?? row.n?.[a.label] ?? 0;
      const share = a.role === 'control' ? row.controlRate : row.interventionRate;
      const events = counted?.events ?? Math.round(share * n);
      const w = n > 0 ? wilson(events, n, confLevel) : { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
      return { label: a.label, role: a.role, name: a.name, events, n, rate: w.estimate, lower: w.lower, upper: w.upper };
    });
    if (armRows.some((a) => !(a.n > 0))) {
      problems.push({ file, path: `effectRates[metric=${metric}].n`, value: row.n, message: 'an arm has no analysed participants', fix: 'check the trial analysis' });
      continue;
    }
    out.push({ resultsMetric: metric, outcomeId: row.outcomeId, visit: row.visit, population: row.population, definition: o?.responder?.definition ?? null, arms: armRows });
  }
  return { trial, metrics: out };
}
