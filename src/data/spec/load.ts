/**
 * Loads a trial spec: JSON → zod schema → cross-references (every outcome's instrument and
 * visit exist, strata/covariate columns are not reused for another role, …). All problems are
 * reported at once with their JSON path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { trialSpecSchema, type TrialSpecParsed } from './schema.ts';
import { DataValidationError, type DataProblem } from '../problems.ts';

export interface TrialSpec extends TrialSpecParsed {
  /** Absolute path of the spec file (for resolving relative paths and for provenance). */
  readonly specFile: string;
}

function specProblem(file: string, path: string, value: unknown, message: string, fix: string): DataProblem {
  return { file, row: null, column: null, path, value: value === undefined ? null : JSON.stringify(value), message, allowed: null, fix };
}

export function checkSpec(s: TrialSpecParsed, file: string): DataProblem[] {
  const out: DataProblem[] = [];
  const visitIds = s.visits.map((v) => v.id);
  const instrumentIds = s.instruments.map((i) => i.id);
  const outcomeIds = s.outcomes.map((o) => o.id);
  const dup = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
  for (const [what, ids] of [['visit', visitIds], ['instrument', instrumentIds], ['outcome', outcomeIds], ['arm', s.arms.map((a) => a.label)], ['population', s.populations.map((p) => p.id)]] as const) {
    for (const d of new Set(dup([...ids]))) out.push(specProblem(file, `${what}s`, d, `${what} id "${d}" is used twice`, 'give every entry its own id'));
  }
  for (const d of new Set(dup(s.missingReasons.map((r) => r.code)))) out.push(specProblem(file, 'missingReasons', d, `the missing-reason code "${d}" is used twice`, 'list every code once'));
  s.covariates.forEach((c, i) => {
    for (const d of new Set(dup([...(c.levels ?? [])]))) out.push(specProblem(file, `covariates[${i}].levels`, d, `the level "${d}" is listed twice for ${c.column}`, 'list every level once (the first is the reference level)'));
  });
  if (!visitIds.includes(s.baselineVisit)) out.push(specProblem(file, 'baselineVisit', s.baselineVisit, 'is not one of the visits', `use one of: ${visitIds.join(', ')}`));
  // A single-arm cohort (a roll-out: everyone gets the course, no control arm) is a valid spec;
  // only analyses that compare arms refuse it (isSingleArm).
  if (s.arms.length > 1 && !s.arms.some((a) => a.role === 'control')) out.push(specProblem(file, 'arms', null, 'no arm has role "control"', 'mark the comparator arm as control (or keep only one arm for a single-arm cohort)'));
  if (s.arms.filter((a) => a.role === 'intervention').length !== 1) out.push(specProblem(file, 'arms', null, 'exactly one arm must have role "intervention"', 'mark the intervention arm'));
  if (s.columns.arm === undefined && s.arms.length > 1) out.push(specProblem(file, 'columns.arm', null, 'a spec with more than one arm must name the arm column', 'add columns.arm'));
  s.outcomes.forEach((o, i) => {
    if (!visitIds.includes(o.primaryVisit)) out.push(specProblem(file, `outcomes[${i}].primaryVisit`, o.primaryVisit, 'is not one of the visits', `use one of: ${visitIds.join(', ')}`));
    if (o.instrument !== undefined && !instrumentIds.includes(o.instrument)) out.push(specProblem(file, `outcomes[${i}].instrument`, o.instrument, 'names no instrument of this spec', `use one of: ${instrumentIds.join(', ')}`));
  });
  if (s.outcomes.filter((o) => o.role === 'primary').length !== 1) out.push(specProblem(file, 'outcomes', null, 'exactly one outcome must have role "primary"', 'mark the primary outcome'));
  s.responders.forEach((r, i) => {
    if (!outcomeIds.includes(r.outcome)) out.push(specProblem(file, `responders[${i}].outcome`, r.outcome, 'names no outcome of this spec', `use one of: ${outcomeIds.join(', ')}`));
  });
  if (s.data.format === 'wide') {
    if (!s.data.wide) out.push(specProblem(file, 'data.wide', null, 'a wide-format spec needs the visit suffixes', 'add data.wide.suffixes, e.g. {"baseline": "t0", "end": "t1"}'));
    else for (const v of visitIds) if (!Object.hasOwn(s.data.wide.suffixes, v)) out.push(specProblem(file, 'data.wide.suffixes', v, `visit "${v}" has no column suffix`, 'add a suffix for every visit'));
  }
  if (s.populations.some((p) => p.rule.type === 'adherence') && !s.columns.adherence) {
    out.push(specProblem(file, 'populations', null, 'an adherence rule needs columns.adherence', 'name the sessions-attended column in columns.adherence'));
  }
  return out;
}

/** Name under which the validated data hold the arm of each row when the spec has no arm column (single-arm cohort). */
export const IMPLICIT_ARM_COLUMN = '(arm)';

/** The column the validated data hold the arm in: the spec's arm column, or the implicit one of a single-arm cohort. */
export function armColumn(spec: Pick<TrialSpecParsed, 'columns'>): string {
  return spec.columns.arm ?? IMPLICIT_ARM_COLUMN;
}

/** A cohort with one arm and no control: fine to load, validate and describe, not to compare arms. */
export function isSingleArm(spec: Pick<TrialSpecParsed, 'arms'>): boolean {
  return !spec.arms.some((a) => a.role === 'control');
}

/** JSON paths of "__proto__" keys: JSON.parse keeps them as data, but a record would drop them silently. */
function protoKeys(v: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(v)) v.forEach((x, i) => protoKeys(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k === '__proto__') out.push(p);
      protoKeys((v as Record<string, unknown>)[k], p, out);
    }
  }
  return out;
}

export function parseSpec(json: unknown, file: string): TrialSpec {
  const proto = protoKeys(json, '', []);
  if (proto.length > 0) throw new DataValidationError(proto.map((p) => specProblem(file, p, undefined, 'the name "__proto__" cannot be a key of the spec (as a label value it is fine)', 'rename the entry, e.g. "proto"')));
  const parsed = trialSpecSchema.safeParse(json);
  if (!parsed.success) {
    throw new DataValidationError(
      parsed.error.issues.map((i) => specProblem(file, i.path.map(String).join('.') || '(top level)', undefined, i.message, 'correct the spec to match schemas/trial-spec.schema.json')),
    );
  }
  const problems = checkSpec(parsed.data, file);
  if (problems.length > 0) throw new DataValidationError(problems);
  return Object.freeze({ ...parsed.data, specFile: resolve(file) });
}

export function loadSpec(file: string): TrialSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataValidationError([specProblem(file, '', undefined, `cannot read the spec (${(e as Error).message})`, 'check the --spec path')]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DataValidationError([specProblem(file, '', undefined, `the spec is not valid JSON (${(e as Error).message})`, 'fix the JSON syntax')]);
  }
  return parseSpec(json, file);
}

/** Resolves a path written in the spec relative to the spec's folder. */
export function specRelative(spec: TrialSpec, path: string): string {
  return resolve(dirname(spec.specFile), path);
}
