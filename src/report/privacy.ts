/**
 * Small-count suppression for published counts. Primary: every count under 5 is shown as "<5".
 * Secondary: when the cells of a group add up to a total that is also shown (loss reasons,
 * the levels of one characteristic, subgroup sizes), a single suppressed cell could be
 * recovered by subtraction, so the smallest other cell is suppressed as well.
 */
import { isSmallCount } from './i18n/format.ts';

/** Which cells of one group to hide. */
export function suppressedCells(counts: readonly number[]): boolean[] {
  const hide = counts.map(isSmallCount);
  const hidden = hide.filter(Boolean).length;
  if (hidden === 1 && counts.length > 1) {
    let k = -1;
    for (let i = 0; i < counts.length; i++) if (!hide[i] && (k < 0 || counts[i] < counts[k])) k = i;
    if (k >= 0) hide[k] = true;
  }
  return hide;
}

/** A group of counts formatted with both rules; `fmt` formats a count that may be shown. */
export function formatCountGroup(counts: readonly number[], fmt: (n: number) => string): string[] {
  const hide = suppressedCells(counts);
  return counts.map((n, i) => (hide[i] ? (isSmallCount(n) ? '<5' : '–') : fmt(n)));
}
