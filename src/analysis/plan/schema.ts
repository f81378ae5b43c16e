/**
 * The analysis plan: what is estimated, how, adjusted for what, and how the results are
 * protected against multiplicity. It lives in the trial spec (`analysisPlan`) or in a file the
 * spec names, and is validated once here; every field has a documented default so a plan can be
 * as short as `{}` (docs/spec.md and docs/analysis.md describe each field).
 */
import { z } from 'zod';
import type { FrameOutcomeKind } from '../frame/frame.ts';

/** Estimators for score and continuous outcomes. */
export const continuousEstimatorIds = ['ancova', 'complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'tipping-point'] as const;
/** Estimators for binary outcomes: covariate-adjusted logistic regression with marginal standardisation, or two proportions. */
export const binaryEstimatorIds = ['logistic', 'two-proportion', 'per-protocol'] as const;
/** Estimators for count outcomes: rate ratios from negative-binomial or Poisson regression (log exposure as offset). */
export const countEstimatorIds = ['negative-binomial', 'poisson', 'per-protocol'] as const;
export const estimatorIds = [...new Set([...continuousEstimatorIds, ...binaryEstimatorIds, ...countEstimatorIds])] as [string, ...string[]];
export type EstimatorId = (typeof continuousEstimatorIds)[number] | (typeof binaryEstimatorIds)[number] | (typeof countEstimatorIds)[number];

export const primaryEstimatorIds = { continuous: ['ancova', 'mmrm'], binary: ['logistic', 'two-proportion'], count: ['negative-binomial', 'poisson'] } as const;
export type PrimaryEstimatorId = 'ancova' | 'mmrm' | 'logistic' | 'two-proportion' | 'negative-binomial' | 'poisson';

export const covarianceIds = ['unstructured', 'cs', 'csh', 'ar1', 'ar1h', 'toeplitz', 'independence'] as const;

export const binaryMeasures = ['risk-difference', 'risk-ratio', 'odds-ratio'] as const;
export type BinaryMeasure = (typeof binaryMeasures)[number];

const multiplicityMethod = z.enum(['none', 'bonferroni', 'holm', 'hochberg', 'hommel', 'BH', 'fixed-sequence']);

export const outcomePlanSchema = z
  .object({
    /** Primary estimator (an outcome's own entry inherits the unset fields from `defaults` or its kind's section). */
    primary: z.enum(['ancova', 'mmrm', 'logistic', 'two-proportion', 'negative-binomial', 'poisson']).optional(),
    /** Sensitivity estimators run in addition to the primary one. */
    sensitivity: z.array(z.enum(estimatorIds)).optional(),
    /** Visits to estimate at (default: every post-baseline visit the outcome is measured at). */
    visits: z.array(z.string()).optional(),
    /** Adjustment covariates: columns of the spec's `covariates` (numeric or categorical), besides the strata. */
    covariates: z.array(z.string().min(1)).optional(),
    /** Adjust for the outcome's own baseline value when it is measured at the baseline visit (default true). */
    adjustForBaseline: z.boolean().optional(),
    /** Binary outcomes: the effect measure of the row (default: the `binary` section's). */
    measure: z.enum(binaryMeasures).optional(),
    /** An optional outcome that yields no estimate gives a warning instead of an error. */
    optional: z.boolean().optional(),
    /** Time-to-event outcomes: restriction time τ for RMST and the incidence at τ (default: the `timeToEvent` section's). */
    tau: z.number().positive().finite().optional(),
    /** Time-to-event outcomes: times at which survival or incidence is reported per arm. */
    landmarks: z.array(z.number().nonnegative().finite()).optional(),
  })
  .strict();

export const familySchema = z
  .object({
    id: z.string().min(1),
    /** Outcome ids in the family, in testing order for fixed-sequence. */
    outcomes: z.array(z.string().min(1)).min(1),
    method: multiplicityMethod,
    /** Tested only if every hypothesis of this family was rejected (gatekeeping). */
    gatedBy: z.string().optional(),
    /** Comparisons in the family (ids "<intervention> vs <control>"; default every comparison). */
    comparisons: z.array(z.string().min(1)).min(1).optional(),
    label: z.object({ da: z.string(), en: z.string() }).partial().optional(),
  })
  .strict();

export const subgroupSchema = z
  .object({
    /** A baseline covariate or the site column. */
    column: z.string().min(1),
    label: z.object({ da: z.string(), en: z.string() }).partial().optional(),
  })
  .strict();

export const analysisPlanSchema = z
  .object({
    $schema: z.string().optional(),
    alpha: z.number().gt(0).lt(1).default(0.05),
    confLevel: z.number().gt(0).lt(1).default(0.95),
    /** With more than two arms: each intervention vs the control (default), or also every pair of interventions. */
    comparisons: z.enum(['vs-control', 'all-pairs']).default('vs-control'),
    /** Outcome-specific overrides; outcomes not named use `defaults` (and their kind's section). */
    outcomes: z.record(z.string(), outcomePlanSchema).default({}),
    /** Defaults for every outcome; `primary` and `sensitivity` here are for score and continuous outcomes. */
    defaults: outcomePlanSchema.omit({ optional: true, measure: true }).default({}),
    /** Sensitivity estimators of score and continuous outcomes when neither the outcome nor `defaults` say. */
    sensitivity: z.array(z.enum(continuousEstimatorIds)).default(['complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'tipping-point']),
    binary: z
      .object({
        primary: z.enum(primaryEstimatorIds.binary).default('logistic'),
        sensitivity: z.array(z.enum(binaryEstimatorIds)).default(['two-proportion', 'per-protocol']),
        /** The effect measure of binary rows (all three are reported; this one is tested and adjusted for multiplicity). */
        measure: z.enum(binaryMeasures).default('risk-difference'),
        /** Variance of the standardised risks: unconditional (Ye et al. 2023, default) or the delta method over the HC0 sandwich (Ge et al. 2011). */
        variance: z.enum(['ye-2023', 'ge-hc0']).default('ye-2023'),
      })
      .strict()
      .default({ primary: 'logistic', sensitivity: ['two-proportion', 'per-protocol'], measure: 'risk-difference', variance: 'ye-2023' }),
    count: z
      .object({
        primary: z.enum(primaryEstimatorIds.count).default('negative-binomial'),
        sensitivity: z.array(z.enum(countEstimatorIds)).default(['poisson', 'per-protocol']),
      })
      .strict()
      .default({ primary: 'negative-binomial', sensitivity: ['poisson', 'per-protocol'] }),
    /**
     * Time-to-event outcomes (docs/time-to-event.md): the Cox hazard ratio is the tested row
     * (Efron ties, stratified by the trial's strata, adjusted for the outcome's covariates); the
     * RMST difference at τ (or, with competing events, the cumulative-incidence difference at τ)
     * is a sensitivity row; Kaplan–Meier or Aalen–Johansen curves, medians, the log-rank test and
     * risk tables go to results.timeToEvent.
     */
    timeToEvent: z
      .object({
        /** Restriction time (in the outcome's unit); default the earliest arm's last follow-up time. */
        tau: z.number().positive().finite().optional(),
        landmarks: z.array(z.number().nonnegative().finite()).default([]),
        confType: z.enum(['log-log', 'log', 'plain']).default('log-log'),
        ties: z.enum(['efron', 'breslow']).default('efron'),
        /** Stratify the log-rank test and the Cox model by the trial's strata. */
        stratified: z.boolean().default(true),
      })
      .strict()
      .default({ landmarks: [], confType: 'log-log', ties: 'efron', stratified: true }),
    /** Populations whose analyses may come out empty (a warning instead of an error). */
    populations: z.record(z.string(), z.object({ optional: z.boolean().default(false) }).strict()).default({}),
    mmrm: z
      .object({
        covariance: z.enum(covarianceIds).default('unstructured'),
        df: z.enum(['satterthwaite', 'residual', 'between-within']).default('satterthwaite'),
        method: z.enum(['REML', 'ML']).default('REML'),
      })
      .strict()
      .default({ covariance: 'unstructured', df: 'satterthwaite', method: 'REML' }),
    imputation: z
      .object({
        m: z.number().int().min(2).max(1000).default(50),
        method: z.enum(['pmm', 'norm']).default('pmm'),
        donors: z.number().int().min(1).max(50).default(5),
        maxit: z.number().int().min(1).max(100).default(10),
        byArm: z.boolean().default(false),
        /** Baseline covariates added to the imputation model as predictors (the adjustment covariates always are). */
        auxiliary: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ m: 50, method: 'pmm', donors: 5, maxit: 10, byArm: false, auxiliary: [] }),
    tippingPoint: z
      .object({
        /** Shift applied to imputed values, in outcome units; searched up to this bound. */
        maxDelta: z.number().positive().optional(),
        steps: z.number().int().min(2).max(200).default(20),
        m: z.number().int().min(2).max(200).default(20),
        /** Whose imputed values are shifted: the intervention arm's (default), the control arm's, or both. */
        arm: z.enum(['intervention', 'control', 'both']).default('intervention'),
      })
      .strict()
      .default({ steps: 20, m: 20, arm: 'intervention' }),
    multiplicity: z.array(familySchema).optional(),
    subgroups: z.array(subgroupSchema).default([]),
    /** Standardiser for Cohen's d: pooled SD of the outcome at the visit, or of the baseline. */
    cohensDStandardiser: z.enum(['pooled-visit', 'pooled-baseline']).default('pooled-visit'),
  })
  .strict();

export type AnalysisPlan = z.output<typeof analysisPlanSchema>;
export type AnalysisPlanInput = z.input<typeof analysisPlanSchema>;
export type OutcomePlan = z.output<typeof outcomePlanSchema>;

/** What the plan says for one outcome, every field resolved. */
export interface ResolvedOutcomePlan {
  readonly primary: PrimaryEstimatorId;
  readonly sensitivity: readonly EstimatorId[];
  readonly visits: readonly string[] | null;
  readonly covariates: readonly string[];
  readonly adjustForBaseline: boolean;
  readonly measure: BinaryMeasure;
  readonly optional: boolean;
}

/** The estimator family of an outcome kind. */
export function estimatorFamily(kind: FrameOutcomeKind): 'continuous' | 'binary' | 'count' {
  return kind === 'score' || kind === 'continuous' ? 'continuous' : kind;
}

/**
 * Resolves one outcome's plan: its own entry, else `defaults` (primary and sensitivity of
 * `defaults` only for score and continuous outcomes), else its kind's section.
 */
export function outcomePlan(plan: AnalysisPlan, outcomeId: string, kind: FrameOutcomeKind = 'score'): ResolvedOutcomePlan {
  const own = (Object.hasOwn(plan.outcomes, outcomeId) ? plan.outcomes[outcomeId] : undefined) ?? {};
  const d = plan.defaults;
  const family = estimatorFamily(kind);
  const primary = own.primary ?? (family === 'continuous' ? (d.primary as PrimaryEstimatorId | undefined) ?? 'ancova' : plan[family].primary);
  const sensitivity = (own.sensitivity ?? (family === 'continuous' ? d.sensitivity ?? plan.sensitivity : plan[family].sensitivity)) as EstimatorId[];
  return {
    primary,
    sensitivity,
    visits: own.visits ?? d.visits ?? null,
    covariates: own.covariates ?? d.covariates ?? [],
    adjustForBaseline: own.adjustForBaseline ?? d.adjustForBaseline ?? true,
    measure: own.measure ?? plan.binary.measure,
    optional: own.optional ?? false,
  };
}
export type MultiplicityFamily = z.output<typeof familySchema>;
