/**
 * The report's one number/date formatter. Numbers go through the analysis layer's
 * formatNumber/formatP (so the sentences in results.json and the report agree); this adds the
 * report's conventions: money ("9.694 kr." / "DKK 9,694"), percentages ("58 %" / "58%"),
 * confidence intervals ("95 %-KI 2,9 til 7,3"), small-count suppression ("<5") and dates
 * ("25. november 2026" / "25 November 2026"), and one p-value style (three decimals, "< 0,001").
 * Also the d3 locale used inside the charts.
 */
import type { Lang } from '../../analysis/results/types.ts';
import { formatNumber, formatP } from '../../analysis/text/format-number.ts';

/** Counts 1..SMALL_COUNT−1 are shown as "<5" everywhere in the report (privacy); zero is shown as 0. */
export const SMALL_COUNT = 5;

export interface Formatter {
  readonly lang: Lang;
  num(x: number, digits: number): string;
  int(n: number): string;
  /** A proportion 0..1 as a percentage. */
  pct(x: number, digits?: number): string;
  money(x: number): string;
  /** Millions: "4,56 mio. kr." / "DKK 4.56 million". */
  millions(x: number, digits?: number): string;
  /** "p = 0,034" / "p < 0,001": always three decimals, one rule everywhere in the report. */
  p(p: number): string;
  /** The same without "p": "0,034" / "< 0,001" (table cells). */
  pBare(p: number): string;
  /** "2,9 til 7,3" / "2.9 to 7.3". */
  range(lower: number, upper: number, digits: number): string;
  /** "95 %-KI" / "95% CI". */
  ciLabel(confLevel: number): string;
  /** "95 %-KI 2,9 til 7,3". */
  ci(lower: number, upper: number, digits: number, confLevel: number): string;
  /** A count of people or events: "<5" when 1–4; 0 is shown (no one is identified by "no deaths"). */
  count(n: number): string;
  /** An ISO date (YYYY-MM-DD) in words. */
  date(iso: string): string;
  /** A month (YYYY-MM) in words: "december 2020" / "December 2020". */
  month(iso: string): string;
}

/** 1–4: hidden. Zero is not disclosive and is key safety information ("no deaths"), so it is shown. */
export function isSmallCount(n: number): boolean {
  return n > 0 && n < SMALL_COUNT;
}

/**
 * A number for the report: formatNumber's rounding, then a rounded zero loses its sign
 * ("-0,00" → "0,00") and a negative number gets the true minus sign "−" (the CSV output keeps
 * ASCII "-", which is why this is done here and not in formatNumber).
 */
export function reportNumber(x: number, digits: number, lang: Lang): string {
  const s = formatNumber(x, digits, lang);
  if (!s.startsWith('-')) return s;
  return /^-[0.,\s]*$/.test(s) ? s.slice(1) : `−${s.slice(1)}`;
}

export function createFormatter(lang: Lang): Formatter {
  const num = (x: number, digits: number) => reportNumber(x, digits, lang);
  const pctSign = lang === 'da' ? ' %' : '%';
  const self: Formatter = {
    lang,
    num,
    int: (n) => num(n, 0),
    pct: (x, digits = 0) => `${num(x * 100, digits)}${pctSign}`,
    money: (x) => (lang === 'da' ? `${num(x, 0)} kr.` : `DKK ${num(x, 0)}`),
    millions: (x, digits = 2) => (lang === 'da' ? `${num(x / 1e6, digits)} mio. kr.` : `DKK ${num(x / 1e6, digits)} million`),
    p: (p) => (Number.isFinite(p) ? `p ${p < 0.001 ? '<' : '='} ${self.pBare(p).replace(/^< /, '')}` : formatP(p, lang)),
    pBare: (p) => (!Number.isFinite(p) ? '–' : p < 0.001 ? `< ${num(0.001, 3)}` : num(p, 3)),
    range: (lo, hi, d) => `${num(lo, d)} ${lang === 'da' ? 'til' : 'to'} ${num(hi, d)}`,
    ciLabel: (c) => (lang === 'da' ? `${num(c * 100, 0)} %-KI` : `${num(c * 100, 0)}% CI`),
    ci: (lo, hi, d, c) => `${self.ciLabel(c)} ${self.range(lo, hi, d)}`,
    count: (n) => (isSmallCount(n) ? '<5' : num(n, 0)),
    date: (iso) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`report date must be YYYY-MM-DD, got "${iso}"`);
      const d = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw new Error(`report date "${iso}" is not a calendar date`);
      return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
    },
    month: (iso) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(iso)) return iso;
      return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}-01T00:00:00Z`));
    },
  };
  return self;
}

/** d3-format locale for Vega (config.locale.number): the same conventions inside the charts. */
export function chartNumberLocale(lang: Lang): Readonly<Record<string, unknown>> {
  return lang === 'da'
    ? { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' kr.'], percent: ' %', minus: '−' }
    : { decimal: '.', thousands: ',', grouping: [3], currency: ['DKK ', ''], percent: '%', minus: '−' };
}
