/**
 * Instruments in a trial spec: either a reference to the built-in library
 * (src/instruments/registry.json) by name, with any field overridden for the trial's version of
 * the scale, or a full definition written in the spec — so a new questionnaire never needs a
 * source edit. The scoring rules are the registry's fields (see docs/spec.md).
 */
import { z } from 'zod';
import { localisedSchema } from './outcome-schema.ts';

export const missingRuleSchema = z.union([
  /** Prorate (mean of the answered items, × items for a sum) when at most this share of items is missing. */
  z.object({ rule: z.literal('prorate'), maxMissingShare: z.number().min(0).max(1) }).strict(),
  /** Prorate when at most this many items are missing. */
  z.object({ rule: z.literal('prorate'), maxMissing: z.number().int().min(0) }).strict(),
  /** Replace up to this many missing items by the mean of the others (the same number as prorating). */
  z.object({ rule: z.literal('replace-mean'), maxMissing: z.number().int().min(0) }).strict(),
]);

export const mcidSchema = z.object({ betweenGroups: z.number().positive(), withinPerson: z.number().positive() }).strict().nullable();

/** The scoring fields a spec may write or override (the item count comes from `items`). */
export const scoringFields = {
  name: localisedSchema,
  itemRange: z.tuple([z.number(), z.number()]),
  scoring: z.enum(['sum', 'mean']),
  higherIsBetter: z.boolean(),
  mcid: mcidSchema,
  missing: missingRuleSchema,
  /** 1-based numbers of the items scored in reverse (x → min + max − x). */
  reverseItems: z.array(z.number().int().positive()),
  source: z.string(),
};

const itemsSchema = z.union([
  z.object({ prefix: z.string().min(1), count: z.number().int().positive() }).strict(),
  z.object({ columns: z.array(z.string().min(1)).min(1) }).strict(),
]);

/** A questionnaire defined in the spec: name, item range, sum or mean and direction are required. */
export const inlineDefinitionSchema = z
  .object({
    name: scoringFields.name,
    itemRange: scoringFields.itemRange,
    scoring: scoringFields.scoring,
    higherIsBetter: scoringFields.higherIsBetter,
    mcid: scoringFields.mcid.default(null),
    missing: scoringFields.missing.default({ rule: 'prorate', maxMissingShare: 0.2 }),
    reverseItems: scoringFields.reverseItems.default([]),
    source: scoringFields.source.default(''),
  })
  .strict();

export const instrumentUseSchema = z
  .object({
    /** Local id used by outcomes. */
    id: z.string().min(1),
    /** A built-in instrument by name (e.g. "QPR-15") … */
    instrument: z.string().min(1).optional(),
    /** … or a full definition of one that is not built in. */
    definition: inlineDefinitionSchema.optional(),
    items: itemsSchema,
    /** Field-by-field changes to the built-in definition for this trial's version of the scale. */
    overrides: z.object(scoringFields).partial().strict().optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if ((u.instrument === undefined) === (u.definition === undefined)) ctx.addIssue({ code: 'custom', message: 'name a built-in "instrument" or write its "definition" (exactly one of the two)', path: ['instrument'] });
    if (u.definition !== undefined && u.overrides !== undefined) ctx.addIssue({ code: 'custom', message: '"overrides" change a built-in instrument; write the values into "definition" instead', path: ['overrides'] });
  });

export type InstrumentUse = z.output<typeof instrumentUseSchema>;
