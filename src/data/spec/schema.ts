/**
 * The trial specification: the one place that says which column means what. Every loader,
 * validator, scorer and estimator reads column names from here, never from code.
 */
import { z } from 'zod';
import { localisedSchema, outcomeSpecSchema } from './outcome-schema.ts';
import { instrumentUseSchema } from './instrument-schema.ts';
import { registerPanelSchema } from '../derive/schema.ts';

export { localisedSchema } from './outcome-schema.ts';
export * from './outcome-schema.ts';
export * from './instrument-schema.ts';
export const covariateSchema = z
  .object({
    column: z.string().min(1),
    label: localisedSchema,
    type: z.enum(['numeric', 'categorical']),
    /** Categorical levels in display order (the first is the reference). */
    levels: z.array(z.string().min(1)).optional(),
    levelLabels: z.record(z.string(), localisedSchema).optional(),
  })
  .strict()
  .refine((c) => c.type === 'numeric' || (c.levels !== undefined && c.levels.length >= 2), { message: 'a categorical covariate lists at least two levels' });

export const populationSchema = z
  .object({
    id: z.string().min(1),
    name: localisedSchema,
    rule: z.discriminatedUnion('type', [
      z.object({ type: z.literal('all') }).strict(),
      /** Intervention-arm participants attending at least `min` sessions; other arms all included. */
      z.object({ type: z.literal('adherence'), min: z.number().int().nonnegative() }).strict(),
    ]),
  })
  .strict();

export const responderSchema = z
  .object({
    outcome: z.string().min(1),
    /** "change": within-person change from baseline in the beneficial direction ≥ threshold; "level": value at the visit on the beneficial side of threshold. */
    type: z.enum(['change', 'level']),
    threshold: z.number().finite(),
    /** Name of the effect rate handed to the economics model (results.json effectRates[].metric). */
    metric: z.string().min(1),
    definition: localisedSchema,
  })
  .strict();

export const csvDialectSchema = z
  .object({
    delimiter: z.enum([',', ';', '\t', 'auto']).default('auto'),
    decimal: z.enum(['.', ',']).default('.'),
    /** "auto": UTF-8 (with or without BOM) when the bytes are UTF-8, else Windows-1252. A declared encoding the bytes contradict is an error. */
    encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  })
  .strict();

/**
 * What the report says about the trial (CONSORT 2025 items it cannot read off the data): all
 * optional, all echoed into results.json; an item left out is reported as "not given in the trial
 * specification". `synthetic` marks simulated data: every report page, PDF page and chart says so.
 */
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const trialSchema = z
  .object({
    id: z.string().min(1),
    title: localisedSchema,
    /** Registry identifier, e.g. "NCT04639167". */
    registration: z.string().optional(),
    /** Registry name and where the record is, e.g. "ClinicalTrials.gov, https://clinicaltrials.gov/study/NCT04639167". */
    registry: z.string().min(1).optional(),
    synthetic: z.boolean().default(false),
    /** Where the data come from, in words (for synthetic data: what they were simulated from). */
    dataSource: localisedSchema.optional(),
    /** Where the protocol and statistical analysis plan can be read (citation, DOI). */
    protocol: localisedSchema.optional(),
    funding: localisedSchema.optional(),
    /** Type of trial, allocation ratio and framework (superiority …). */
    design: localisedSchema.optional(),
    /** Settings and locations. */
    setting: localisedSchema.optional(),
    recruitment: z.object({ from: yearMonth, to: yearMonth }).strict().optional(),
    eligibility: localisedSchema.optional(),
    /** The intervention and the comparator, in enough detail to replicate. */
    intervention: localisedSchema.optional(),
    comparator: localisedSchema.optional(),
    sampleSize: z.object({ planned: z.number().int().positive(), rationale: localisedSchema.optional() }).strict().optional(),
    randomisation: z
      .object({ sequence: localisedSchema.optional(), concealment: localisedSchema.optional(), implementation: localisedSchema.optional() })
      .strict()
      .optional(),
    blinding: localisedSchema.optional(),
    /** How harms were defined and collected. */
    harms: localisedSchema.optional(),
    /** Limitations known from the design, reported beside those the report derives from the results. */
    limitations: localisedSchema.optional(),
  })
  .strict();

export const trialSpecSchema = z
  .object({
    $schema: z.string().optional(),
    trial: trialSchema,
    data: z
      .object({
        format: z.enum(['long', 'wide']).default('long'),
        csv: csvDialectSchema.default({ delimiter: 'auto', decimal: '.', encoding: 'auto' }),
        /**
         * Wide format (one row per participant): a column `<stem><separator><suffix>` holds the
         * value of `<stem>` at the visit with that suffix. Without suffixes, outcomes name their
         * per-visit columns in `columns` and every other column is per participant.
         */
        wide: z.object({ separator: z.string().default('_'), suffixes: z.record(z.string(), z.string().min(1)).optional() }).strict().optional(),
        sheet: z.string().optional(),
        /** Cell texts that mean "missing" besides an empty cell, e.g. ["NA"] for files written by R, ["."] for SAS/Stata (never in id, arm or visit columns). */
        missingValues: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    columns: z
      .object({
        /** Participant id. Optional in wide data only: the participant is then the data row (its number as Excel shows it). */
        id: z.string().min(1).optional(),
        /** The arm column; may be omitted by a single-arm cohort (one arm: every row belongs to it). */
        arm: z.string().min(1).optional(),
        /** Visit column of long data (wide data have none). */
        visit: z.string().min(1).optional(),
        site: z.string().min(1).optional(),
        strata: z.array(z.string().min(1)).default([]),
        missingReason: z.string().min(1).optional(),
        adherence: z.object({ column: z.string().min(1), max: z.number().int().positive() }).strict().optional(),
      })
      .strict(),
    /**
     * The arms: a trial has two or more — exactly one control, every other an intervention (each
     * compared with the control); a single-arm roll-out cohort has one intervention arm.
     */
    arms: z
      .array(z.object({ label: z.string().min(1), role: z.enum(['control', 'intervention']), name: localisedSchema }).strict())
      .min(1),
    visits: z.array(z.object({ id: z.string().min(1), name: localisedSchema }).strict()).min(1),
    /** The pre-randomisation visit (outcomes measured there are adjusted for); leave out when there is none. */
    baselineVisit: z.string().min(1).optional(),
    covariates: z.array(covariateSchema).default([]),
    instruments: z.array(instrumentUseSchema).default([]),
    outcomes: z.array(outcomeSpecSchema).min(1),
    events: z.array(z.object({ id: z.string().min(1), column: z.string().min(1), name: localisedSchema }).strict()).default([]),
    populations: z.array(populationSchema).default([{ id: 'itt', name: { da: 'Alle randomiserede (ITT)', en: 'All randomised (ITT)' }, rule: { type: 'all' } }]),
    responders: z.array(responderSchema).default([]),
    /**
     * The coded reasons for a missed visit that columns.missingReason may hold, with their names.
     * Free text is never published: a recorded value that is not one of these codes is counted as
     * "other" (and said so in the results' warnings).
     */
    missingReasons: z.array(z.object({ code: z.string().min(1).max(64), name: localisedSchema }).strict()).default([]),
    /**
     * A register panel (person × week status codes) and the outcomes derived from it by
     * declaration (docs/register-panels.md). Without `file` the trial's data file is the panel:
     * one row per participant and week, every other column the participant's.
     */
    registerPanel: registerPanelSchema.optional(),
    /** The analysis plan (validated by the analysis layer): an object, or a path relative to the spec. */
    analysisPlan: z.unknown().optional(),
  })
  .strict();

export type TrialSpecInput = z.input<typeof trialSpecSchema>;
export type TrialSpecParsed = z.output<typeof trialSpecSchema>;

export function trialSpecJsonSchema(): unknown {
  return z.toJSONSchema(trialSpecSchema, { io: 'input', unrepresentable: 'any' });
}
