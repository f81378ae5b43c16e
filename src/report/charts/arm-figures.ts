/**
 * What a row's figures per arm (its `emm`) are, when they are not adjusted means — said in the
 * primary-outcome section, its chart and the all-outcomes table, which had called every row's
 * figures "adjusted mean per group":
 * - a time-to-event row's are what the survival analysis estimated (analysis/run/time-to-event.ts) —
 *   the proportion with the event by τ (Cox and cumulative-incidence rows: 1 − Kaplan–Meier, or
 *   Aalen–Johansen) or the restricted mean time to τ (RMST rows); survival::colon's 47.4 % with
 *   the event by 5 years had been written "0.5 (0.4 to 0.5)";
 * - a binary row's are proportions, in percent: the logistic model's standardised risks
 *   (g-computation: everyone analysed predicted under the arm and averaged —
 *   estimators/logistic.ts), or the observed proportions with Wilson CIs (estimators/two-proportions.ts);
 *   the IPS twin's "engaged" had read "adjusted means: SAU 0.5 (0.4 to 0.6)";
 * - a count row's are the observed (crude) rates — events / exposure, or the mean count without
 *   an exposure — not the model's (estimators/count-regression.ts): HSAUR3::epilepsy's 3.98
 *   seizures per week for placebo had been an "adjusted mean".
 * Null for every other row (scores, continuous outcomes): its adjusted means keep their words.
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { rmstDecimals, tauDecimals } from '../../analysis/text/time-decimals.ts';
import type { ChartContext } from './types.ts';

export interface ArmFigures {
  /** "standardised proportion", "proportion with the event by τ = 5", "restricted mean time to the event up to τ = 5 (years)". */
  readonly name: string;
  /** 100 for a proportion, which the chart draws in percent; else 1. */
  readonly scale: number;
  value(x: number): string;
  range(lower: number, upper: number): string;
}

type FigureRow = Pick<OutcomeResult, 'id' | 'kind' | 'measure' | 'method' | 'estimator'>;

/** `own`: the row's own τ and unit in the name; false for words shared by several rows (the all-outcomes table's caption). */
export function armFigures(ctx: ChartContext, row: FigureRow, own = true): ArmFigures | null {
  if (row.kind === 'time-to-event') return timeToEventFigures(ctx, row, own);
  if (row.kind === 'binary') return proportionFigures(ctx, standardised(row) ? ctx.t.msg.armStandardisedProportion : ctx.t.msg.armObservedProportion);
  if (row.kind === 'count') return countFigures(ctx, row, own);
  return null;
}

/** The logistic model's arms are standardised risks (its method says so; files without that option: by the estimator). */
function standardised(row: FigureRow): boolean {
  const emm = row.method.options.emm;
  return typeof emm === 'string' ? emm.startsWith('standardised') : row.estimator === 'logistic';
}

function proportionFigures(ctx: ChartContext, name: string): ArmFigures {
  const { t } = ctx;
  const pct = (x: number) => t.fmt.pct(x, 1);
  return { name, scale: 100, value: pct, range: (lo, hi) => `${pct(lo)} ${t.msg.rangeTo} ${pct(hi)}` };
}

function timeToEventFigures(ctx: ChartContext, row: FigureRow, own: boolean): ArmFigures {
  const { t } = ctx;
  const tau = typeof row.method.options.tau === 'number' ? row.method.options.tau : null;
  const tauText = own && tau !== null ? `τ = ${t.fmt.num(tau, tauDecimals(tau))}` : 'τ';
  if (row.measure === 'rmst-difference') {
    const digits = tau === null ? 2 : rmstDecimals(tau);
    const unit = ctx.names.timeUnit(row.id, typeof row.method.options.unit === 'string' ? row.method.options.unit : null);
    return { name: t.msg.armRmstToTau(tauText, unit), scale: 1, value: (x) => t.fmt.num(x, digits), range: (lo, hi) => t.fmt.range(lo, hi, digits) };
  }
  return proportionFigures(ctx, t.msg.armEventByTau(tauText));
}

/** Rates to 2 decimals (0.35 a week would read 0.4 at 1). */
function countFigures(ctx: ChartContext, row: FigureRow, own: boolean): ArmFigures {
  const { t } = ctx;
  // The count's own unit ("seizures", "weeks") when the spec declares one; the exposure's unit ("week"), null when declared without one.
  const unit = own ? ctx.names.timeUnit(row.id, null) : null;
  const exposure = row.method.options.exposure;
  const name = typeof exposure === 'string' ? t.msg.armObservedRate(exposure === 'declared' ? null : exposure, unit) : t.msg.armObservedMeanCount(unit);
  return { name, scale: 1, value: (x) => t.fmt.num(x, 2), range: (lo, hi) => t.fmt.range(lo, hi, 2) };
}

/**
 * The all-outcomes table's words for its figures per group: null (adjusted means, as before) when
 * every row's are adjusted means; one kind's figure alone when every row is of that kind; else
 * adjusted means (when some rows have them) with each other kind's figure named in brackets
 * ("time to event: proportion with the event by τ"). τ and units are named when the kind's rows share them.
 */
export function tableArmFigures(ctx: ChartContext, rows: readonly OutcomeResult[]): string | null {
  const { t } = ctx;
  const own = rows.filter((o) => armFigures(ctx, o) !== null);
  if (own.length === 0) return null;
  const kinds = (['binary', 'count', 'time-to-event'] as const).flatMap((kind) => {
    const of = own.filter((o) => o.kind === kind);
    if (of.length === 0) return [];
    const shared = [...new Set(of.map((o) => armFigures(ctx, o)!.name))];
    return [[kind, (shared.length === 1 ? shared : [...new Set(of.map((o) => armFigures(ctx, o, false)!.name))]).join(', ')] as const];
  });
  if (own.length === rows.length && kinds.length === 1) return t.msg.perGroup(kinds[0][1]);
  const list = kinds.map(([kind, figure]) => `${t.msg.armKinds[kind]}: ${figure}`).join('; ');
  return own.length === rows.length ? t.msg.figuresPerGroup(list) : t.msg.perGroupWithOthers(list);
}
