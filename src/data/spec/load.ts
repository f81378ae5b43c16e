/**
 * Loads a trial spec: JSON → zod schema → cross-references (every outcome's instrument and
 * visits exist, a rule names an outcome it can derive from, the wide layout can place every
 * column, …). All problems are reported at once with their JSON path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { trialSpecSchema, type TrialSpecParsed } from './schema.ts';
import { outcomeKinds, outcomeVisits, type OutcomeSpec } from './outcome-schema.ts';
import { DataValidationError, type DataProblem } from '../problems.ts';
import { checkRegisterPanel } from '../derive/schema.ts';
import { parseJsonText } from '../io/json-text.ts';

/** Names given to the columns effekt makes for wide data without an id / visit column. */
export const ROW_ID_COLUMN = '(row)';
export const WIDE_VISIT_COLUMN = '(visit)';

export interface TrialSpec extends Omit<TrialSpecParsed, 'columns'> {
  readonly columns: TrialSpecParsed['columns'] & { readonly id: string; readonly visit: string };
  /** Absolute path of the spec file (for resolving relative paths and for provenance). */
  readonly specFile: string;
}

function specProblem(file: string, path: string, value: unknown, message: string, fix: string): DataProblem {
  return { file, row: null, column: null, path, value: value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value), message, allowed: null, fix };
}

function checkOutcome(s: TrialSpecParsed, o: OutcomeSpec, i: number, add: (path: string, value: unknown, message: string, fix: string) => void): void {
  const visitIds = s.visits.map((v) => v.id);
  const at = `outcomes[${i}]`;
  const useVisits = `use one of: ${visitIds.join(', ')}`;
  if (o.kind === 'time-to-event') return;
  const visits = outcomeVisits(o, visitIds);
  for (const [k, v] of (o.visits ?? []).entries()) if (!visitIds.includes(v)) add(`${at}.visits[${k}]`, v, 'is not one of the visits', useVisits);
  if (!visitIds.includes(o.primaryVisit)) add(`${at}.primaryVisit`, o.primaryVisit, 'is not one of the visits', useVisits);
  else if (!visits.includes(o.primaryVisit)) add(`${at}.primaryVisit`, o.primaryVisit, 'is not a visit the outcome is measured at', `use one of: ${visits.join(', ')}, or add the visit to the outcome's "visits"`);
  else if (o.primaryVisit === s.baselineVisit) add(`${at}.primaryVisit`, o.primaryVisit, 'is the baseline visit, which the analyses adjust for rather than estimate at', 'use a follow-up visit');
  if ('columns' in o && o.columns) {
    for (const v of Object.keys(o.columns)) if (!visitIds.includes(v)) add(`${at}.columns.${v}`, v, 'is not one of the visits', useVisits);
    for (const v of visits) if (!Object.hasOwn(o.columns, v)) add(`${at}.columns`, v, `names no column for visit "${v}"`, `add "${v}": "<column>" to "columns", or leave the visit out of "visits"`);
  }
  if (o.kind === 'score' && !s.instruments.some((x) => x.id === o.instrument)) add(`${at}.instrument`, o.instrument, 'names no instrument of this spec', `use one of: ${s.instruments.map((x) => x.id).join(', ') || '(none declared: add the instrument to "instruments")'}`);
  if (o.kind === 'continuous' && o.range && !(o.range[0] < o.range[1])) add(`${at}.range`, o.range, 'the range is empty', 'write [min, max] with min < max');
  if (o.kind === 'count' && o.exposure && 'columns' in o.exposure) {
    for (const v of visits) if (!Object.hasOwn(o.exposure.columns, v)) add(`${at}.exposure.columns`, v, `names no exposure column for visit "${v}"`, 'add a column for every visit the outcome is measured at');
  }
  if (o.kind === 'binary' && o.rule) {
    const src = s.outcomes.find((x) => x.id === o.rule!.outcome);
    if (!src) add(`${at}.rule.outcome`, o.rule.outcome, 'names no outcome of this spec', `use one of: ${s.outcomes.filter((x) => x.kind === 'score' || x.kind === 'continuous').map((x) => x.id).join(', ')}`);
    else if (src.kind !== 'score' && src.kind !== 'continuous') add(`${at}.rule.outcome`, o.rule.outcome, `is a ${src.kind} outcome; a rule derives a success from a score or continuous outcome`, 'name a score or continuous outcome');
    else {
      const srcVisits = outcomeVisits(src, visitIds);
      for (const v of visits) if (!srcVisits.includes(v)) add(`${at}.visits`, v, `is not a visit of ${src.id}, which the rule reads`, `use visits of ${src.id}: ${srcVisits.join(', ')}`);
      if (o.rule.type === 'change' && (s.baselineVisit === undefined || !srcVisits.includes(s.baselineVisit))) add(`${at}.rule.type`, 'change', `a change needs ${src.id} at a baseline visit`, 'use "level", or declare the baseline visit');
    }
  }
}

export function checkSpec(s: TrialSpecParsed, file: string): DataProblem[] {
  const out: DataProblem[] = [];
  const add = (path: string, value: unknown, message: string, fix: string) => out.push(specProblem(file, path, value, message, fix));
  const visitIds = s.visits.map((v) => v.id);
  const instrumentIds = s.instruments.map((i) => i.id);
  const outcomeIds = s.outcomes.map((o) => o.id);
  const dup = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
  for (const [what, ids] of [['visit', visitIds], ['instrument', instrumentIds], ['outcome', outcomeIds], ['arm', s.arms.map((a) => a.label)], ['population', s.populations.map((p) => p.id)]] as const) {
    for (const d of new Set(dup([...ids]))) add(`${what}s`, d, `${what} id "${d}" is used twice`, 'give every entry its own id');
  }
  for (const d of new Set(dup(s.missingReasons.map((r) => r.code)))) add('missingReasons', d, `the missing-reason code "${d}" is used twice`, 'list every code once');
  s.covariates.forEach((c, i) => {
    for (const d of new Set(dup([...(c.levels ?? [])]))) add(`covariates[${i}].levels`, d, `the level "${d}" is listed twice for ${c.column}`, 'list every level once (the first is the reference level)');
  });
  if (s.baselineVisit !== undefined && !visitIds.includes(s.baselineVisit)) add('baselineVisit', s.baselineVisit, 'is not one of the visits', `use one of: ${visitIds.join(', ')}, or leave it out when the trial has no baseline visit`);
  // A single-arm cohort (a roll-out: everyone gets the course, no control arm) is a valid spec;
  // only analyses that compare arms refuse it (isSingleArm). A trial has one control and ≥ 1 intervention.
  const controls = s.arms.filter((a) => a.role === 'control').length;
  if (s.arms.length === 1 && controls === 1) add('arms', null, 'a single-arm cohort\'s one arm is its intervention', 'set the arm\'s role to "intervention", or add the intervention arm(s)');
  if (s.arms.length > 1 && controls !== 1) add('arms', null, controls === 0 ? 'no arm has role "control"' : `${controls} arms have role "control"`, 'mark exactly one arm, the comparator, as "control" and the others as "intervention" (or keep only one arm for a single-arm cohort)');
  if (s.columns.arm === undefined && s.arms.length > 1) add('columns.arm', null, 'a spec with more than one arm must name the arm column', 'add columns.arm');
  s.outcomes.forEach((o, i) => checkOutcome(s, o, i, add));
  if (s.outcomes.filter((o) => o.role === 'primary').length !== 1) add('outcomes', null, 'exactly one outcome must have role "primary"', 'mark the primary outcome');
  s.responders.forEach((r, i) => {
    const o = s.outcomes.find((x) => x.id === r.outcome);
    if (!o) add(`responders[${i}].outcome`, r.outcome, 'names no outcome of this spec', `use one of: ${outcomeIds.join(', ')}`);
    else if (o.kind === 'binary' || o.kind === 'time-to-event') add(`responders[${i}].outcome`, r.outcome, `is a ${o.kind} outcome; a responder rule needs a score, continuous or count outcome`, 'for a success derived from another outcome declare a binary outcome with a "rule"');
    else if (r.type === 'change' && (s.baselineVisit === undefined || !outcomeVisits(o, visitIds).includes(s.baselineVisit))) add(`responders[${i}].type`, r.type, `a change needs ${o.id} at a baseline visit`, 'use "level", or declare the baseline visit');
  });
  if (s.registerPanel) {
    for (const issue of checkRegisterPanel(s.registerPanel)) add(issue.path, null, issue.message, issue.fix);
    if (s.columns.id === undefined && s.registerPanel.columns.id === undefined) add('columns.id', null, 'a register panel needs the participant id column', 'name the column that identifies the participant in columns.id');
    if (!s.registerPanel.file && s.columns.visit !== undefined) add('columns.visit', s.columns.visit, 'with a register panel in the data file the rows are weeks, not visits', 'leave columns.visit out: the visits are those of the derived outcomes (outcomes name their column per visit in "columns")');
  }
  if (participantRows(s)) {
    const suffixes = s.data.wide?.suffixes;
    if (suffixes) for (const v of Object.keys(suffixes)) if (!visitIds.includes(v)) add(`data.wide.suffixes.${v}`, v, 'is not one of the visits', `use one of: ${visitIds.join(', ')}`);
    // Every per-visit value must have a way into its visit row: a suffix or an outcome's `columns`.
    if (!suffixes) {
      s.outcomes.forEach((o, i) => {
        if (o.kind === 'time-to-event' || ('rule' in o && o.rule) || outcomeVisits(o, visitIds).length < 2) return;
        if (o.kind === 'score') add(`outcomes[${i}].visits`, o.visits ?? null, 'in wide data without visit suffixes the item columns cannot hold several visits', 'add data.wide.suffixes so that item columns are named per visit');
        else if (o.column !== undefined) add(`outcomes[${i}].column`, o.column, 'in wide data without visit suffixes one column cannot hold several visits', 'name a column per visit in "columns", or add data.wide.suffixes');
      });
    }
  } else if (!s.registerPanel) {
    if (s.columns.visit === undefined) add('columns.visit', null, 'long data need the visit column', 'name the column that says which visit a row belongs to');
    if (s.columns.id === undefined) add('columns.id', null, 'long data need the participant id column', 'name the column that identifies the participant');
  }
  if (s.populations.some((p) => p.rule.type === 'adherence') && !s.columns.adherence) {
    add('populations', null, 'an adherence rule needs columns.adherence', 'name the sessions-attended column in columns.adherence');
  }
  return out;
}

/**
 * Whether the table the loader hands on has one row per participant (wide): wide files, and a
 * register panel in the data file (collapsed to one row per participant with its derived columns).
 */
export function participantRows(s: Pick<TrialSpecParsed, 'data' | 'registerPanel'>): boolean {
  return s.data.format === 'wide' || (s.registerPanel !== undefined && s.registerPanel.file === undefined);
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

/** Problems zod's union messages would state poorly: an outcome without `kind` (never guessed). */
function precheck(json: unknown, file: string): DataProblem[] {
  const outcomes = (json as { outcomes?: unknown } | null)?.outcomes;
  if (!Array.isArray(outcomes)) return [];
  const out: DataProblem[] = [];
  outcomes.forEach((o, i) => {
    if (typeof o !== 'object' || o === null) return;
    const kind = (o as { kind?: unknown }).kind;
    if (kind !== undefined && outcomeKinds.includes(kind as never)) return;
    const hint = 'instrument' in o ? 'this one names an instrument: "score"' : 'column' in o || 'columns' in o ? 'for a number per visit "continuous" (decimals allowed), for events "count", for yes/no "binary"' : 'one of the kinds';
    out.push(specProblem(file, `outcomes[${i}].kind`, kind, kind === undefined ? 'the outcome has no "kind": effekt does not guess how to analyse a column' : 'is not an outcome kind', `add "kind": ${outcomeKinds.map((k) => `"${k}"`).join(', ')} (${hint}); see docs/spec.md`));
  });
  return out;
}

export function parseSpec(json: unknown, file: string): TrialSpec {
  const proto = protoKeys(json, '', []);
  if (proto.length > 0) throw new DataValidationError(proto.map((p) => specProblem(file, p, undefined, 'the name "__proto__" cannot be a key of the spec (as a label value it is fine)', 'rename the entry, e.g. "proto"')));
  const early = precheck(json, file);
  if (early.length > 0) throw new DataValidationError(early);
  const parsed = trialSpecSchema.safeParse(json);
  if (!parsed.success) {
    throw new DataValidationError(
      parsed.error.issues.map((i) => specProblem(file, i.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k === 0 ? '' : '.'}${String(p)}`)).join('') || '(top level)', undefined, i.message, 'correct the spec to match schemas/trial-spec.schema.json (docs/spec.md describes every field)')),
    );
  }
  const problems = checkSpec(parsed.data, file);
  if (problems.length > 0) throw new DataValidationError(problems);
  const wide = participantRows(parsed.data);
  const columns = { ...parsed.data.columns, id: parsed.data.columns.id ?? (wide ? ROW_ID_COLUMN : ''), visit: parsed.data.columns.visit ?? (wide ? WIDE_VISIT_COLUMN : '') };
  return Object.freeze({ ...parsed.data, columns, specFile: resolve(file) });
}

export function loadSpec(file: string): TrialSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataValidationError([specProblem(file, '', undefined, `cannot read the spec (${(e as Error).message})`, 'check the --spec path')]);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new DataValidationError([specProblem(file, '', undefined, `the spec is not valid JSON (${parsed.problem})`, 'fix the JSON syntax')]);
  return parseSpec(parsed.value, file);
}

/** Resolves a path written in the spec relative to the spec's folder. */
export function specRelative(spec: TrialSpec, path: string): string {
  return resolve(dirname(spec.specFile), path);
}
