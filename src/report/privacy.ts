/**
 * Small-count suppression for published counts. Primary: every count 1–4 is shown as "<5"
 * (zero is shown: it identifies no one).
 * Secondary: when the cells of a group add up to a total that is also shown (loss reasons,
 * the levels of one characteristic, subgroup sizes), a single suppressed cell could be
 * recovered by subtraction, so the smallest other cell is suppressed as well.
 */
import { isSmallCount } from './i18n/format.ts';

/** Longest label (a level, site, arm or reason name) printed in a published artefact. */
export const LABEL_MAX = 60;

/** A label as published: at most LABEL_MAX characters, cut with "…" (a 10 MB site name stays in results.json only). */
export function publishedLabel(text: string, max = LABEL_MAX): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

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

/**
 * A count that is one part of a total shown elsewhere (analysed = randomised − lost; received =
 * randomised − not received): the part and its complement form one group, so the part is "–"
 * when the complement is 1–4 (and "<5" when it is 1–4 itself).
 */
export function formatPart(part: number, total: number, fmt: (n: number) => string): string {
  return formatCountGroup([part, Math.max(0, total - part)], fmt)[0];
}

/** Whether a formatted count was suppressed ("<5" or "–"). */
export function isSuppressed(shown: string): boolean {
  return shown === '<5' || shown === '–';
}
