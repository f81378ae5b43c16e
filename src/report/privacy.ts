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

/** The longest trial title a report prints (a real one is a sentence; a 2 MB one is an attack or an accident). */
export const TITLE_MAX = 200;
/** The longest text of the spec's trial block (eligibility, limitations …) a report prints. */
export const TRIAL_TEXT_MAX = 2000;

/**
 * The spec's trial block as published: every text cut to its limit, so a huge field in a
 * hand-made results.json bounds the report's size and time (results.json keeps the original).
 */
export function publishedTrial<T>(trial: T): T {
  const walk = (v: unknown, max: number): unknown => {
    if (typeof v === 'string') return publishedLabel(v, max);
    if (Array.isArray(v)) return v.map((x) => walk(x, max));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, max);
      return out;
    }
    return v;
  };
  if (trial === null || typeof trial !== 'object') return trial;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(trial)) out[k] = walk(x, k === 'title' ? TITLE_MAX : TRIAL_TEXT_MAX);
  return out as T;
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
