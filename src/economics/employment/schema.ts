/**
 * An employment scenario (kind "employment"): the business case of an employment intervention
 * such as IPS, built from weekly figures — what the municipality (and the state) saves per week a
 * citizen is off cash benefit and per week in work — and the weeks the intervention gains per
 * participant, plus the social-investment terms (an investor pre-finances the programme, the
 * municipality pays per job or education start). It compiles to an ordinary economics scenario
 * (compile.ts), so the business case, settlement, PSA, tornado, charts and report are the ones
 * every scenario gets. Conventions: docs/economics.md § 6.
 */
import { z } from 'zod';

const localised = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();
const money = z.number().finite().nonnegative();

/** Where a figure comes from. "assumed" figures carry a note saying what they are and where to check them. */
export const provenanceSchema = z.enum(['published', 'derived', 'assumed', 'trial']);

const sourced = {
  provenance: provenanceSchema,
  /** What the figure is and where it comes from (or, for an assumption, where to check it). */
  source: z.string().min(1),
};

export const weeklyComponentSchema = z
  .object({
    id: z.string().min(1).regex(/^[a-z0-9-]+$/, 'a component id is lower-case letters, digits and "-"'),
    name: localised,
    /** Which gained week it applies to: a week off cash benefit, or a week in work. */
    per: z.enum(['week-off-benefit', 'week-in-work']),
    /** Who saves (or, when negative, loses) it. Only the municipality's parts enter the municipal business case. */
    payer: z.enum(['municipality', 'state']),
    /** DKK per week (negative = a loss, e.g. income tax no longer paid on the benefit). */
    amount: z.number().finite(),
    ...sourced,
  })
  .strict();

const weeksSchema = z
  .object({
    /** Weeks gained per participant over the horizon, intervention minus counterfactual. */
    value: z.number().finite(),
    /** Its sampling SE (for the PSA's saving uncertainty). */
    se: z.number().finite().nonnegative().optional(),
    ...sourced,
  })
  .strict();

export const employmentScenarioSchema = z
  .object({
    $schema: z.string().optional(),
    kind: z.literal('employment'),
    id: z.string().min(1),
    title: localised,
    source: z.string().min(1),
    currency: z.literal('DKK').default('DKK'),
    programme: z.object({ citizensPerYear: z.number().int().positive(), years: z.number().int().positive(), ...sourced }).strict(),
    /** Years over which the gained weeks fall, from a cohort's start year; the profile splits them by year. */
    horizonYears: z.number().int().positive().max(30),
    savingsProfile: z.array(z.number().min(0)).optional(),
    discountRate: z.number().min(0).max(0.5).default(0),
    /** The payment metric: starting work or education (gross rate with the intervention, and without). */
    outcome: z
      .object({
        id: z.string().min(1),
        name: localised,
        interventionRate: z.number().min(0).max(1),
        counterfactualRate: z.number().min(0).max(1),
        /** SE of the difference (intervention − counterfactual). */
        se: z.number().finite().nonnegative().optional(),
        /** The results.json effect-rate metric that supplies the difference when --results is given. */
        resultsMetric: z.string().min(1).optional(),
        ...sourced,
      })
      .strict(),
    weeks: z.object({ offBenefit: weeksSchema, inWork: weeksSchema }).strict(),
    components: z.array(weeklyComponentSchema).min(1),
    /** Uncertainty of the municipal saving per successful citizen in the PSA, as a coefficient of variation around the compiled saving. Default: from the weeks' SEs (gamma). */
    savingUncertainty: z.object({ type: z.enum(['gamma', 'lognormal', 'normal']), cv: z.number().finite().positive() }).strict().optional(),
    investment: z
      .object({
        /** What the investor pre-finances for the whole programme, DKK. */
        amount: money,
        investor: z.string().min(1),
        provider: z.string().min(1).optional(),
        ...sourced,
      })
      .strict(),
    rateCard: z
      .object({
        /** Paid per start: "gross" every start, "net" only starts above the counterfactual. */
        pricePerStart: money,
        basis: z.enum(['gross', 'net']),
        floor: money.default(0),
        cap: money.optional(),
        paymentLagYears: z.number().int().min(0).max(10).default(1),
        ...sourced,
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
  })
  .strict();

export type EmploymentScenario = z.output<typeof employmentScenarioSchema>;
export type EmploymentScenarioInput = z.input<typeof employmentScenarioSchema>;
export type WeeklyComponent = z.output<typeof weeklyComponentSchema>;

export function employmentScenarioJsonSchema(): unknown {
  return z.toJSONSchema(employmentScenarioSchema, { io: 'input' });
}
