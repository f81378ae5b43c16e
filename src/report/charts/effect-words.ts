import type { EffectMeasure, OutcomeResult } from '../../analysis/results/types.ts';
import type { ChartContext } from './types.ts';
import { measureNumbers, rowMeasureNumbers } from '../../analysis/text/sentences.ts';

/**
 * How the report writes a row's effect, by its measure: a difference of means in the outcome's
 * unit (points for a score), a difference of shares in percentage points, a ratio as itself (no
 * effect at 1, not 0) — for the summary, the primary-outcome section and its chart. They had
 * written every measure as a difference of means: a rate ratio of 0.74 (fewer seizures, 95 % CI
 * 0.53 to 1.03) read "0.7 points higher … did worse, and chance is an unlikely explanation"
 * (HSAUR3::epilepsy). A restricted-mean difference is in the outcome's time unit in the report's
 * language (names.timeUnit).
 */
export interface EffectWords {
  /** The value at which the measure says "no difference": 1 for a ratio, else 0. */
  readonly none: number;
  readonly ratio: boolean;
  /** A difference of shares (risks, cumulative incidences), in percentage points. */
  readonly share: boolean;
  readonly noun: string;
  /** The measure as a heading: "Difference", "Rate ratio" (measureTitle). */
  readonly title: string;
  readonly nounDefinite: string;
  readonly unit: string | null;
  /** The unit as the charts write it: a difference of means only in a declared unit (none: no unit), a share in percentage points. */
  readonly chartUnit: string | null;
  value(x: number): string;
  ci(lower: number, upper: number): string;
  /** "difference 5.1 points", "rate ratio 0.74". */
  phrase(x: number): string;
}

export function effectWords(ctx: ChartContext, row: OutcomeResult): EffectWords {
  const { t } = ctx;
  const conf = ctx.results.confLevel;
  const measure = row.measure ?? 'mean-difference';
  const [noun, nounDefinite] = t.msg.measureWords[measure] ?? t.msg.measureWords['mean-difference'];
  // The numbers as results.json's own sentences write them; a difference of means to 1 decimal,
  // a difference of restricted means with τ's decimals.
  const numbers = rowMeasureNumbers(row);
  const { ratio, share, none, scale } = numbers;
  const digits = numbers.digits ?? 1;
  const timeUnit = ctx.names.timeUnit(row.id, typeof row.method.options.unit === 'string' ? row.method.options.unit : null);
  const unit = ratio ? null : share ? t.msg.percentagePoints : measure === 'rmst-difference' ? timeUnit : ctx.names.unit(row);
  const value = (x: number) => t.fmt.num(x * scale, digits);
  return {
    none, ratio, share, noun, nounDefinite, unit, value, title: measureTitle(ctx, measure),
    chartUnit: measure === 'mean-difference' ? ctx.names.declaredUnit(row) : unit,
    ci: (lower, upper) => t.fmt.ci(lower * scale, upper * scale, digits, conf),
    phrase: (x) => `${noun} ${value(x)}${unit ? ` ${unit}` : ''}`,
  };
}

/** A measure's name as a heading or column title: "Difference" for a difference of means, else its own name capitalised ("Rate ratio"). */
export function measureTitle(ctx: ChartContext, measure: EffectMeasure): string {
  if (measure === 'mean-difference') return ctx.t.msg.difference;
  const [noun] = ctx.t.msg.measureWords[measure] ?? [ctx.t.msg.difference];
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
}

/**
 * A heading with a share's unit, as the sensitivity chart heads its axis: "Risk difference,
 * percentage points" over 19.9, not a bare "Risk difference" over numbers ×100. Any other
 * measure's heading is returned as it is. The one place the tables and charts add that unit.
 */
export function inShareNotation(ctx: ChartContext, title: string, measure: EffectMeasure | undefined): string {
  return measureNumbers(measure ?? 'mean-difference').share ? `${title}, ${ctx.t.msg.percentagePoints}` : title;
}

/** measureTitle in the measure's notation (inShareNotation). */
export function measureTitleInNotation(ctx: ChartContext, measure: EffectMeasure): string {
  return inShareNotation(ctx, measureTitle(ctx, measure), measure);
}

/** The value of "no effect" in a row's own measure: 1 for a ratio, 0 for a difference. */
export function noEffect(row: Pick<OutcomeResult, 'measure'>): number {
  return measureNumbers(row.measure ?? 'mean-difference').none;
}

/**
 * Whether a row's interval excludes no effect, in its own measure — the one test page 1's plain
 * words and verdicts and the interpretation use. Judged against 0 for every measure,
 * HSAUR3::epilepsy's rate ratio 0.74 (95 % CI 0.53 to 1.03) read "The intervention group did worse
 * on epileptic seizures at weeks 7–8, and the confidence interval excludes no effect".
 */
export function excludesNoEffect(row: Pick<OutcomeResult, 'measure' | 'difference'>): boolean {
  const d = row.difference;
  return d !== null && (d.lower > noEffect(row) || d.upper < noEffect(row));
}

/**
 * Which side of no effect the estimate lies on, as benefit (1) or harm (−1) — a ratio on its log
 * scale — and 0 exactly at no effect; `w`: the effect's words, or its measure's numbers (measureNumbers).
 */
export function benefitSide(w: Pick<EffectWords, 'ratio'>, d: NonNullable<OutcomeResult['difference']>): number {
  return Math.sign((w.ratio ? Math.log(d.estimate) : d.estimate) * d.benefitSign);
}

/** Whether the estimate favours the intervention (benefitSide 1). */
export function favoursIntervention(w: Pick<EffectWords, 'ratio'>, d: NonNullable<OutcomeResult['difference']>): boolean {
  return benefitSide(w, d) > 0;
}


/**
 * Whether a row's family adjusts its p-values for multiple comparisons (Holm, Bonferroni, fixed
 * sequence, …): a row outside every family, or in an exploratory family ("none …"), is not adjusted.
 */
export function adjustedForMultiplicity(row: Pick<OutcomeResult, 'multiplicity'>): boolean {
  return row.multiplicity !== null && row.multiplicity !== undefined && !row.multiplicity.method.startsWith('none');
}

/**
 * Whether a row's conclusion holds after adjustment for multiple comparisons — the one test every
 * yes/no verdict (page 1, the interpretation) applies on top of excludesNoEffect; a confidence
 * interval drawn in a chart stays unadjusted. True when the row's family does not adjust; else
 * only when the analysis rejected the hypothesis (a closed gate rejects nothing) and the adjusted
 * p is below α = 1 − confLevel. The interval alone had let a k-arm comparison read "yes" with its
 * Holm-adjusted p at or above α.
 */
export function holdsAfterAdjustment(row: Pick<OutcomeResult, 'multiplicity' | 'difference'>, confLevel: number): boolean {
  if (!adjustedForMultiplicity(row) || !row.difference) return true;
  return row.multiplicity!.rejected !== false && row.difference.pAdjusted < 1 - confLevel;
}

/**
 * A row's verdict: no clear difference (the interval includes no effect), a difference in either
 * direction, or a difference the interval shows but adjustment for multiple comparisons does not
 * confirm (`better`: which way the estimate points).
 */
export type Verdict = { readonly kind: 'unclear' } | { readonly kind: 'benefit' | 'harm' } | { readonly kind: 'not-confirmed'; readonly better: boolean };

export function verdictOf(row: Pick<OutcomeResult, 'measure' | 'difference' | 'multiplicity'>, confLevel: number): Verdict {
  const d = row.difference;
  if (!d || !excludesNoEffect(row)) return { kind: 'unclear' };
  const better = favoursIntervention(measureNumbers(row.measure ?? 'mean-difference'), d);
  if (!holdsAfterAdjustment(row, confLevel)) return { kind: 'not-confirmed', better };
  return { kind: better ? 'benefit' : 'harm' };
}
