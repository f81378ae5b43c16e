/**
 * Facts the economics text and charts share, so a sentence and its chart cannot disagree: the
 * cumulative municipal net at the end of the programme and of the horizon, the health-saving
 * check against the trial's own harms outcomes, and how a tornado input is written.
 */
import type { SafetyResult } from '../../analysis/results/types.ts';
import { anyResponderSuppressed } from './responder-text.ts';
import type { ChartContext } from './types.ts';
import { economicsChartData } from './economics-data.ts';

/** Cumulative (discounted) municipal net at the end of `year`, from the chart's own series. */
export function municipalNetAt(ctx: ChartContext, year: number): number | null {
  if (!ctx.economics) return null;
  const p = economicsChartData(ctx.economics).cumulative.find((x) => x.payer === 'municipality' && x.year === year);
  return p ? p.value : null;
}

/** The last year of the cash flow: programme years + horizon − 1. */
export function lastYear(ctx: ChartContext): number {
  const e = ctx.economics;
  if (!e) return 0;
  return Math.max(...economicsChartData(e).cumulative.map((x) => x.year));
}

export interface HealthFlag {
  /** Effect-adjusted health saving per citizen (discounted). */
  readonly perCitizen: number;
  /** The trial's harms rows (at the primary visit when there are any) — none showing a reduction. */
  readonly rows: readonly SafetyResult[];
  /** Net per citizen without the health saving. */
  readonly netWithout: number;
}

/**
 * The scenario counts a health saving while none of the trial's own harms/health-service outcomes
 * (results.safety: admissions, bed days …) shows a reduction (every rate ratio's CI reaches 1 or
 * above): the saving is then an assumption the trial does not support, and the report says so.
 */
export function healthFlag(ctx: ChartContext): HealthFlag | null {
  const e = ctx.economics;
  if (!e) return null;
  const perCitizen = e.businessCase.savingPerCitizenByAdministration.health;
  if (!(perCitizen > 0)) return null;
  const visit = ctx.primary?.visit;
  const at = ctx.results.safety.filter((s) => s.visit === visit);
  const rows = (at.length ? at : ctx.results.safety).filter((s) => s.rateRatio);
  if (rows.length === 0) return null;
  const reduced = rows.some((s) => s.rateRatio!.upper < 1);
  return reduced ? null : { perCitizen, rows, netWithout: e.businessCase.netPerCitizen - perCitizen };
}

/** A tornado input in its own unit: rates and shares as percentages, money in kroner. */
export function tornadoValue(ctx: ChartContext, parameter: string, x: number): string {
  const { fmt } = ctx.t;
  const rate = /^(effect|share|discount)/i.test(parameter) || (Math.abs(x) <= 1 && !/^(saving|cost)/i.test(parameter));
  return rate ? fmt.pct(x, 1) : fmt.money(x);
}

/**
 * Whether a trial effect rate must not be printed: it comes from a responder result with 1–4
 * responders or non-responders in an arm, and the rate would give that count back (the MI-pooled
 * rate too: effectRates[].estimator describes the pooling, so every responder row of that
 * outcome, visit and population counts).
 */
export function effectRateHidden(ctx: ChartContext, metric: string): boolean {
  const er = ctx.results.effectRates.find((x) => x.metric === metric);
  if (er && !Number.isFinite(er.estimate)) return true;
  return er ? ctx.results.outcomes.some((o) => o.id === er.outcomeId && o.visit === er.visit && o.population === er.population && anyResponderSuppressed(o)) : false;
}
