/**
 * How one arm's responder rate is published. The publishable model (disclosure/publish.ts)
 * withholds a rate, its CI and the risk difference whenever a count under them is "<5" or "–"
 * (1–4 responders, or a denominator hidden because 1–4 non-responders would follow from it):
 * the arm then shows only its counts as the plan prints them ("<5", or "115/–").
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { keyOf } from '../disclosure/model.ts';
import type { ChartContext } from './types.ts';

type Rate = NonNullable<OutcomeResult['responder']>['rate'][string];

/** Whether the model withheld this arm's rate (a count under it is not shown). */
export function responderSuppressed(r: Pick<Rate, 'events' | 'n' | 'estimate'>): boolean {
  return !(Number.isFinite(r.events) && Number.isFinite(r.n) && Number.isFinite(r.estimate));
}

/** Whether any arm of this responder result is suppressed (then no risk difference or NNT is shown). */
export function anyResponderSuppressed(o: OutcomeResult): boolean {
  return Object.values(o.responder?.rate ?? {}).some(responderSuppressed);
}

/** "58 % (68/117)" ("58 %" without counts), or the counts as published ("<5", "115/–") when suppressed. */
export function responderRateText(ctx: ChartContext, o: OutcomeResult, arm: string, r: Rate, counts = true): string {
  const { t } = ctx;
  const rest = [o.id, o.visit, o.estimator, o.population, arm];
  const events = ctx.count(keyOf('responders', ...rest), r.events);
  const n = ctx.count(keyOf('responderN', ...rest), r.n);
  if (responderSuppressed(r)) return events === '<5' ? '<5' : `${events}/${n}`;
  if (!counts) return t.fmt.pct(r.estimate);
  return `${t.fmt.pct(r.estimate)} (${events}/${n})`;
}
