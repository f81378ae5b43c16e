/**
 * Number formatting for generated text: Danish uses a decimal comma and a thousands dot
 * ("5,1"; "9.694"), English the reverse. Kept in the analysis layer because the plain-language
 * sentences in results.json are generated here; the report layer reuses it.
 */
import type { Lang } from '../results/types.ts';

// One formatter per language × digits: making an Intl.NumberFormat costs ~100× formatting with one
// (a settlement note for 98 municipalities formats some 20,000 numbers).
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(x: number, digits: number, lang: Lang): string {
  if (!Number.isFinite(x)) return lang === 'da' ? 'ikke beregnet' : 'not computed';
  const key = `${lang}:${digits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  const s = f.format(x);
  // Intl uses U+2212 for minus in some locales; keep ASCII-compatible hyphen-minus for CSV/Excel users.
  return s.replace('\u2212', '-');
}

/** p-values as reported in trials: "p < 0,001" / "p = 0.034". */
export function formatP(p: number, lang: Lang): string {
  if (!Number.isFinite(p)) return lang === 'da' ? 'p ikke beregnet' : 'p not computed';
  if (p < 0.001) return `p < ${formatNumber(0.001, 3, lang)}`;
  return `p = ${formatNumber(p, p < 0.01 ? 3 : 2, lang)}`;
}
