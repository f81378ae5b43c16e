/**
 * Loads a contract: JSON → zod → the rules a schema cannot state (consecutive periods, unique
 * ids, a fixed counterfactual inside its own range, caps above floors) → resolution against the
 * trial's results.json (counterfactual rates and the benchmark arms, with Wilson intervals
 * recomputed at the contract's confidence level by src/stats) and the optional business-case
 * scenario (src/economics). The resolved contract is what the store keeps: after `rollout init`
 * no command needs the results file again, so a later re-analysis cannot move a signed benchmark.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { contractSchema, type ContractParsed, type MetricRule, type Period } from './schema.ts';
import { NUL_FIX, NUL_MESSAGE, pathsWithNul, RolloutInputError, type RolloutProblem } from '../errors.ts';
import { readTrialBenchmark, type TrialBenchmark } from './benchmark.ts';
import { loadScenario } from '../../economics/scenario/load.ts';
import type { Scenario } from '../../economics/scenario/schema.ts';
import { parseJsonText } from '../../data/io/json-text.ts';

export interface ResolvedCounterfactual {
  readonly source: 'trial' | 'fixed';
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
  /** Trial source: the arm's responders / analysed. */
  readonly events: number | null;
  readonly n: number | null;
  readonly arm: string | null;
  readonly resultsMetric: string | null;
  /** How the range was obtained, e.g. "Wilson score interval, 95 %". */
  readonly method: string;
  readonly reference: string;
}

export interface ResolvedMetric {
  readonly id: string;
  readonly name: { readonly da: string; readonly en: string };
  readonly definition: { readonly da: string; readonly en: string };
  readonly rule: MetricRule;
  readonly pricePerOutcome: number;
  readonly floor: number;
  readonly cap: number | null;
  readonly scenarioEffect: string | null;
  readonly counterfactual: ResolvedCounterfactual;
  /** The rate the settlement uses: the estimate, or its upper confidence limit under the conservative option. */
  readonly counterfactualUsed: number;
  /** The trial's arms for this metric (benchmark in status), or null when the metric has no trial source. */
  readonly benchmark: TrialBenchmark['metrics'][number] | null;
}

export interface Contract {
  readonly source: ContractParsed;
  /** File name (no folder) and SHA-256 of the contract as read. */
  readonly file: string;
  readonly sha256: string;
  readonly trial: TrialBenchmark['trial'] & { readonly resultsFile: string; readonly resultsSha256: string };
  readonly metrics: readonly ResolvedMetric[];
  readonly periods: readonly Period[];
  readonly businessCase: Scenario | null;
}

function zodProblems(file: string, issues: readonly z.core.$ZodIssue[], input: unknown): RolloutProblem[] {
  return issues.map((i) => {
    let value: unknown = input;
    for (const k of i.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
    return { file, path: i.path.map(String).join('.'), value: value === undefined ? null : value, message: i.message, fix: 'correct the value to match schemas/rollout-contract.schema.json' };
  });
}

const dayMs = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / dayMs;

/** Rules over the whole contract that zod cannot state. */
export function checkContract(c: ContractParsed, file: string): RolloutProblem[] {
  const out: RolloutProblem[] = [];
  const dup = (xs: readonly string[]) => [...new Set(xs.filter((x, i) => xs.indexOf(x) !== i))];
  for (const [path, ids] of [['paymentMetrics', c.paymentMetrics.map((m) => m.id)], ['periods', c.periods.map((p) => p.id)], ['municipalities', c.municipalities.map((m) => m.id)]] as const) {
    for (const d of dup(ids)) out.push({ file, path, value: d, message: `id "${d}" is used twice`, fix: 'give every entry its own id' });
  }
  c.periods.forEach((p, i) => {
    if (day(p.to) < day(p.from)) out.push({ file, path: `periods[${i}]`, value: p, message: 'the period ends before it starts', fix: 'swap from and to' });
    if (i > 0 && day(p.from) !== day(c.periods[i - 1].to) + 1) {
      out.push({ file, path: `periods[${i}].from`, value: p.from, message: `periods must follow each other without gap or overlap (the previous one ends ${c.periods[i - 1].to})`, fix: 'start each period the day after the previous one ends' });
    }
  });
  if (c.visits.baseline === c.visits.followUp) out.push({ file, path: 'visits', value: c.visits, message: 'baseline and follow-up are the same visit', fix: 'name the start and the end-of-course visits' });
  c.paymentMetrics.forEach((m, i) => {
    if (m.cap !== undefined && m.cap < m.floor) out.push({ file, path: `paymentMetrics[${i}].cap`, value: m.cap, message: `the cap is below the floor ${m.floor}`, fix: 'raise the cap or lower the floor' });
    const cf = m.counterfactual;
    if (cf.source === 'fixed' && !(cf.lower <= cf.rate && cf.rate <= cf.upper)) {
      out.push({ file, path: `paymentMetrics[${i}].counterfactual`, value: cf, message: 'the rate must lie within [lower, upper]', fix: 'give the range around the rate' });
    }
  });
  if (c.limits.cap !== undefined && c.limits.cap < c.limits.floor) out.push({ file, path: 'limits.cap', value: c.limits.cap, message: `the cap is below the floor ${c.limits.floor}`, fix: 'raise the cap or lower the floor' });
  return out;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readJson(file: string, what: string): { json: unknown; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new RolloutInputError([{ file, path: '', value: null, message: `cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, fix: 'check the path' }]);
  }
  const parsed = parseJsonText(bytes.toString('utf8'));
  if (!parsed.ok) throw new RolloutInputError([{ file, path: '', value: null, message: `the ${what} is not valid JSON (${parsed.problem})`, fix: 'fix the JSON syntax' }]);
  return { json: parsed.value, bytes };
}

export function parseContract(input: unknown, file: string): ContractParsed {
  const nul = pathsWithNul(input);
  if (nul.length > 0) throw new RolloutInputError(nul.map((path) => ({ file, path, value: null, message: NUL_MESSAGE, fix: NUL_FIX })));
  const parsed = contractSchema.safeParse(input);
  if (!parsed.success) throw new RolloutInputError(zodProblems(file, parsed.error.issues, input));
  const problems = checkContract(parsed.data, file);
  if (problems.length > 0) throw new RolloutInputError(problems);
  return parsed.data;
}

/** Reads, validates and resolves a contract file (results.json and scenario paths are relative to it). */
export function loadContract(file: string): Contract {
  const { json, bytes } = readJson(file, 'contract');
  const c = parseContract(json, file);
  const dir = dirname(resolve(file));
  const resultsPath = resolve(dir, c.trialResults.file);
  const results = readJson(resultsPath, 'trial results');
  const resultsSha = sha256(results.bytes);
  const problems: RolloutProblem[] = [];
  if (c.trialResults.sha256 && c.trialResults.sha256 !== resultsSha) {
    problems.push({ file, path: 'trialResults.sha256', value: c.trialResults.sha256, message: `${basename(resultsPath)} has SHA-256 ${resultsSha}, not the one the contract pins`, fix: 'point trialResults.file at the results the contract was signed on, or update the pinned hash on purpose' });
  }
  const bench = readTrialBenchmark(results.json, resultsPath, c.paymentMetrics.flatMap((m) => (m.counterfactual.source === 'trial' ? [m.counterfactual.resultsMetric] : [])), c.confLevel, problems);
  let scenario: Scenario | null = null;
  if (c.businessCase) scenario = loadScenario(resolve(dir, c.businessCase.scenario));
  const metrics: ResolvedMetric[] = [];
  c.paymentMetrics.forEach((m, i) => {
    if (scenario && m.scenarioEffect && !scenario.effects.some((e) => e.id === m.scenarioEffect)) {
      problems.push({ file, path: `paymentMetrics[${i}].scenarioEffect`, value: m.scenarioEffect, message: 'names no effect of the business-case scenario', fix: `use one of: ${scenario.effects.map((e) => e.id).join(', ')}` });
    }
    const cf = m.counterfactual;
    let resolved: ResolvedCounterfactual;
    let benchmark: ResolvedMetric['benchmark'] = null;
    if (cf.source === 'fixed') {
      resolved = { source: 'fixed', rate: cf.rate, lower: cf.lower, upper: cf.upper, events: null, n: null, arm: null, resultsMetric: null, method: 'agreed in the contract', reference: cf.reference };
    } else {
      benchmark = bench.metrics.find((b) => b.resultsMetric === cf.resultsMetric) ?? null;
      if (!benchmark) return; // reported by readTrialBenchmark
      const arm = cf.arm ? benchmark.arms.find((a) => a.label === cf.arm) : benchmark.arms.find((a) => a.role === 'control');
      if (!arm) {
        problems.push({ file, path: `paymentMetrics[${i}].counterfactual.arm`, value: cf.arm ?? null, message: cf.arm ? 'is not an arm of the trial' : 'the trial has no control arm', fix: `use one of: ${benchmark.arms.map((a) => a.label).join(', ')}` });
        return;
      }
      resolved = {
        source: 'trial', rate: arm.rate, lower: arm.lower, upper: arm.upper, events: arm.events, n: arm.n, arm: arm.label, resultsMetric: cf.resultsMetric,
        method: `Wilson score interval, ${Math.round(c.confLevel * 1000) / 10} %`,
        reference: `${bench.trial.id}: ${arm.label} arm, ${cf.resultsMetric} at ${benchmark.visit} (${basename(resultsPath)}, SHA-256 ${resultsSha.slice(0, 12)}…)`,
      };
    }
    metrics.push({
      id: m.id, name: m.name, definition: m.definition, rule: m.rule, pricePerOutcome: m.pricePerOutcome, floor: m.floor, cap: m.cap ?? null,
      scenarioEffect: m.scenarioEffect ?? null, counterfactual: resolved,
      counterfactualUsed: c.counterfactualBound === 'upper-confidence-limit' ? resolved.upper : resolved.rate,
      benchmark,
    });
  });
  if (problems.length > 0) throw new RolloutInputError(problems);
  return {
    source: c,
    file: basename(file),
    sha256: sha256(bytes),
    trial: { ...bench.trial, resultsFile: basename(resultsPath), resultsSha256: resultsSha },
    metrics,
    periods: c.periods,
    businessCase: scenario,
  };
}

/** The period whose [from, to] holds the ISO date, or null. */
export function periodOf(periods: readonly Period[], iso: string): Period | null {
  const d = day(iso);
  for (const p of periods) if (day(p.from) <= d && d <= day(p.to)) return p;
  return null;
}
