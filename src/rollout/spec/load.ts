/**
 * Loads a roll-out export spec: the wrapper (zod), then its cohort through the data layer's
 * parseSpec (the trial's rules and messages), then the cross-references: the municipality is the
 * cohort's site column, the cohort is single-arm, register outcomes are count columns, the group
 * columns are not used for anything else.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { rolloutSpecSchema, type RolloutSpecParsed } from './schema.ts';
import { isSingleArm, parseSpec, type TrialSpec } from '../../data/spec/load.ts';
import { DataValidationError, type DataProblem } from '../../data/problems.ts';
import { NUL_FIX, NUL_MESSAGE, pathsWithNul } from '../errors.ts';
import { parseJsonText } from '../../data/io/json-text.ts';

export interface RolloutSpec extends Omit<RolloutSpecParsed, 'cohort'> {
  readonly cohort: TrialSpec;
  readonly specFile: string;
  /** SHA-256 of the spec file (and of the cohort file when it is separate), for provenance. */
  readonly sha256: string;
  readonly municipalityColumn: string;
}

function problem(file: string, path: string, value: unknown, message: string, fix: string): DataProblem {
  return { file, row: null, column: null, path, value: value === undefined || value === null ? null : JSON.stringify(value), message, allowed: null, fix };
}

function readJson(file: string): { json: unknown; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new DataValidationError([problem(file, '', null, `cannot read the spec (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the --spec path')]);
  }
  const parsed = parseJsonText(bytes.toString('utf8'));
  if (!parsed.ok) throw new DataValidationError([problem(file, '', null, `the spec is not valid JSON (${parsed.problem})`, 'fix the JSON syntax')]);
  return { json: parsed.value, bytes };
}

export function parseRolloutSpec(json: unknown, file: string, hash: ReturnType<typeof createHash>): RolloutSpec {
  const nul = pathsWithNul(json);
  if (nul.length > 0) throw new DataValidationError(nul.map((path) => problem(file, path, null, NUL_MESSAGE, NUL_FIX)));
  const parsed = rolloutSpecSchema.safeParse(json);
  if (!parsed.success) {
    throw new DataValidationError(parsed.error.issues.map((i) => problem(file, i.path.map(String).join('.') || '(top level)', null, i.message, 'correct the spec to match schemas/rollout-spec.schema.json')));
  }
  const s = parsed.data;
  let cohortJson: unknown = s.cohort;
  let cohortFile = file;
  if (typeof s.cohort === 'string') {
    cohortFile = resolve(dirname(resolve(file)), s.cohort);
    const c = readJson(cohortFile);
    hash.update(c.bytes);
    cohortJson = c.json;
  }
  const cohort = parseSpec(cohortJson, cohortFile);
  const out: DataProblem[] = [];
  const at = typeof s.cohort === 'string' ? '' : 'cohort.';
  if (!isSingleArm(cohort)) out.push(problem(cohortFile, `${at}arms`, cohort.arms.map((a) => a.label), 'a roll-out cohort has one arm (everyone gets the course) and no control', 'keep only the intervention arm'));
  const site = cohort.columns.site;
  if (!site) out.push(problem(cohortFile, `${at}columns.site`, null, 'the roll-out needs the municipality column', 'name the municipality column as columns.site'));
  const taken = new Map<string, string>([[cohort.columns.id, 'columns.id'], [cohort.columns.visit, 'columns.visit']]);
  if (site) taken.set(site, 'columns.site');
  for (const [k, v] of Object.entries(s.columns)) {
    if (taken.has(v)) out.push(problem(file, `columns.${k}`, v, `is already the cohort's ${taken.get(v)}`, 'name a column of its own'));
    taken.set(v, `columns.${k}`);
  }
  s.registers.forEach((r, i) => {
    const o = cohort.outcomes.find((x) => x.id === r.outcome);
    if (!o) out.push(problem(file, `registers[${i}].outcome`, r.outcome, 'names no outcome of the cohort', `use one of: ${cohort.outcomes.map((x) => x.id).join(', ')}`));
    else if (o.kind !== 'count') out.push(problem(file, `registers[${i}].outcome`, r.outcome, `a register outcome is a count column, not a ${o.kind} outcome`, 'declare the register count as an outcome with "kind": "count" and its "column"'));
    for (const v of Object.keys(r.windows)) if (!cohort.visits.some((x) => x.id === v)) out.push(problem(file, `registers[${i}].windows`, v, 'is not a visit of the cohort', `use visit ids: ${cohort.visits.map((x) => x.id).join(', ')}`));
  });
  if (out.length > 0) throw new DataValidationError(out);
  const { cohort: _c, ...rest } = s;
  return Object.freeze({ ...rest, cohort, specFile: resolve(file), sha256: hash.digest('hex'), municipalityColumn: site! });
}

export function loadRolloutSpec(file: string): RolloutSpec {
  const { json, bytes } = readJson(file);
  return parseRolloutSpec(json, file, createHash('sha256').update(bytes));
}
