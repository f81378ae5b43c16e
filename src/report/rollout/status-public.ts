/**
 * The status as it may be published (steering group, `rollout status` output): the report's
 * small-count rule applied once, here, to the exact figures of rollout/status.
 *   - a count of 1–4 is "<5" (0 is shown);
 *   - a count is one part of the citizens who started (measured / not measured, achieved / not
 *     achieved, finished / not finished): it is hidden ("–") when its complement is 1–4;
 *   - the periods of a municipality add up to its "to date" figure: within each such group a
 *     single hidden cell would be recovered by subtraction, so the smallest other is hidden too
 *     (suppressedCells, as the report does for loss reasons and subgroup sizes);
 *   - a share, mean or interval computed from a hidden count is hidden ("–"), and a funnel point
 *     with a hidden count is not drawn.
 */
import type { FunnelMetric, RolloutStatus, StatusCell } from '../../rollout/status/status.ts';
import { suppressedCells } from '../privacy.ts';
import { isSmallCount } from '../i18n/format.ts';

export type ShownCount = number | '<5' | '–';

export interface PublicCell {
  readonly municipality: string;
  readonly period: string | null;
  readonly groups: number;
  readonly sharedGroups: number;
  readonly started: ShownCount;
  readonly finished: ShownCount;
  readonly completeness: ReadonlyArray<{ readonly outcome: string; readonly visit: string; readonly measured: ShownCount; readonly share: number | null }>;
  readonly change: ReadonlyArray<{ readonly outcome: string; readonly n: ShownCount; readonly mean: number | null; readonly lower: number | null; readonly upper: number | null }>;
  readonly metrics: ReadonlyArray<{ readonly metric: string; readonly achieved: ShownCount; readonly share: number | null; readonly lower: number | null; readonly upper: number | null }>;
}

export interface PublicStatus extends Omit<RolloutStatus, 'cells' | 'funnel'> {
  readonly suppression: string;
  readonly cells: readonly PublicCell[];
  readonly funnel: ReadonlyArray<Omit<FunnelMetric, 'points'> & { readonly points: ReadonlyArray<{ readonly municipality: string; readonly n: ShownCount; readonly share: number | null; readonly position: FunnelMetric['points'][number]['position'] | null }>; readonly hiddenPoints: number }>;
}

const RULE = 'Counts of 1–4 are shown as "<5" (0 is shown); a count whose complement (of those who started) is 1–4 is "–"; within a municipality a second period is hidden when one would be recoverable from its total; shares from hidden counts are "–"; mean changes need at least 5 citizens with both measurements.';

const shown = (n: number, hide: boolean): ShownCount => (hide ? (isSmallCount(n) ? '<5' : '–') : n);

/** Hidden flags for one count family of one municipality: period cells (grouped to the total) and the total. */
function family(cells: readonly StatusCell[], count: (c: StatusCell) => number, whole: (c: StatusCell) => number): boolean[] {
  const periodIdx = cells.map((c, i) => (c.period === null ? -1 : i)).filter((i) => i >= 0);
  const hide = cells.map((c) => isSmallCount(count(c)) || isSmallCount(whole(c) - count(c)) || isSmallCount(whole(c)));
  // Secondary suppression across the periods (their sum is the total, which is shown).
  const group = suppressedCells(periodIdx.map((i) => (hide[i] ? 1 : 5 + count(cells[i]))));
  periodIdx.forEach((i, j) => {
    if (group[j]) hide[i] = true;
  });
  return hide;
}

export function publicStatus(s: RolloutStatus): PublicStatus {
  const byMuni = new Map<string, StatusCell[]>();
  for (const c of s.cells) {
    if (!byMuni.has(c.municipality)) byMuni.set(c.municipality, []);
    byMuni.get(c.municipality)!.push(c);
  }
  const out: PublicCell[] = [];
  for (const cells of byMuni.values()) {
    const startedHide = family(cells, (c) => c.started, (c) => c.started);
    const finishedHide = family(cells, (c) => c.finished, (c) => c.started);
    const measuredHide = cells[0].completeness.map((_, j) => family(cells, (c) => c.completeness[j].measured, (c) => c.started));
    const pairsHide = cells[0].change.map((_, j) => family(cells, (c) => c.change[j].n, (c) => c.started));
    const achievedHide = cells[0].metrics.map((_, k) => family(cells, (c) => c.metrics[k].achieved, (c) => c.started));
    cells.forEach((c, i) => {
      const startedHidden = startedHide[i];
      out.push({
        municipality: c.municipality, period: c.period, groups: c.groups, sharedGroups: c.sharedGroups,
        started: shown(c.started, startedHidden),
        finished: shown(c.finished, startedHidden || finishedHide[i]),
        completeness: c.completeness.map((x, j) => {
          const hidden = startedHidden || measuredHide[j][i];
          return { outcome: x.outcome, visit: x.visit, measured: shown(x.measured, hidden), share: hidden || c.started === 0 ? null : x.measured / c.started };
        }),
        change: c.change.map((x, j) => {
          // A mean is not a count: it is shown from 5 pairs on even when the number of pairs is hidden
          // (its complement among those who started is 1–4); nothing about the missing few follows from it.
          const hidden = startedHidden || x.n < 5;
          return { outcome: x.outcome, n: shown(x.n, startedHidden || pairsHide[j][i]), mean: hidden ? null : x.mean, lower: hidden ? null : (x.interval?.lower ?? null), upper: hidden ? null : (x.interval?.upper ?? null) };
        }),
        metrics: c.metrics.map((x, k) => {
          const hidden = startedHidden || achievedHide[k][i];
          return { metric: x.metric, achieved: shown(x.achieved, hidden), share: hidden || !x.share ? null : x.share.estimate, lower: hidden || !x.share ? null : x.share.lower, upper: hidden || !x.share ? null : x.share.upper };
        }),
      });
    });
  }
  const funnel = s.funnel.map((f) => {
    const points = f.points.map((p) => {
      const hidden = isSmallCount(p.n) || isSmallCount(p.achieved) || isSmallCount(p.n - p.achieved);
      return { municipality: p.municipality, n: shown(p.n, isSmallCount(p.n)), share: hidden ? null : p.share, position: hidden ? null : p.position };
    });
    return { ...f, points, hiddenPoints: points.filter((p) => p.share === null).length };
  });
  const { cells: _c, funnel: _f, ...rest } = s;
  return { ...rest, suppression: RULE, cells: out, funnel };
}
