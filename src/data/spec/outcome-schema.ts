/**
 * Outcomes of a trial spec, one schema per kind (docs/spec.md has a worked example of each):
 *   score          — an instrument scored from item columns (`instruments`);
 *   continuous     — one number per visit, decimals allowed, an optional plausible range;
 *   binary         — a column with its success and failure levels, or a rule on another outcome;
 *   count          — events (whole numbers ≥ 0) with an optional exposure (offset);
 *   time-to-event  — time (or start and end dates) and an event indicator, per participant.
 * `kind` is required: a column is never guessed to be a count or a score.
 */
import { z } from 'zod';

export const localisedSchema = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();

export const outcomeRoles = ['primary', 'secondary', 'exploratory', 'safety'] as const;
export const outcomeKinds = ['score', 'continuous', 'binary', 'count', 'time-to-event'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

/** "higher-is-better": a larger value (more successes, a higher score) is the good direction. */
export const directionSchema = z.enum(['higher-is-better', 'higher-is-worse']);

/** Per-visit columns: visit id → column name as written in the file's header. */
const perVisitColumns = z.record(z.string().min(1), z.string().min(1));

const common = {
  id: z.string().min(1).regex(/^[^\s@]+$/, 'an outcome id has no spaces and no "@"'),
  /** The outcome's label in Danish and English (used in tables, sentences and the report). */
  name: localisedSchema,
  role: z.enum(outcomeRoles),
  /** The visit the outcome's primary question is answered at. */
  primaryVisit: z.string().min(1),
  /** Visits the outcome is measured at (default: every visit of the spec; with `columns`, its keys). */
  visits: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Unit shown after numbers, e.g. "kg", "lb", "seizures": one string for both languages, or
   * `{ "da": "uger", "en": "weeks" }` when the word differs. Left out, differences are in points.
   */
  unit: z.union([z.string().min(1), localisedSchema], { error: 'a unit is a word, e.g. "lb", or a word per language, e.g. { "da": "uger", "en": "weeks" }' }).optional(),
};

/** An outcome's declared unit in both languages (one string is the same in both); null when none is declared. */
export function unitInBothLanguages(unit: string | { readonly da: string; readonly en: string } | undefined): { readonly da: string; readonly en: string } | null {
  if (unit === undefined) return null;
  return typeof unit === 'string' ? { da: unit, en: unit } : { da: unit.da, en: unit.en };
}

/** Where a per-visit value is read: one `column` (long data, or the stem of wide columns) or `columns` per visit. */
const source = {
  column: z.string().min(1).optional(),
  columns: perVisitColumns.optional(),
};

const oneSource = (o: { column?: string; columns?: Record<string, string> }) => (o.column === undefined) !== (o.columns === undefined);
const oneSourceMessage = { message: 'name exactly one of "column" (long data, or the stem of wide columns) or "columns" (visit → column)' };

export const scoreOutcomeSchema = z
  .object({
    ...common,
    kind: z.literal('score'),
    /** Id of an entry in `instruments`; its direction and range come from the instrument. */
    instrument: z.string().min(1),
  })
  .strict();

export const continuousOutcomeSchema = z
  .object({
    ...common,
    kind: z.literal('continuous'),
    ...source,
    direction: directionSchema,
    /** Plausible range [min, max]: a value outside is refused as a data error. */
    range: z.tuple([z.number(), z.number()]).optional(),
  })
  .strict()
  .refine(oneSource, oneSourceMessage);

const binaryRuleSchema = z
  .object({
    /** Id of a score or continuous outcome. */
    outcome: z.string().min(1),
    /** "change": improvement from baseline ≥ threshold; "level": the value at the visit is on the good side of threshold (or equal). */
    type: z.enum(['change', 'level']),
    threshold: z.number().finite(),
  })
  .strict();

export const binaryOutcomeSchema = z
  .object({
    ...common,
    kind: z.literal('binary'),
    ...source,
    /** Levels (as written in the file) counted as a success (1) … */
    success: z.array(z.string()).min(1).optional(),
    /** … and as a failure (0). Any other non-empty value is a data error. */
    failure: z.array(z.string()).min(1).optional(),
    /** Whether a success is the good outcome ("higher-is-better") or the bad one (an event, relapse). */
    direction: directionSchema.optional(),
    /** Instead of a column: a success derived from another outcome (responder by change or by level). */
    rule: binaryRuleSchema.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const fromColumn = o.column !== undefined || o.columns !== undefined;
    if (o.rule !== undefined) {
      if (fromColumn || o.success || o.failure) ctx.addIssue({ code: 'custom', message: 'a binary outcome has either a "rule" or a column with "success" and "failure" levels, not both', path: ['rule'] });
      if (o.direction === 'higher-is-worse') ctx.addIssue({ code: 'custom', message: 'a rule-derived success is the good outcome: leave "direction" out or set it to "higher-is-better"', path: ['direction'] });
      return;
    }
    if (!oneSource(o)) ctx.addIssue({ code: 'custom', message: `${oneSourceMessage.message}, or give a "rule"`, path: ['column'] });
    if (!o.success) ctx.addIssue({ code: 'custom', message: 'list the level(s) counted as a success, e.g. "success": ["good"]', path: ['success'] });
    if (!o.failure) ctx.addIssue({ code: 'custom', message: 'list the level(s) counted as a failure, e.g. "failure": ["poor"]', path: ['failure'] });
    if (!o.direction) ctx.addIssue({ code: 'custom', message: 'say whether a success is good ("higher-is-better") or bad ("higher-is-worse")', path: ['direction'] });
    const both = (o.success ?? []).filter((s) => (o.failure ?? []).includes(s));
    if (both.length) ctx.addIssue({ code: 'custom', message: `level(s) listed as both success and failure: ${both.join(', ')}`, path: ['failure'] });
  });

const exposureSchema = z.union([
  /** A column holding each participant's exposure at each visit (time at risk, > 0). */
  z.object({ column: z.string().min(1), unit: z.string().min(1).optional() }).strict(),
  z.object({ columns: perVisitColumns, unit: z.string().min(1).optional() }).strict(),
  /** The same exposure for everyone (e.g. a 2-week period). */
  z.object({ value: z.number().positive().finite(), unit: z.string().min(1).optional() }).strict(),
]);

export const countOutcomeSchema = z
  .object({
    ...common,
    kind: z.literal('count'),
    ...source,
    direction: directionSchema,
    /** Time at risk: rates and rate ratios are per unit of exposure (log exposure is the model's offset). */
    exposure: exposureSchema.optional(),
  })
  .strict()
  .refine(oneSource, oneSourceMessage);

const eventSchema = z
  .object({
    column: z.string().min(1),
    /** Levels meaning the event happened … */
    event: z.array(z.string()).min(1),
    /** … and meaning censored (event not seen by the end of follow-up). */
    censored: z.array(z.string()).min(1),
    /**
     * Levels meaning a competing event (another cause ended the wait, e.g. disability pension
     * before a job): the outcome is then analysed as competing risks — Aalen–Johansen cumulative
     * incidence of each cause and cause-specific hazard ratios — instead of Kaplan–Meier.
     */
    competing: z.array(z.string()).min(1).optional(),
    /**
     * Names of the causes in both languages, by level: `{ "disability_pension": { "da":
     * "førtidspension", "en": "disability pension" } }`. The report shows them for the causes of a
     * competing-risks outcome; a level without one is shown as written in the file.
     */
    labels: z.record(z.string().min(1), localisedSchema).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const all = [...e.event, ...e.censored, ...(e.competing ?? [])];
    const dup = [...new Set(all.filter((x, i) => all.indexOf(x) !== i))];
    if (dup.length) ctx.addIssue({ code: 'custom', message: `level(s) listed twice among event, censored and competing: ${dup.join(', ')}`, path: ['censored'] });
    if (e.labels === undefined) return;
    // Only a cause is ever named: a label elsewhere would be declared and never shown.
    if (e.competing === undefined) ctx.addIssue({ code: 'custom', message: 'labels name the causes of a competing-risks outcome: list the competing levels in "competing", or leave "labels" out', path: ['labels'] });
    const causes = [...e.event, ...(e.competing ?? [])];
    for (const level of Object.keys(e.labels)) {
      if (!causes.includes(level)) ctx.addIssue({ code: 'custom', message: `"${level}" is not an event or competing level (${causes.join(', ')}): label only those, as written in the file`, path: ['labels', level] });
    }
  });

export const timeToEventOutcomeSchema = z
  .object({
    id: common.id,
    name: common.name,
    role: common.role,
    kind: z.literal('time-to-event'),
    /** Follow-up time (≥ 0, decimals allowed) … */
    time: z.string().min(1).optional(),
    /** … or the start and end dates (YYYY-MM-DD): time = end − start in days. */
    start: z.string().min(1).optional(),
    end: z.string().min(1).optional(),
    event: eventSchema,
    /** "higher-is-worse": the event is harmful (death, relapse); "higher-is-better": it is wanted (employment). */
    direction: directionSchema,
    /** The time unit ("weeks", or { "da": "uger", "en": "weeks" } so the Danish report says uger). */
    unit: common.unit,
  })
  .strict()
  .superRefine((o, ctx) => {
    const dates = o.start !== undefined || o.end !== undefined;
    if ((o.time === undefined) === !dates) ctx.addIssue({ code: 'custom', message: 'give either "time" or both "start" and "end" dates', path: ['time'] });
    else if (dates && (o.start === undefined || o.end === undefined)) ctx.addIssue({ code: 'custom', message: 'dates need both "start" and "end"', path: [o.start === undefined ? 'start' : 'end'] });
  });

export const outcomeSpecSchema = z.discriminatedUnion('kind', [scoreOutcomeSchema, continuousOutcomeSchema, binaryOutcomeSchema, countOutcomeSchema, timeToEventOutcomeSchema]);

export type OutcomeSpec = z.output<typeof outcomeSpecSchema>;
export type ScoreOutcomeSpec = z.output<typeof scoreOutcomeSchema>;
export type ContinuousOutcomeSpec = z.output<typeof continuousOutcomeSchema>;
export type BinaryOutcomeSpec = z.output<typeof binaryOutcomeSchema>;
export type CountOutcomeSpec = z.output<typeof countOutcomeSchema>;
export type TimeToEventOutcomeSpec = z.output<typeof timeToEventOutcomeSchema>;
/** Outcomes measured at visits (every kind but time-to-event). */
export type VisitOutcomeSpec = Exclude<OutcomeSpec, TimeToEventOutcomeSpec>;

/** The visits an outcome is measured at: its `visits`, else the keys of `columns`, else every visit. */
export function outcomeVisits(o: VisitOutcomeSpec, allVisits: readonly string[]): string[] {
  if (o.visits) return [...o.visits];
  if ('columns' in o && o.columns) return allVisits.filter((v) => Object.hasOwn(o.columns!, v));
  return [...allVisits];
}

/** The column holding the outcome's value at a visit (null when it is not read from a column there). */
export function outcomeColumnAt(o: { column?: string; columns?: Record<string, string> }, visit: string): string | null {
  if (o.column !== undefined) return o.column;
  return o.columns && Object.hasOwn(o.columns, visit) ? o.columns[visit] : null;
}
