/** The catalogue and formatter for one language, and label look-ups with a readable fallback. */
import type { Lang, Localised } from '../../analysis/results/types.ts';
import { catalogue, messages, type Messages } from './messages.ts';
import { createFormatter, type Formatter } from './format.ts';
import { own } from './own.ts';
import { publishedLabel } from '../privacy.ts';

export type { Messages } from './messages.ts';
export { catalogue } from './messages.ts';
export { createFormatter, chartNumberLocale, isSmallCount, SMALL_COUNT, type Formatter } from './format.ts';

/** Each language's view of the one catalogue. */
export const catalogues: Readonly<Record<Lang, Messages>> = { da: messages('da'), en: messages('en') };

export function isLang(x: string): x is Lang {
  return x === 'da' || x === 'en';
}

/** "sick_leave_or_pension" → "Sick leave or pension": used only for ids no catalogue or spec names. */
export function humanise(id: string): string {
  const s = id.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type LabelKind = Exclude<keyof Messages['labels'], 'roles'>;

export interface I18n {
  readonly lang: Lang;
  readonly msg: Messages;
  readonly fmt: Formatter;
  readonly loc: (x: Localised) => string;
  readonly label: (kind: LabelKind, id: string) => string;
}

export function i18n(lang: Lang): I18n {
  const msg = catalogues[lang];
  return {
    lang,
    msg,
    fmt: createFormatter(lang),
    loc: (x) => x[lang],
    label: (kind, id) => {
      const table = msg.labels[kind] as Readonly<Record<string, string>>;
      return own(table, id) ?? publishedLabel(kind === 'multiplicity' || kind === 'dfMethods' ? id : humanise(id));
    },
  };
}

