/**
 * Reads the analysis plan from the spec (inline object or a file it names), validates it and
 * checks its references against the spec, so a plan naming a missing outcome or column fails
 * with its JSON path before any computing starts.
 */
import { readFileSync } from 'node:fs';
import { specRelative, type TrialSpec } from '../../data/spec/load.ts';
import { DataValidationError, type DataProblem } from '../../data/problems.ts';
import { analysisPlanSchema, type AnalysisPlan } from './schema.ts';

export function resolvePlan(spec: TrialSpec): AnalysisPlan {
  let raw: unknown = spec.analysisPlan ?? {};
  let file = spec.specFile;
  let prefix = 'analysisPlan';
  if (typeof raw === 'string') {
    file = specRelative(spec, raw);
    prefix = '';
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new DataValidationError([{ file, row: null, column: null, path: 'analysisPlan', value: null, message: `cannot read the analysis plan (${(e as Error).message})`, allowed: null, fix: 'check the path in the spec’s analysisPlan' }]);
    }
  }
  const parsed = analysisPlanSchema.safeParse(raw);
  const at = (path: string) => [prefix, path].filter(Boolean).join('.');
  if (!parsed.success) {
    throw new DataValidationError(parsed.error.issues.map((i) => ({ file, row: null, column: null, path: at(i.path.map(String).join('.')), value: null, message: i.message, allowed: null, fix: 'correct the plan to match schemas/analysis-plan.schema.json' })));
  }
  const plan = parsed.data;
  const problems: DataProblem[] = [];
  const outcomeIds = spec.outcomes.map((o) => o.id);
  const visitIds = spec.visits.map((v) => v.id);
  const columns = new Set([...spec.covariates.map((c) => c.column), ...spec.columns.strata, ...(spec.columns.site ? [spec.columns.site] : [])]);
  const bad = (path: string, value: string, message: string, fix: string) => problems.push({ file, row: null, column: null, path: at(path), value, message, allowed: null, fix });
  const followUps = visitIds.filter((v) => v !== spec.baselineVisit);
  const checkVisits = (path: string, visits: readonly string[] | undefined) => {
    for (const v of visits ?? []) {
      if (!visitIds.includes(v)) bad(path, v, 'is not a visit of the spec', `use one of: ${followUps.join(', ')}`);
      else if (v === spec.baselineVisit) bad(path, v, 'is the baseline visit, which the analyses adjust for rather than estimate at', `use one of: ${followUps.join(', ')}`);
    }
  };
  checkVisits('defaults.visits', plan.defaults.visits);
  for (const [id, o] of Object.entries(plan.outcomes)) {
    if (!outcomeIds.includes(id)) bad(`outcomes.${id}`, id, 'names no outcome of the spec', `use one of: ${outcomeIds.join(', ')}`);
    checkVisits(`outcomes.${id}.visits`, o.visits);
  }
  const familyIds = (plan.multiplicity ?? []).map((f) => f.id);
  (plan.multiplicity ?? []).forEach((f, k) => {
    f.outcomes.forEach((o, j) => {
      if (!outcomeIds.includes(o)) bad(`multiplicity[${k}].outcomes[${j}]`, o, 'names no outcome of the spec', `use one of: ${outcomeIds.join(', ')}`);
    });
    if (f.gatedBy && !familyIds.includes(f.gatedBy)) bad(`multiplicity[${k}].gatedBy`, f.gatedBy, 'names no multiplicity family', `use one of: ${familyIds.join(', ')}`);
  });
  plan.subgroups.forEach((s, k) => {
    if (!columns.has(s.column)) bad(`subgroups[${k}].column`, s.column, 'is not a baseline covariate, site or stratum of the spec', `use one of: ${[...columns].join(', ')}`);
  });
  if (problems.length > 0) throw new DataValidationError(problems);
  return plan;
}
