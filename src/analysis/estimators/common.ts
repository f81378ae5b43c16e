/**
 * What every estimator returns before it is turned into an OutcomeResult: per-arm means with
 * CIs, the intervention − control difference, the participants counted, and how it was done.
 */
import type { AnalysisFrame, FrameComparison, FrameCovariate, FrameOutcome } from '../frame/frame.ts';
import { factor, numeric, type Variable } from '../../stats/design/model-matrix.ts';
import type { BinaryEffects, EffectMeasure } from '../results/types.ts';

export interface ArmEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly df: number | null;
  readonly lower: number;
  readonly upper: number;
}

export interface EstimatorOutput {
  readonly status: 'estimated' | 'not-estimable';
  readonly reason: string | null;
  readonly analysed: Readonly<Record<string, number>>;
  readonly emm: Readonly<Record<string, ArmEstimate>>;
  readonly difference: { readonly estimate: number; readonly se: number; readonly df: number | null; readonly statistic: number; readonly p: number; readonly lower: number; readonly upper: number } | null;
  /** SD used to standardise the difference (pooled SD of the outcome at the visit). */
  readonly sd: number | null;
  readonly covariates: readonly string[];
  readonly model: string;
  readonly dfMethod: string;
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
  readonly warnings: readonly string[];
  /** What `difference` measures (default a difference of means). */
  readonly measure?: EffectMeasure;
  /** Binary outcomes: every effect measure. */
  readonly binary?: BinaryEffects;
}

/** What a model adjusts for besides arm and the stratification factors (the plan's choice for the outcome). */
export interface Adjustment {
  /** Adjustment covariates (baseline characteristics), numeric or categorical. */
  readonly covariates: readonly FrameCovariate[];
  /** Adjust for the outcome's baseline value (when it has one). */
  readonly baseline: boolean;
}

export const NO_COVARIATES: Adjustment = Object.freeze({ covariates: [], baseline: true });

export interface EstimatorContext {
  readonly frame: AnalysisFrame;
  readonly outcome: FrameOutcome;
  readonly visit: number;
  /** Population membership per participant. */
  readonly include: (i: number) => boolean;
  readonly confLevel: number;
  /** The comparison answered: intervention − control (models include every arm; the contrast is this pair). */
  readonly comparison: FrameComparison;
  /** Adjustment covariates and baseline (default: baseline only). */
  readonly adjust?: Adjustment;
}

/** The first comparison of a frame (the only one in a two-arm trial). */
export function firstComparison(frame: AnalysisFrame): FrameComparison {
  return frame.comparisons[0];
}

/** Labels of the compared arms: [control, intervention]. */
export function comparedArms(ctx: EstimatorContext): [string, string] {
  return [ctx.frame.arms[ctx.comparison.control].label, ctx.frame.arms[ctx.comparison.intervention].label];
}

/** The outcome's baseline values when the model adjusts for them, else null. */
export function adjustedBaseline(ctx: EstimatorContext): Float64Array | null {
  const { frame, outcome } = ctx;
  if (!(ctx.adjust ?? NO_COVARIATES).baseline || !outcome.hasBaseline || frame.baselineVisit < 0) return null;
  return outcome.values[frame.baselineVisit];
}

/**
 * The arm factor over the given rows: the control first (the reference), then the other arms in
 * spec order — every arm with rows, so a multi-arm model pools the residual variance over arms.
 */
export function armFactor(frame: AnalysisFrame, rows: readonly number[]): Variable {
  const present = new Set(rows.map((i) => frame.arm[i]));
  const order = [frame.control, ...frame.arms.map((_, k) => k).filter((k) => k !== frame.control)].filter((k) => present.has(k));
  return factor('arm', rows.map((i) => frame.arms[frame.arm[i]].label), order.map((k) => frame.arms[k].label));
}

/**
 * The adjustment covariates as model variables over the given rows: a numeric covariate with
 * missing values gets them replaced by the mean of the rows (the randomised comparison stays
 * unbiased; White & Thompson 2005), a categorical one keeps "(missing)" as a level; a covariate
 * constant among the rows is left out — each with a warning naming it.
 */
export function covariateVariables(adjust: Adjustment | undefined, rows: readonly number[], warnings: string[]): Variable[] {
  const out: Variable[] = [];
  for (const c of adjust?.covariates ?? []) {
    if (c.kind === 'numeric') {
      const x = rows.map((i) => c.values[i]);
      // The mean over the analysed participants (a participant on several rows counts once).
      const people = [...new Set(rows)].map((i) => c.values[i]).filter((v) => !Number.isNaN(v));
      if (people.length === 0 || new Set(people).size < 2) {
        warnings.push(`covariate ${c.column} is constant or missing among the analysed and is left out of the model`);
        continue;
      }
      const m = people.reduce((a, b) => a + b, 0) / people.length;
      const missing = [...new Set(rows)].filter((i) => Number.isNaN(c.values[i])).length;
      if (missing > 0) warnings.push(`${missing} missing value(s) of covariate ${c.column} replaced by the mean of the analysed participants`);
      out.push(numeric(c.column, x.map((v) => (Number.isNaN(v) ? m : v))));
    } else {
      const labels = rows.map((i) => (c.values[i] < 0 ? '(missing)' : c.levels[c.values[i]]));
      const present = [...c.levels, '(missing)'].filter((l) => labels.includes(l));
      if (present.length < 2) {
        warnings.push(`covariate ${c.column} has one level among the analysed and is left out of the model`);
        continue;
      }
      out.push(factor(c.column, labels, present));
    }
  }
  return out;
}

/** A model formula as fitted, in R's notation: `y ~ arm + b + s1 + c1`. */
export function formula(response: string, terms: readonly string[]): string {
  return `${response} ~ ${terms.join(' + ')}`;
}

export function notEstimable(ctx: EstimatorContext, reason: string, model: string, analysed: Record<string, number> = {}): EstimatorOutput {
  return { status: 'not-estimable', reason, analysed, emm: {}, difference: null, sd: null, covariates: [], model, dfMethod: 'n/a', options: {}, warnings: [] };
}

/** Participants in the population with the outcome observed at the visit. */
export function withOutcome(ctx: EstimatorContext): number[] {
  const y = ctx.outcome.values[ctx.visit];
  const out: number[] = [];
  for (let i = 0; i < ctx.frame.n; i++) if (ctx.include(i) && !Number.isNaN(y[i])) out.push(i);
  return out;
}

export function countArms(frame: AnalysisFrame, members: readonly number[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(frame.arms.map((a) => [a.label, 0]));
  for (const i of members) out[frame.arms[frame.arm[i]].label]++;
  return out;
}

/**
 * The stratification factors as model variables over the given rows (row k is participant
 * rows[k]; a participant may fill several rows): a missing stratum is its own level; a factor
 * with one level among the rows is left out, and a level holding one arm only is flagged — both
 * as warnings, so the row says what its model could and could not adjust for.
 */
export function strataFactors(frame: AnalysisFrame, rows: readonly number[], warnings: string[]): Variable[] {
  const out: Variable[] = [];
  for (const s of frame.strata) {
    const labels = rows.map((i) => (s.values[i] < 0 ? '(missing)' : s.levels[s.values[i]]));
    const present = [...new Set(labels)].sort();
    if (present.length < 2) {
      warnings.push(`stratum ${s.column} has one level among the analysed and is left out of the model`);
      continue;
    }
    for (const lv of present) {
      const armsIn = new Set(rows.filter((_, k) => labels[k] === lv).map((i) => frame.arm[i]));
      if (armsIn.size < 2) warnings.push(`stratum ${s.column} = ${lv} has participants from one arm only`);
    }
    out.push(factor(s.column, labels, present));
  }
  return out;
}
