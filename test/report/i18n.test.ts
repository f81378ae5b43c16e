import { describe, expect, it } from 'vitest';
import { catalogue, catalogues, createFormatter, formatCountGroup, suppressedCells } from '../../src/report/index.ts';
import { formatNumber } from '../../src/analysis/text/format-number.ts';

describe('report formatting', () => {
  const da = createFormatter('da');
  const en = createFormatter('en');

  it('Danish numbers, money, CIs, p-values and dates', () => {
    expect(da.num(5.085, 1)).toBe('5,1');
    expect(da.money(9694)).toBe('9.694 kr.');
    expect(da.ciLabel(0.95)).toBe('95 %-KI');
    expect(da.ci(2.892, 7.279, 1, 0.95)).toBe('95 %-KI 2,9 til 7,3');
    expect(da.p(0.0000079)).toBe('p < 0,001');
    expect(da.p(0.0342)).toBe('p = 0,034');
    expect(da.p(0.0099)).toBe('p = 0,010');
    expect(da.pBare(0.55)).toBe('0,550');
    expect(da.pct(0.5812)).toBe('58 %');
    expect(da.date('2026-11-25')).toBe('25. november 2026');
  });

  it('the true minus sign "−", and a number that rounds to zero has no sign (the CSV formatter keeps "-")', () => {
    expect(da.num(-1.234, 1)).toBe('−1,2');
    expect(en.num(-1234.5, 1)).toBe('−1,234.5');
    expect(da.num(-0.001, 2)).toBe('0,00');
    expect(en.num(-0.4, 0)).toBe('0');
    expect(da.range(-2.04, 22.6, 1)).toBe('−2,0 til 22,6');
    expect(formatNumber(-1.234, 1, 'da')).toBe('-1,2');
  });

  it('English numbers, money, CIs, p-values and dates', () => {
    expect(en.num(5.085, 1)).toBe('5.1');
    expect(en.money(9694)).toBe('DKK 9,694');
    expect(en.ci(2.892, 7.279, 1, 0.95)).toBe('95% CI 2.9 to 7.3');
    expect(en.p(0.0000079)).toBe('p < 0.001');
    expect(en.pct(0.5812)).toBe('58%');
    expect(en.date('2026-11-25')).toBe('25 November 2026');
  });

  it('refuses a date that is not YYYY-MM-DD or not in the calendar', () => {
    expect(() => da.date('25/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => da.date('2026-02-30')).toThrow(/not a calendar date/);
  });

  it('counts 1–4 are "<5" (zero is shown), and a lone suppressed cell in a group takes the next smallest with it', () => {
    expect([0, 1, 4, 5, 151].map(da.count)).toEqual(['0', '<5', '<5', '5', '151']);
    // A zero can be the complementary cell: hiding it keeps the "<5" cell from being recovered.
    expect(formatCountGroup([0, 3, 20], da.int)).toEqual(['–', '<5', '20']);
    expect(formatCountGroup([0, 0, 20], da.int)).toEqual(['0', '0', '20']);
    expect(suppressedCells([5, 6, 10, 4])).toEqual([true, false, false, true]);
    expect(formatCountGroup([5, 6, 10, 4], da.int)).toEqual(['–', '6', '10', '<5']);
    expect(formatCountGroup([3, 2, 20], da.int)).toEqual(['<5', '<5', '20']);
    expect(formatCountGroup([7, 9], da.int)).toEqual(['7', '9']);
  });
});

describe('the message catalogue (one entry per key, Danish beside English)', () => {
  // Terms that are the same in both languages on purpose: names, symbols and international abbreviations.
  const same = new Set(['htmlLang', 'pValue', 'nnt', 'nntBenefit', 'nntHarm', 'nntInfinite', 'nPercent', 'software', 'keyFigureD', 'cohensD', 'forestSubtitle', 'forestAxisShort', 'payerInvestor', 'designLabel', 'dataSourceLabel', 'blindingLabel', 'checklistStatusLabel', 'economicsAbbreviations', 'stratumWord']);
  const sameValues = new Set(['ANCOVA', 'Cox', 'RMST', 'Holm', 'Hochberg', 'Bonferroni', 'Barnard–Rubin', 'Welch–Satterthwaite', 'Satterthwaite', 'Kenward–Roger', 'Model', 'Population', 'Status', 'NNT', 'Design', 'Blinding', 'Data', 'Investor', 'SD', 'p']);
  const sample = ['X', 'Y', 'Z', 'W', 'V', 'U', 'T', 'S', 'R'];
  /** A function entry called with sample arguments (booleans and lists where the entry takes them). */
  const call = (f: unknown): string => {
    const fn = f as (...a: unknown[]) => string;
    const attempts: unknown[][] = [sample, [sample.slice(0, 3)], ['above', 'X', 'Y'], sample.map((x, i) => (i === 3 || i === 5 ? true : x))];
    return attempts.map((a) => { try { return String(fn(...a)); } catch { return ''; } }).join('|');
  };
  const leaves = (x: unknown, path: string): Array<[string, unknown]> =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.entries(x).flatMap(([k, v]) => leaves(v, `${path}.${k}`)) : [[path, x]];

  it('every entry has a Danish and an English side with the same shape (no key missing in either)', () => {
    // The abbreviations are each language's own list (KI / CI): checked for content, not for equal keys.
    const ownLists = new Set(['abbreviations']);
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(Object.keys(entry).sort(), key).toEqual(['da', 'en']);
      if (ownLists.has(key)) {
        expect(Object.keys(entry.da as object).length, key).toBe(Object.keys(entry.en as object).length);
        continue;
      }
      const da = leaves(entry.da, key).map(([p]) => p).sort();
      const en = leaves(entry.en, key).map(([p]) => p).sort();
      expect(da, key).toEqual(en);
    }
  });

  it('nothing is empty and nothing is left untranslated (Danish differs from English except shared terms)', () => {
    const untranslated: string[] = [];
    for (const [key, entry] of Object.entries(catalogue)) {
      if (same.has(key) || key === 'abbreviations') continue;
      const en = new Map(leaves(entry.en, key));
      for (const [path, da] of leaves(entry.da, key)) {
        const e = en.get(path);
        if (typeof da === 'string') {
          expect(da.trim(), path).not.toBe('');
          expect(String(e).trim(), path).not.toBe('');
          if (da === e && !sameValues.has(da) && !/^[A-ZÆØÅ0-9()., –-]+$/.test(da)) untranslated.push(path);
        } else if (typeof da === 'function') {
          if (call(da) === call(e)) untranslated.push(path);
        } else if (Array.isArray(da)) {
          expect(da.length, path).toBeGreaterThan(0);
        }
      }
    }
    expect(untranslated).toEqual([]);
  });

  it('each language view has every key of the catalogue', () => {
    for (const lang of ['da', 'en'] as const) expect(Object.keys(catalogues[lang]).sort()).toEqual(Object.keys(catalogue).sort());
  });
});
