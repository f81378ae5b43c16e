import { describe, expect, it } from 'vitest';
import { catalogues, createFormatter, formatCountGroup, suppressedCells } from '../../src/report/index.ts';
import { formatNumber } from '../../src/analysis/text/format-number.ts';

/** Every key path of a catalogue, functions as leaves (labels tables excluded: they are data). */
function keyPaths(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && prefix === '' && (k === 'labels' || k === 'estimandText') ? [`${k}`] : v !== null && typeof v === 'object' ? keyPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('report formatting', () => {
  const da = createFormatter('da');
  const en = createFormatter('en');

  it('Danish numbers, money, CIs, p-values and dates', () => {
    expect(da.num(5.085, 1)).toBe('5,1');
    expect(da.money(9694)).toBe('9.694 kr.');
    expect(da.ciLabel(0.95)).toBe('95 %-KI');
    expect(da.ci(2.892, 7.279, 1, 0.95)).toBe('95 %-KI 2,9 til 7,3');
    expect(da.p(0.0000079)).toBe('p < 0,001');
    expect(da.p(0.0342)).toBe('p = 0,03');
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

describe('message catalogues', () => {
  it('Danish and English have the same keys (the Messages type enforces it; this guards casts)', () => {
    expect(keyPaths(catalogues.da).sort()).toEqual(keyPaths(catalogues.en).sort());
  });

  it('every Danish string differs from the English one, except shared technical terms', () => {
    const same = new Set(['htmlLang', 'n', 'pValue', 'nnt', 'nntBenefit', 'nntHarm', 'nntInfinite', 'nPercent', 'population', 'software', 'seedLabel', 'untranslated', 'payerInvestor', 'estimandFields.population', 'estimandFields.model', 'cohensD', 'keyFigureD', 'labels', 'estimandText']);
    const da = catalogues.da as unknown as Record<string, unknown>;
    const en = catalogues.en as unknown as Record<string, unknown>;
    const flat = (o: Record<string, unknown>, k: string): unknown => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
    const identical = keyPaths(catalogues.da).filter((k) => !same.has(k)).filter((k) => {
      const a = flat(da, k);
      const b = flat(en, k);
      return typeof a === 'function' ? String((a as (...x: string[]) => string)('X', 'Y', 'Z', 'W', 'V', 'U', 'T')) === String((b as (...x: string[]) => string)('X', 'Y', 'Z', 'W', 'V', 'U', 'T')) : a === b;
    });
    expect(identical).toEqual([]);
  });
});
