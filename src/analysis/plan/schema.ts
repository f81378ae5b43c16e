/**
 * The analysis plan: what is estimated, how, and how the results are protected against
 * multiplicity. It lives in the trial spec (`analysisPlan`) or in a file the spec names, and is
 * validated once here; every field has a documented default so a plan can be as short as `{}`.
 */
import { z } from 'zod';

export const estimatorIds = ['ancova', 'complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'tipping-point'] as const;
export type EstimatorId = (typeof estimatorIds)[number];

export const covarianceIds = ['unstructured', 'cs', 'csh', 'ar1', 'ar1h', 'toeplitz', 'independence'] as const;

const multiplicityMethod = z.enum(['none', 'bonferroni', 'holm', 'hochberg', 'hommel', 'BH', 'fixed-sequence']);

export const outcomePlanSchema = z
  .object({
    /** Primary estimator for this outcome (an outcome's own entry inherits the unset fields from `defaults`). */
    primary: z.enum(['ancova', 'mmrm']).optional(),
    /** Sensitivity estimators run in addition to the primary one. */
    sensitivity: z.array(z.enum(estimatorIds)).optional(),
    /** Visits to estimate at (default: every post-baseline visit). */
    visits: z.array(z.string()).optional(),
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
    alpha: z.number().gt(0).lt(1).default(0.05),
    confLevel: z.number().gt(0).lt(1).default(0.95),
    /** Outcome-specific overrides; outcomes not named use `defaults`. */
    outcomes: z.record(z.string(), outcomePlanSchema).default({}),
    defaults: outcomePlanSchema.default({}),
    sensitivity: z.array(z.enum(estimatorIds)).default(['complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch', 'tipping-point']),
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
      })
      .strict()
      .default({ m: 50, method: 'pmm', donors: 5, maxit: 10, byArm: false }),
    tippingPoint: z
      .object({
        /** Shift applied to imputed values in the intervention arm, in outcome units; searched up to this bound. */
        maxDelta: z.number().positive().optional(),
        steps: z.number().int().min(2).max(200).default(20),
        m: z.number().int().min(2).max(200).default(20),
      })
      .strict()
      .default({ steps: 20, m: 20 }),
    multiplicity: z.array(familySchema).optional(),
    subgroups: z.array(subgroupSchema).default([]),
    /** Standardiser for Cohen's d: pooled SD of the outcome at the visit, or of the baseline. */
    cohensDStandardiser: z.enum(['pooled-visit', 'pooled-baseline']).default('pooled-visit'),
  })
  .strict();

export type AnalysisPlan = z.output<typeof analysisPlanSchema>;
export type AnalysisPlanInput = z.input<typeof analysisPlanSchema>;
export type OutcomePlan = z.output<typeof outcomePlanSchema>;

/** What the plan says for one outcome: its own entry, else `defaults`, else the plan-wide sensitivity list. */
export interface ResolvedOutcomePlan {
  readonly primary: 'ancova' | 'mmrm';
  readonly sensitivity: readonly EstimatorId[];
  readonly visits: readonly string[] | null;
}

export function outcomePlan(plan: AnalysisPlan, outcomeId: string): ResolvedOutcomePlan {
  const own = (Object.hasOwn(plan.outcomes, outcomeId) ? plan.outcomes[outcomeId] : undefined) ?? {};
  const d = plan.defaults;
  return {
    primary: own.primary ?? d.primary ?? 'ancova',
    sensitivity: own.sensitivity ?? d.sensitivity ?? plan.sensitivity,
    visits: own.visits ?? d.visits ?? null,
  };
}
export type MultiplicityFamily = z.output<typeof familySchema>;
