/**
 * The economics scenario: one municipality's business case for the intervention (SØM-style),
 * the social-investment settlement and the uncertainty for the probabilistic sensitivity
 * analysis. Validated once; `scenarioJsonSchema()` exports it for editors.
 */
import { z } from 'zod';

const localised = z.object({ da: z.string(), en: z.string() });

export const administrationIds = ['social', 'health', 'employment'] as const;
export type AdministrationId = (typeof administrationIds)[number];

const money = z.number().finite().nonnegative();

/** A distribution for one uncertain parameter. Mean/SD parameterisations are converted internally. */
export const distributionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed') }).strict(),
  z.object({ type: z.literal('normal'), mean: z.number().finite(), sd: z.number().finite().nonnegative() }).strict(),
  z.object({ type: z.literal('lognormal'), mean: z.number().finite().positive(), sd: z.number().finite().nonnegative() }).strict(),
  z.object({ type: z.literal('gamma'), mean: z.number().finite().positive(), sd: z.number().finite().nonnegative() }).strict(),
  /** Beta on [min, max] (default [0, 1]: a proportion); a scaled beta bounds a cost or saving. */
  z.object({ type: z.literal('beta'), mean: z.number().finite(), sd: z.number().finite().nonnegative(), min: z.number().finite().optional(), max: z.number().finite().optional() }).strict(),
  z.object({ type: z.literal('triangular'), min: z.number().finite(), mode: z.number().finite(), max: z.number().finite() }).strict(),
]);
export type Distribution = z.infer<typeof distributionSchema>;

export const targetGroupSchema = z
  .object({
    id: z.string().min(1),
    name: localised,
    /** Share of participants in this target group (all shares sum to 1). */
    share: z.number().min(0).max(1),
    /** Saving per citizen who achieves the effect, over the horizon (undiscounted), DKK. */
    savingPerSuccess: z
      .object({
        /** The published total: authoritative; the administration parts are its split. */
        total: money,
        byAdministration: z.object({ social: money, health: money, employment: money }).strict(),
      })
      .strict(),
    savingUncertainty: distributionSchema.optional(),
  })
  .strict();

export const effectSchema = z
  .object({
    /** Payment metric id, e.g. "personal-recovery". */
    id: z.string().min(1),
    name: localised,
    /** Net effect rate: success rate with the intervention minus the counterfactual (deadweight) rate. */
    rate: z.number().min(-1).max(1),
    /** Where the rate comes from: "published" | "derived" | "assumed" | "trial" (set by --results). */
    provenance: z.enum(['published', 'derived', 'assumed', 'trial']),
    note: z.string().optional(),
    /** The results.json effect-rate metric that supplies this rate when --results is given. */
    resultsMetric: z.string().min(1).optional(),
    /** Which administrations' savings this effect drives. */
    drives: z.array(z.enum(administrationIds)).min(1),
    /** Sampling SE of the rate (set from the trial when linked); used by the PSA. */
    se: z.number().nonnegative().optional(),
    df: z.number().positive().nullable().optional(),
  })
  .strict();

export const rateCardEntrySchema = z
  .object({
    /** The effect (payment metric) id this price applies to. */
    effect: z.string().min(1),
    /** Price per achieved outcome, DKK. */
    pricePerOutcome: money,
    /** "net": outcomes above the counterfactual (rate × participants); "gross": every participant achieving it. */
    basis: z.enum(['net', 'gross']).default('net'),
    /** For "gross": the success rate with the intervention (the counterfactual is added to the net rate). */
    counterfactualRate: z.number().min(0).max(1).default(0),
    /** This metric's payments over the programme are kept within [floor, cap] (DKK) before the programme-wide limits. */
    floor: money.default(0),
    cap: money.optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    title: localised,
    source: z.string().min(1),
    currency: z.literal('DKK').default('DKK'),
    programme: z
      .object({
        groupsPerYear: z.number().int().positive(),
        participantsPerGroup: z.number().int().positive(),
        years: z.number().int().positive(),
      })
      .strict(),
    /** Years over which a successful citizen's savings accrue, from the year the citizen finishes. */
    horizonYears: z.number().int().positive().max(30),
    /** Yearly share of the horizon saving (sums to 1; length = horizonYears). Default: even. */
    savingsProfile: z.array(z.number().min(0)).optional(),
    /** Annual discount rate; 0 reproduces the seed figures, 0.035 is the Finance Ministry's rate. */
    discountRate: z.number().min(0).max(0.5).default(0),
    /** Municipal cost per citizen, including the repayment to the investor, DKK. */
    costPerCitizen: money,
    costUncertainty: distributionSchema.optional(),
    targetGroups: z.array(targetGroupSchema).min(1),
    effects: z.array(effectSchema).min(1),
    investor: z
      .object({
        /** Amount the investor pre-finances per citizen (paid to the provider in the course year). */
        prefinancingPerCitizen: money,
        rateCard: z.array(rateCardEntrySchema).min(1),
        /** Total outcome payments are kept within [floor, cap] (DKK over the programme). */
        floor: money.default(0),
        cap: money.optional(),
        /** Years between a cohort's course year and its outcome payment. */
        paymentLagYears: z.number().int().min(0).max(10).default(1),
        note: z.string().optional(),
      })
      .strict(),
    psa: z
      .object({
        draws: z.number().int().min(100).max(10_000_000).default(10_000),
        seed: z.number().int().min(1).max(4294967295).default(20240601),
        bins: z.number().int().min(5).max(200).default(40),
      })
      .strict()
      .default({ draws: 10_000, seed: 20240601, bins: 40 }),
    /** Published figures the model must reproduce (checked and reported, not used in computing). */
    published: z.record(z.string(), z.number()).optional(),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type TargetGroup = z.output<typeof targetGroupSchema>;
export type Effect = z.output<typeof effectSchema>;

export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input' });
}
