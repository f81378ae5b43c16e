/**
 * The time-to-event tables write times with decimals chosen from τ (src/analysis/text/time-decimals.ts),
 * checked on a real public trial on a scale where the fixed 1 decimal failed: survival::colon
 * (data-samples/real/colon.csv), death, time in years, τ = 5. The RMST difference Lev − Obs is
 * −0.044 years (R: test/reference/colon-years-rmst.R → colon-years-rmst.json) and was written
 * "0.0 (−0.3 to 0.2)"; the medians 5.70 and 5.89 years were both "6". Weeks (IPS, τ = 130) keep
 * 1 decimal for RMST and whole weeks for medians. The same rule writes the RMST difference in
 * results.json's sentences and the sensitivity tables, which had kept 1 decimal ("-0.0 years").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '../../src/index.ts';
import { medianDecimals, rmstDecimals, tauDecimals } from '../../src/analysis/text/time-decimals.ts';
import type { SurvivalAnalysis } from '../../src/analysis/survival/types.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { analyseColonYears } from '../helpers/colon-years.ts';
import { reportHtml } from '../helpers/report-text.ts';
import { expectLRE } from '../helpers/lre.ts';

interface Ref {
  tau: number;
  arms: Record<string, { rmst: number; se: number; median: number | null }>;
  comparisons: Array<{ id: string; estimate: number; lower: number; upper: number }>;
}
const ref = readFixture<Ref>('colon-years-rmst.json');

let results: AnalysisResults;
/** The text of each language's time-to-event section. */
const pages: Record<string, string> = {};
/** The text of each language's sensitivity section (its chart descriptions and tables). */
const sensitivity: Record<string, string> = {};

beforeAll(async () => {
  results = await analyseColonYears();
  for (const lang of ['da', 'en'] as const) {
    const html = await reportHtml(results, lang);
    // Each section alone, so a number is found where it is meant to be.
    const text = (id: string) => {
      const section = html.slice(html.indexOf(`<section id="${id}">`));
      return section.slice(0, section.indexOf('</section>')).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    pages[lang] = text('time-to-event');
    sensitivity[lang] = text('sensitivity');
  }
}, 120_000);

/** A number as the English report writes it (true minus sign). */
const en = (x: number, d: number) => x.toFixed(d).replace('-', '−');
const da = (x: number, d: number) => en(x, d).replace('.', ',');

describe('decimals of times from τ', () => {
  it('three significant digits at τ, never fewer than 1 for RMST; one fewer for medians; τ exactly', () => {
    expect([130, 127, 1826, 2920, 5, 0.5].map(rmstDecimals)).toEqual([1, 1, 1, 1, 2, 3]);
    expect([130, 1826, 5, 0.5].map(medianDecimals)).toEqual([0, 0, 1, 2]);
    expect([130, 5, 2.5, 1.25].map(tauDecimals)).toEqual([0, 0, 1, 2]);
  });

  it('colon in years: the analysis agrees with R (LRE ≥ 10)', () => {
    const a = results.timeToEvent!.find((r) => r.id === 'death')!.analysis as SurvivalAnalysis;
    expect(a.tau).toBe(ref.tau);
    for (const x of a.arms) expectLRE(x.rmst.estimate, ref.arms[x.arm].rmst, 10, `RMST ${x.arm}`);
    for (const c of ref.comparisons) {
      const mine = a.comparisons.find((k) => k.id === c.id)!.rmstDifference;
      expectLRE(mine.estimate, c.estimate, 10, `RMST difference ${c.id}`);
      expectLRE(mine.lower!, c.lower, 10, `lower ${c.id}`);
      expectLRE(mine.upper!, c.upper, 10, `upper ${c.id}`);
    }
  });

  it('colon in years: the tables write R\'s RMSTs and differences to 2 decimals and medians to 1 (−0.04, not 0.0)', () => {
    const z = 1.959963984540054;
    for (const [arm, r] of Object.entries(ref.arms)) {
      expect(pages.en).toContain(`${arm} `);
      expect(pages.en).toContain(`${en(r.rmst, 2)} (${en(r.rmst - z * r.se, 2)} to ${en(r.rmst + z * r.se, 2)})`);
      expect(pages.da).toContain(`${da(r.rmst, 2)} (${da(r.rmst - z * r.se, 2)} til ${da(r.rmst + z * r.se, 2)})`);
    }
    expect(pages.en).toMatch(/Obs 315 \S+ 5\.7 \(/);
    expect(pages.en).toMatch(/Lev 310 \S+ 5\.9 /);
    for (const c of ref.comparisons) {
      expect(pages.en).toContain(`${en(c.estimate, 2)} (${en(c.lower, 2)} to ${en(c.upper, 2)})`);
      expect(pages.da).toContain(`${da(c.estimate, 2)} (${da(c.lower, 2)} til ${da(c.upper, 2)})`);
    }
    expect(pages.en).toContain('Lev vs Obs 0.97 (0.78 to 1.21)');
    expect(pages.en).toContain('−0.04 (−0.30 to 0.21)');
    expect(pages.en).toContain('death: τ = 5 (years)');
    expect(pages.da).toContain('død: τ = 5 (år)');
  });

  it('colon in years: results.json\'s sentences and the sensitivity tables write the RMST difference with τ\'s 2 decimals too (−0.04, not −0.0)', () => {
    const rmst = results.outcomes.filter((o) => o.estimator === 'rmst');
    expect(rmst.map((o) => o.comparison)).toEqual(ref.comparisons.map((c) => c.id));
    rmst.forEach((o, k) => {
      const c = ref.comparisons[k];
      // results.json writes a hyphen-minus.
      const [e, l, u] = [c.estimate, c.lower, c.upper].map((x) => x.toFixed(2));
      expect(o.sentence.en).toContain(`difference in restricted mean time (RMST) ${e} years (95% CI ${l} to ${u};`);
      expect(o.sentence.da).toContain(`forskel i begrænset middeltid (RMST) ${e.replace('.', ',')} år (95 %-KI ${l.replace('.', ',')} til ${u.replace('.', ',')};`);
      expect(sensitivity.en).toContain(`${en(c.estimate, 2)} (${en(c.lower, 2)} to ${en(c.upper, 2)}) Difference in restricted mean time, years`);
      expect(sensitivity.da).toContain(`${da(c.estimate, 2)} (${da(c.lower, 2)} til ${da(c.upper, 2)}) Forskel i begrænset middeltid, år`);
      expect(sensitivity.en).toContain(`RMST ${en(c.estimate, 2)} (${en(c.lower, 2)} to ${en(c.upper, 2)})`);
    });
    expect(rmst[0].sentence.en).toContain('(RMST) -0.04 years (95% CI -0.30 to 0.21; p = 0.74)');
  });
});
