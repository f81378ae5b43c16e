/**
 * What every estimator returns before it is turned into an OutcomeResult: per-arm means with
 * CIs, the intervention − control difference, the participants counted, and how it was done.
 */
import type { AnalysisFrame, FrameOutcome } from '../frame/frame.ts';
import { factor, type Variable } from '../../stats/design/model-matrix.ts';

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
}

export interface EstimatorContext {
  readonly frame: AnalysisFrame;
  readonly outcome: FrameOutcome;
  readonly visit: number;
  /** Population membership per participant. */
  readonly include: (i: number) => boolean;
  readonly confLevel: number;
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
