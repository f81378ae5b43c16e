/**
 * What a row's figures per arm (its `emm`) are, when they are not adjusted means: a time-to-event
 * row's are what the survival analysis estimated (analysis/run/time-to-event.ts) — the proportion
 * with the event by τ (Cox and cumulative-incidence rows: 1 − Kaplan–Meier, or Aalen–Johansen) or
 * the restricted mean time to τ (RMST rows). The primary-outcome section and the all-outcomes
 * table had called them "adjusted mean per group" and written survival::colon's 47.4 % with the
 * event by 5 years as "0.5 (0.4 to 0.5)". Null for every other row: its words stay as they were.
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { rmstDecimals, tauDecimals } from '../../analysis/text/time-decimals.ts';
import type { ChartContext } from './types.ts';

export interface ArmFigures {
  /** "proportion with the event by τ = 5", "restricted mean time to the event up to τ = 5 (years)". */
  readonly name: string;
  /** 100 for a proportion, which the chart draws in percent; else 1. */
  readonly scale: number;
  value(x: number): string;
  range(lower: number, upper: number): string;
}

export function armFigures(ctx: ChartContext, row: Pick<OutcomeResult, 'id' | 'kind' | 'measure' | 'method'>, withTau = true): ArmFigures | null {
  if (row.kind !== 'time-to-event') return null;
  const { t } = ctx;
  const tau = typeof row.method.options.tau === 'number' ? row.method.options.tau : null;
  const tauText = withTau && tau !== null ? `τ = ${t.fmt.num(tau, tauDecimals(tau))}` : 'τ';
  if (row.measure === 'rmst-difference') {
    const digits = tau === null ? 2 : rmstDecimals(tau);
    const unit = ctx.names.timeUnit(row.id, typeof row.method.options.unit === 'string' ? row.method.options.unit : null);
    return { name: t.msg.armRmstToTau(tauText, unit), scale: 1, value: (x) => t.fmt.num(x, digits), range: (lo, hi) => t.fmt.range(lo, hi, digits) };
  }
  const pct = (x: number) => t.fmt.pct(x, 1);
  return { name: t.msg.armEventByTau(tauText), scale: 100, value: pct, range: (lo, hi) => `${pct(lo)} ${t.msg.rangeTo} ${pct(hi)}` };
}

/**
 * The all-outcomes table's words for its figures per group: null (adjusted means, as before) without
 * time-to-event rows; the time-to-event figure alone when every row is one (τ named when all share it).
 */
export function tableArmFigures(ctx: ChartContext, rows: readonly OutcomeResult[]): string | null {
  const tte = rows.filter((o) => o.kind === 'time-to-event');
  if (tte.length === 0) return null;
  const names = [...new Set(tte.map((o) => armFigures(ctx, o)!.name))];
  const name = names.length === 1 ? names[0] : [...new Set(tte.map((o) => armFigures(ctx, o, false)!.name))].join(', ');
  return tte.length === rows.length ? ctx.t.msg.perGroup(name) : ctx.t.msg.perGroupWithTimeToEvent(name);
}
