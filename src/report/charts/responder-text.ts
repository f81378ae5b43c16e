/**
 * How one arm's responder rate may be published. With 1–4 responders (or 1–4 non-responders)
 * the percentage, its CI and the risk difference would each give the count back, so the arm
 * shows only "<5" (or "all but <5") and its rate stays out of the chart data.
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import { isSmallCount } from '../i18n/format.ts';
import { formatPart } from '../privacy.ts';
import type { ChartContext } from './types.ts';

type Rate = NonNullable<OutcomeResult['responder']>['rate'][string];

export function responderSuppressed(r: Pick<Rate, 'events' | 'n'>): boolean {
  return isSmallCount(r.events) || isSmallCount(r.n - r.events);
}

/** Whether any arm of this responder result is suppressed (then no risk difference or NNT is shown). */
export function anyResponderSuppressed(o: OutcomeResult): boolean {
  return Object.values(o.responder?.rate ?? {}).some(responderSuppressed);
}

/** "58 % (68/117)" ("58 %" without counts), or "<5" / "alle på nær <5" when suppressed. */
export function responderRateText(ctx: ChartContext, arm: string, r: Rate, counts = true): string {
  const { t } = ctx;
  if (isSmallCount(r.events)) return '<5';
  if (isSmallCount(r.n - r.events)) return t.msg.allBut('<5');
  if (!counts) return t.fmt.pct(r.estimate);
  // n is randomised − lost; it is hidden when the loss it implies is 1–4.
  const randomised = ctx.results.consort[arm]?.randomised;
  const n = randomised === undefined ? t.fmt.count(r.n) : formatPart(r.n, randomised, t.fmt.int);
  return `${t.fmt.pct(r.estimate)} (${t.fmt.int(r.events)}/${n})`;
}
