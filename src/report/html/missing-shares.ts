/**
 * The shares of those randomised in each arm who lack the primary outcome at its visit (the
 * limitations' "x%–y% of those randomised in each group lack the primary outcome"). Each arm's
 * share comes from a primary row that compares that arm: with k arms, ctx.primary is the first
 * comparison's row, and an estimator that fits only its pair (two proportions; the logistic
 * model's two-arm fallback) counts the other arms as 0 analysed — the IPS twin with a
 * two-proportion primary and nothing missing had read "0%–100%". A two-arm trial's shares are
 * those of its one primary row, as before. An arm no comparison uses has no share.
 */
import type { OutcomeResult } from '../../analysis/results/types.ts';
import type { ChartContext } from '../charts/types.ts';
import { comparisonOf } from '../charts/context.ts';

export function primaryMissingShares(ctx: ChartContext, o: OutcomeResult): number[] {
  const { results } = ctx;
  const pairs = new Map((results.comparisons ?? []).map((c) => [c.id, [c.intervention, c.control]]));
  // The primary row first (two arms: the only one), then the other comparisons' rows of the same analysis at the same visit.
  const rows = [o, ...results.outcomes.filter((x) => x !== o && x.id === o.id && x.visit === o.visit && x.estimator === o.estimator && x.population === o.population)];
  const compares = (x: OutcomeResult, arm: string) => {
    const pair = pairs.get(comparisonOf(x) ?? '');
    return pair === undefined || pair.includes(arm);
  };
  return ctx.arms.flatMap((a) => {
    const row = rows.find((x) => compares(x, a.label));
    if (!row) return [];
    const r = results.consort[a.label]?.randomised ?? 0;
    const n = row.n.analysed[a.label] ?? 0;
    return [r > 0 ? (r - n) / r : 0];
  }).filter((x) => Number.isFinite(x));
}
