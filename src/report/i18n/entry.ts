/**
 * One catalogue for both languages: every entry holds its Danish and its English side by side,
 * so a reviewer reads them together and a missing translation is a type error (both are
 * required) and a test failure (an empty or copied string). Sentences with numbers are
 * functions of already-formatted strings: the catalogue owns word order, the formatter owns
 * number style.
 */
import type { Lang } from '../../analysis/results/types.ts';

export interface Entry<T> {
  readonly da: T;
  readonly en: T;
}

/** An entry; for a sentence, annotate the Danish function's parameters and the English one follows. */
export function e<T>(da: T, en: T): Entry<T> {
  return { da, en };
}

/** A sentence's full stop, unless it already ends in one ("9,43 mio. kr." takes none). */
export function stop(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export type Catalogue = Readonly<Record<string, Entry<unknown>>>;

/** A catalogue seen in one language. */
export type InLanguage<C extends Catalogue> = { readonly [K in keyof C]: C[K]['en'] };

export function inLanguage<C extends Catalogue>(c: C, lang: Lang): InLanguage<C> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v[lang]])) as InLanguage<C>;
}
