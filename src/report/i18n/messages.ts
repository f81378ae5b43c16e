/**
 * The report's one message catalogue: Danish and English side by side in every entry
 * (./catalogue/*.ts, ./entry.ts). `Messages` is the catalogue seen in one language; a key that
 * lacks a language is a type error, and test/report/i18n.test.ts fails on an empty or copied
 * translation. docs/glossary.md lists the Danish terms with the English they translate.
 */
import type { Lang } from '../../analysis/results/types.ts';
import { inLanguage, type InLanguage } from './entry.ts';
import { front } from './catalogue/front.ts';
import { trial } from './catalogue/trial.ts';
import { outcomes } from './catalogue/outcomes.ts';
import { economics } from './catalogue/economics.ts';
import { labels } from './catalogue/labels.ts';
import { kArms } from './catalogue/k-arms.ts';

export const catalogue = { ...front, ...trial, ...outcomes, ...economics, ...labels, ...kArms } as const;

export type Messages = InLanguage<typeof catalogue>;

export function messages(lang: Lang): Messages {
  return inLanguage(catalogue, lang);
}
