/**
 * What every estimator returns before it is turned into an OutcomeResult: per-arm means with
 * CIs, the intervention − control difference, the participants counted, and how it was done.
 */
import type { AnalysisFrame, FrameComparison, FrameCovariate, FrameOutcome } from '../frame/frame.ts';
import type { Variable } from '../../stats/design/model-matrix.ts';
import { StatsError } from '../../stats/errors.ts';
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
 * Coded straight from the frame's arm indices (one pass, no label per row; arm labels are unique).
 */
export function armFactor(frame: AnalysisFrame, rows: ArrayLike<number>): Variable {
  const k = frame.arms.length;
  const present = new Uint8Array(k);
  for (let r = 0; r < rows.length; r++) present[frame.arm[rows[r]]] = 1;
  const order = [frame.control, ...frame.arms.map((_, a) => a).filter((a) => a !== frame.control)].filter((a) => present[a] === 1);
  const codeOf = new Int32Array(k).fill(-1);
  order.forEach((a, c) => (codeOf[a] = c));
  const codes = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) codes[r] = codeOf[frame.arm[rows[r]]];
  return { name: 'arm', kind: 'factor', levels: order.map((a) => frame.arms[a].label), codes };
}

/**
 * A factor over rows whose labels come from a few slots (a categorical column's level codes):
 * `slotLabels[slotOf[r]]` is row r's label, coded by its place in `levels` as `factor()` codes it
 * (the same codes and error), without building a label string per row.
 */
function factorFromSlots(name: string, slotOf: Int32Array, slotLabels: readonly string[], levels: readonly string[]): Variable {
  const index = new Map(levels.map((l, i) => [l, i]));
  const slotCode = slotLabels.map((l) => index.get(l));
  const codes = new Int32Array(slotOf.length);
  for (let r = 0; r < slotOf.length; r++) {
    const c = slotCode[slotOf[r]];
    if (c === undefined) throw new StatsError('INVALID_ARGUMENT', `factor "${name}": value "${slotLabels[slotOf[r]]}" at row ${r} is not one of its levels (${levels.join(', ')})`);
    codes[r] = c;
  }
  return { name, kind: 'factor', levels, codes };
}

/** Per row its categorical slot: 0 for a missing value (labelled "(missing)"), level code + 1 otherwise. */
function categoricalSlots(c: FrameCovariate, rows: ArrayLike<number>): { slotOf: Int32Array; labels: string[]; seen: Uint8Array } {
  const labels = ['(missing)', ...c.levels];
  const slotOf = new Int32Array(rows.length);
  const seen = new Uint8Array(labels.length);
  const values = c.values;
  for (let r = 0; r < rows.length; r++) {
    const v = values[rows[r]];
    const slot = v < 0 ? 0 : v + 1;
    slotOf[r] = slot;
    seen[slot] = 1;
  }
  return { slotOf, labels, seen };
}

/**
 * The adjustment covariates as model variables over the given rows: a numeric covariate with
 * missing values gets them replaced by the mean of the rows (the randomised comparison stays
 * unbiased; White & Thompson 2005), a categorical one keeps "(missing)" as a level; a covariate
 * constant among the rows is left out — each with a warning naming it.
 */
export function covariateVariables(adjust: Adjustment | undefined, rows: ArrayLike<number>, warnings: string[]): Variable[] {
  const out: Variable[] = [];
  for (const c of adjust?.covariates ?? []) {
    if (c.kind === 'numeric') {
      const values = c.values;
      // The mean over the analysed participants (a participant on several rows counts once), added
      // in the order of their first rows.
      const first = new Uint8Array(values.length);
      let sum = 0;
      let count = 0;
      let missing = 0;
      let v0 = Number.NaN;
      let varies = false;
      for (let r = 0; r < rows.length; r++) {
        const i = rows[r];
        if (first[i] === 1) continue;
        first[i] = 1;
        const v = values[i];
        if (Number.isNaN(v)) {
          missing++;
          continue;
        }
        if (count === 0) v0 = v;
        else if (v !== v0) varies = true;
        sum += v;
        count++;
      }
      if (count === 0 || !varies) {
        warnings.push(`covariate ${c.column} is constant or missing among the analysed and is left out of the model`);
        continue;
      }
      const m = sum / count;
      if (missing > 0) warnings.push(`${missing} missing value(s) of covariate ${c.column} replaced by the mean of the analysed participants`);
      const x = new Float64Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const v = values[rows[r]];
        x[r] = Number.isNaN(v) ? m : v;
      }
      out.push({ name: c.column, kind: 'numeric', values: x });
    } else {
      const { slotOf, labels, seen } = categoricalSlots(c, rows);
      const seenLabels = new Set(labels.filter((_, k) => seen[k] === 1));
      const present = [...c.levels, '(missing)'].filter((l) => seenLabels.has(l));
      if (present.length < 2) {
        warnings.push(`covariate ${c.column} has one level among the analysed and is left out of the model`);
        continue;
      }
      out.push(factorFromSlots(c.column, slotOf, labels, present));
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

/** The values of `y` of the rows in arm `a`, in row order. */
export function armValues(members: ArrayLike<number>, arm: Int32Array, a: number, y: Float64Array): Float64Array {
  let k = 0;
  for (let r = 0; r < members.length; r++) if (arm[members[r]] === a) k++;
  const out = new Float64Array(k);
  k = 0;
  for (let r = 0; r < members.length; r++) if (arm[members[r]] === a) out[k++] = y[members[r]];
  return out;
}

/** Rows per arm label (every arm, in spec order). */
export function countArms(frame: AnalysisFrame, members: ArrayLike<number>): Record<string, number> {
  const counts = new Float64Array(frame.arms.length);
  for (let r = 0; r < members.length; r++) counts[frame.arm[members[r]]]++;
  return Object.fromEntries(frame.arms.map((a, k) => [a.label, counts[k]]));
}

/**
 * The stratification factors as model variables over the given rows (row k is participant
 * rows[k]; a participant may fill several rows): a missing stratum is its own level; a factor
 * with one level among the rows is left out, and a level holding one arm only is flagged — both
 * as warnings, so the row says what its model could and could not adjust for. One pass per
 * factor over the rows (levels and the arms in each from the level codes, not a label per row).
 */
export function strataFactors(frame: AnalysisFrame, rows: ArrayLike<number>, warnings: string[]): Variable[] {
  const out: Variable[] = [];
  for (const s of frame.strata) {
    const { slotOf, labels, seen } = categoricalSlots(s, rows);
    // The first arm seen in each slot, and whether a second one was.
    const firstArm = new Int32Array(labels.length).fill(-1);
    const twoArms = new Uint8Array(labels.length);
    for (let r = 0; r < rows.length; r++) {
      const slot = slotOf[r];
      const a = frame.arm[rows[r]];
      if (firstArm[slot] < 0) firstArm[slot] = a;
      else if (firstArm[slot] !== a) twoArms[slot] = 1;
    }
    const present = [...new Set(labels.filter((_, k) => seen[k] === 1))].sort();
    if (present.length < 2) {
      warnings.push(`stratum ${s.column} has one level among the analysed and is left out of the model`);
      continue;
    }
    for (const lv of present) {
      // Slots sharing a label (a level literally named "(missing)") form one level.
      const arms = new Set<number>();
      let many = false;
      labels.forEach((l, k) => {
        if (l !== lv || seen[k] !== 1) return;
        arms.add(firstArm[k]);
        if (twoArms[k] === 1) many = true;
      });
      if (!many && arms.size < 2) warnings.push(`stratum ${s.column} = ${lv} has participants from one arm only`);
    }
    out.push(factorFromSlots(s.column, slotOf, labels, present));
  }
  return out;
}
