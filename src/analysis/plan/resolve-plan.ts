/**
 * Reads the analysis plan from the spec (inline object or a file it names), validates it and
 * checks its references against the spec, so a plan naming a missing outcome or column fails
 * with its JSON path before any computing starts.
 */
import { readFileSync } from 'node:fs';
import { specRelative, type TrialSpec } from '../../data/spec/load.ts';
import { DataValidationError, type DataProblem } from '../../data/problems.ts';
import { analysisPlanSchema, binaryEstimatorIds, continuousEstimatorIds, countEstimatorIds, primaryEstimatorIds, type AnalysisPlan } from './schema.ts';
import { outcomeVisits } from '../../data/spec/outcome-schema.ts';
import { didYouMean } from '../../data/validate/suggest.ts';
import { makeComparisons } from '../frame/frame.ts';
import { parseJsonText } from '../../data/io/json-text.ts';

export function resolvePlan(spec: TrialSpec): AnalysisPlan {
  let raw: unknown = spec.analysisPlan ?? {};
  let file = spec.specFile;
  let prefix = 'analysisPlan';
  if (typeof raw === 'string') {
    file = specRelative(spec, raw);
    prefix = '';
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new DataValidationError([{ file, row: null, column: null, path: 'analysisPlan', value: null, message: `cannot read the analysis plan (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, allowed: null, fix: 'check the path in the spec’s analysisPlan' }]);
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) throw new DataValidationError([{ file, row: null, column: null, path: '', value: null, message: `the analysis plan is not valid JSON (${parsed.problem})`, allowed: null, fix: 'fix the JSON syntax' }]);
    raw = parsed.value;
  }
  const parsed = analysisPlanSchema.safeParse(raw);
  const at = (path: string) => [prefix, path].filter(Boolean).join('.');
  if (!parsed.success) {
    throw new DataValidationError(parsed.error.issues.map((i) => ({ file, row: null, column: null, path: at(i.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k === 0 ? '' : '.'}${String(p)}`)).join('')), value: null, message: i.message, allowed: null, fix: 'correct the plan to match schemas/analysis-plan.schema.json' })));
  }
  const plan = parsed.data;
  const problems: DataProblem[] = [];
  const outcomeIds = spec.outcomes.map((o) => o.id);
  const visitIds = spec.visits.map((v) => v.id);
  const covariateColumns = new Set([...spec.covariates.map((c) => c.column), ...(spec.columns.site && !spec.columns.strata.includes(spec.columns.site) ? [spec.columns.site] : [])]);
  const columns = new Set([...covariateColumns, ...spec.columns.strata]);
  const bad = (path: string, value: string, message: string, fix: string) => problems.push({ file, row: null, column: null, path: at(path), value, message, allowed: null, fix });
  const followUps = visitIds.filter((v) => v !== spec.baselineVisit);
  const checkVisits = (path: string, visits: readonly string[] | undefined, measured: readonly string[] = visitIds) => {
    (visits ?? []).forEach((v, k) => {
      if (!visitIds.includes(v)) bad(`${path}[${k}]`, v, 'is not a visit of the spec', `use one of: ${followUps.join(', ')}`);
      else if (v === spec.baselineVisit) bad(`${path}[${k}]`, v, 'is the baseline visit, which the analyses adjust for rather than estimate at', `use one of: ${followUps.join(', ')}`);
      else if (!measured.includes(v)) bad(`${path}[${k}]`, v, 'is not a visit the outcome is measured at', `use one of: ${measured.filter((x) => x !== spec.baselineVisit).join(', ')}`);
    });
  };
  const checkCovariates = (path: string, covs: readonly string[] | undefined) => {
    (covs ?? []).forEach((c, k) => {
      if (spec.columns.strata.includes(c)) bad(`${path}[${k}]`, c, 'is a stratification factor, which every model already adjusts for', 'leave it out of the covariates');
      else if (!covariateColumns.has(c)) {
        const near = didYouMean(c, [...covariateColumns]);
        bad(`${path}[${k}]`, c, 'is not a baseline covariate of the spec', near ? `did you mean "${near}"?` : `use one of: ${[...covariateColumns].join(', ') || '(none: declare it in the spec\'s "covariates" with its type)'}`);
      }
    });
  };
  const checkEstimators = (path: string, entry: { primary?: string; sensitivity?: readonly string[] }, family: 'continuous' | 'binary' | 'count', what: string) => {
    const allowed: readonly string[] = family === 'continuous' ? continuousEstimatorIds : family === 'binary' ? binaryEstimatorIds : countEstimatorIds;
    const primaries: readonly string[] = primaryEstimatorIds[family];
    if (entry.primary !== undefined && !primaries.includes(entry.primary)) bad(`${path}.primary`, entry.primary, `is not a primary estimator for ${what}`, `use one of: ${primaries.join(', ')}`);
    (entry.sensitivity ?? []).forEach((e, k) => {
      if (!allowed.includes(e)) bad(`${path}.sensitivity[${k}]`, e, `is not an estimator for ${what}`, `use one of: ${allowed.join(', ')}`);
    });
  };
  checkVisits('defaults.visits', plan.defaults.visits);
  checkCovariates('defaults.covariates', plan.defaults.covariates);
  checkEstimators('defaults', plan.defaults, 'continuous', 'score and continuous outcomes (binary and count outcomes take theirs from the "binary" and "count" sections)');
  checkCovariates('imputation.auxiliary', plan.imputation.auxiliary);
  for (const [id, o] of Object.entries(plan.outcomes)) {
    const so = spec.outcomes.find((x) => x.id === id);
    if (!so) {
      bad(`outcomes.${id}`, id, 'names no outcome of the spec', `use one of: ${outcomeIds.join(', ')}`);
      continue;
    }
    if (so.kind === 'time-to-event') {
      // Its estimators are fixed (Cox, RMST or cumulative incidence); the plan sets τ, landmarks, covariates and optional.
      const extra = Object.keys(o).filter((k) => !['optional', 'tau', 'landmarks', 'covariates'].includes(k));
      if (extra.length) bad(`outcomes.${id}.${extra[0]}`, extra[0], 'does not apply to a time-to-event outcome (its estimators are the Cox hazard ratio and the RMST or incidence difference)', 'use only "tau", "landmarks", "covariates" and "optional" (or the plan\'s "timeToEvent" section)');
      checkCovariates(`outcomes.${id}.covariates`, o.covariates);
      continue;
    }
    for (const k of ['tau', 'landmarks'] as const) if (o[k] !== undefined) bad(`outcomes.${id}.${k}`, k, `applies to time-to-event outcomes only (${id} is ${so.kind})`, 'leave it out');
    checkVisits(`outcomes.${id}.visits`, o.visits, outcomeVisits(so, visitIds));
    checkCovariates(`outcomes.${id}.covariates`, o.covariates);
    const family = so.kind === 'score' || so.kind === 'continuous' ? 'continuous' : so.kind;
    checkEstimators(`outcomes.${id}`, o, family, `a ${so.kind} outcome`);
    if (o.measure !== undefined && so.kind !== 'binary') bad(`outcomes.${id}.measure`, o.measure, 'an effect measure is chosen for binary outcomes only', 'leave it out');
  }
  for (const id of Object.keys(plan.populations)) {
    if (!spec.populations.some((p) => p.id === id)) bad(`populations.${id}`, id, 'names no population of the spec', `use one of: ${spec.populations.map((p) => p.id).join(', ')}`);
  }
  const comparisonIds = makeComparisons(spec.arms, plan.comparisons).map((c) => c.id);
  const familyIds = (plan.multiplicity ?? []).map((f) => f.id);
  (plan.multiplicity ?? []).forEach((f, k) => {
    f.outcomes.forEach((o, j) => {
      if (!outcomeIds.includes(o)) bad(`multiplicity[${k}].outcomes[${j}]`, o, 'names no outcome of the spec', `use one of: ${outcomeIds.join(', ')}`);
    });
    (f.comparisons ?? []).forEach((c, j) => {
      if (!comparisonIds.includes(c)) bad(`multiplicity[${k}].comparisons[${j}]`, c, 'names no comparison of this plan', `use one of: ${comparisonIds.join(', ')}`);
    });
    if (f.gatedBy && !familyIds.includes(f.gatedBy)) bad(`multiplicity[${k}].gatedBy`, f.gatedBy, 'names no multiplicity family', `use one of: ${familyIds.join(', ')}`);
  });
  checkPerProtocol(spec, raw, bad);
  plan.subgroups.forEach((s, k) => {
    if (!columns.has(s.column)) bad(`subgroups[${k}].column`, s.column, 'is not a baseline covariate, site or stratum of the spec', `use one of: ${[...columns].join(', ')}`);
  });
  if (problems.length > 0) throw new DataValidationError(problems);
  return plan;
}

/**
 * "per-protocol" written in the plan needs a population besides the ITT one (columns.adherence and
 * a population rule); without it the estimator gave no row and no word (found on carData::Baumann).
 * Only lists the user wrote are checked: the defaults name per-protocol for trials that have it.
 */
function checkPerProtocol(spec: TrialSpec, raw: unknown, bad: (path: string, value: string, message: string, fix: string) => void): void {
  if (spec.populations.some((p) => p.rule.type !== 'all')) return;
  const field = (o: unknown, key: string): unknown => (o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[key] : undefined);
  const outcomes = field(raw, 'outcomes');
  const lists: [string, unknown][] = [
    ['defaults.sensitivity', field(field(raw, 'defaults'), 'sensitivity')],
    ['binary.sensitivity', field(field(raw, 'binary'), 'sensitivity')],
    ['count.sensitivity', field(field(raw, 'count'), 'sensitivity')],
    ...Object.keys(outcomes !== null && typeof outcomes === 'object' ? outcomes : {}).map((id): [string, unknown] => [`outcomes.${id}.sensitivity`, field(field(outcomes, id), 'sensitivity')]),
  ];
  for (const [path, list] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((e, k) => {
      if (e === 'per-protocol') bad(`${path}[${k}]`, e, 'the spec has no per-protocol population, so this estimator would give nothing', 'declare columns.adherence and a population with rule {"type": "adherence", "min": …} in the spec (docs/spec.md), or leave "per-protocol" out');
    });
  }
}
