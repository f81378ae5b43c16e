/**
 * The roll-out contract: what the fund, the partnership and each municipality agreed — the
 * payment metrics and their definitions, prices, floors and caps, the counterfactual ("what would
 * have happened without the course") with its source and uncertainty, the payment periods and the
 * investor's pre-financing. Data, validated once (zod; `schemas/rollout-contract.schema.json` is
 * generated from this file), stored in the roll-out store at `rollout init`. Every field and
 * formula: docs/rollout.md.
 */
import { z } from 'zod';

const localised = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();
const money = z.number().finite().nonnegative();
const rate = z.number().min(0).max(1);

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

/** When a citizen achieves a payment metric, from the scored outcomes of the cohort spec. */
export const metricRuleSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('change'),
      /** Outcome id in the cohort spec (a scored instrument or a count column). */
      outcome: z.string().min(1),
      /** Change from the baseline visit to the follow-up visit, in the beneficial direction, of at least this much. */
      threshold: z.number().finite().positive(),
      /** Needed for a count column (e.g. psychiatric contacts: "lower-is-better"); an instrument's direction comes from the registry. */
      direction: z.enum(['higher-is-better', 'lower-is-better']).optional(),
    })
    .strict()
    .describe('achieved when (follow-up − baseline) × direction ≥ threshold'),
  z
    .object({
      type: z.literal('level'),
      outcome: z.string().min(1),
      /** The follow-up value lies on the beneficial side of (or at) this value. */
      threshold: z.number().finite(),
      direction: z.enum(['higher-is-better', 'lower-is-better']).optional(),
    })
    .strict()
    .describe('achieved when the follow-up value is on the beneficial side of threshold (inclusive)'),
]);
export type MetricRule = z.output<typeof metricRuleSchema>;

/** The expected share achieving the metric without the course (deadweight), with its source and uncertainty. */
export const counterfactualSchema = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('trial'),
      /** The results.json effect-rate metric (responder definition) whose control arm gives the rate, e.g. "qpr15-responder". */
      resultsMetric: z.string().min(1),
      /** Arm label in the trial; default: its control arm. */
      arm: z.string().min(1).optional(),
    })
    .strict()
    .describe("the trial arm's responder share and its Wilson confidence interval, read from the trial results named in trialResults"),
  z
    .object({
      source: z.literal('fixed'),
      rate,
      /** Confidence (or plausible) range of the rate; the conservative option pays above `upper`. */
      lower: rate,
      upper: rate,
      /** Where the rate comes from (study, register analysis, or "assumed"). */
      reference: z.string().min(1),
    })
    .strict()
    .describe('a rate agreed in the contract, with its range and reference'),
]);
export type CounterfactualInput = z.output<typeof counterfactualSchema>;

export const paymentMetricSchema = z
  .object({
    /** Payment metric id, e.g. "personal-recovery". */
    id: z.string().min(1).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
    name: localised,
    /** The agreed definition in words (printed on every settlement note). */
    definition: localised,
    rule: metricRuleSchema,
    /** Price per citizen achieving the metric above the counterfactual, DKK. */
    pricePerOutcome: money,
    counterfactual: counterfactualSchema,
    /** Per municipality, over the whole contract: the metric's payments are topped up to at least this in the final period. */
    floor: money.default(0),
    /** Per municipality, over the whole contract: the metric's payments never exceed this. */
    cap: money.optional(),
    /** The effect id in the business-case scenario this metric realises (for the municipality's saving estimate). */
    scenarioEffect: z.string().min(1).optional(),
  })
  .strict();
export type PaymentMetricInput = z.output<typeof paymentMetricSchema>;

export const periodSchema = z
  .object({
    /** Period id used on the command line, e.g. "2024H1". */
    id: z.string().min(1).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "_" and "-"'),
    /** First and last day (inclusive). A course group belongs to the period holding its end date. */
    from: isoDateSchema,
    to: isoDateSchema,
  })
  .strict();
export type Period = z.output<typeof periodSchema>;

export const contractMunicipalitySchema = z
  .object({
    /** As written in the export's municipality (site) column. */
    id: z.string().min(1),
    /** Official municipality code (optional, printed on notes). */
    code: z.string().optional(),
  })
  .strict();

export const contractSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    title: localised,
    /** True for the synthetic sample: every note then says so. */
    synthetic: z.boolean().default(false),
    currency: z.literal('DKK').default('DKK'),
    parties: z.object({ fund: z.string().min(1), partnership: z.string().min(1), agency: z.string().min(1) }).strict(),
    /** The trial's results.json (path relative to the contract): the benchmark and the trial counterfactuals. `sha256` pins the file signed. */
    trialResults: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict(),
    /** The cohort visits the metrics compare: start and end of the course. */
    visits: z.object({ baseline: z.string().min(1), followUp: z.string().min(1) }).strict(),
    municipalities: z.array(contractMunicipalitySchema).min(1),
    paymentMetrics: z.array(paymentMetricSchema).min(1),
    /** "estimate": expected = n × counterfactual rate; "upper-confidence-limit": the conservative option, n × its upper limit. */
    counterfactualBound: z.enum(['estimate', 'upper-confidence-limit']).default('estimate'),
    /** Per municipality over the contract, all metrics together: topped up to `floor` in the final period, never above `cap`. */
    limits: z.object({ floor: money.default(0), cap: money.optional() }).strict().default({ floor: 0 }),
    /** "deficit": a period where fewer achieve than expected carries the shortfall (in DKK) to the metric's next periods; "none": it is forgiven. */
    carryOver: z.enum(['deficit', 'none']).default('deficit'),
    /** Consecutive payment periods, oldest first; the last is the final settlement (floors apply there). */
    periods: z.array(periodSchema).min(1),
    investor: z
      .object({
        name: z.string().min(1).optional(),
        /** Paid by the investor for each citizen who starts, in the period the citizen's group starts. */
        prefinancingPerCitizen: money,
        /** Periods between a period and the payment of its settlement (the investor's cash flow). */
        paymentLagPeriods: z.number().int().min(0).max(20).default(1),
      })
      .strict(),
    /** Economics scenario (path relative to the contract) for the municipality's saving estimate at the realised effect. */
    businessCase: z.object({ scenario: z.string().min(1) }).strict().optional(),
    confLevel: z.number().gt(0).lt(1).default(0.95),
  })
  .strict();

export type ContractInput = z.input<typeof contractSchema>;
export type ContractParsed = z.output<typeof contractSchema>;

export function contractJsonSchema(): unknown {
  return z.toJSONSchema(contractSchema, { io: 'input' });
}
