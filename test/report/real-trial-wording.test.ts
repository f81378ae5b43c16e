/**
 * What the report said about two public trials it had not seen (data-samples/real/: MASS::anorexia
 * — three arms, no strata, nothing missing; HSAUR3::BtheB — two arms, covariates, 48 % missing at
 * month 8 in both arms) that was wrong for any trial but the twin: a tipping point "not applicable"
 * because an arm "has missing values to shift"; "0%–0%" and "48%–48%" missing; "stratification
 * factors" and "stratum" in a trial without strata; "0 of 17 in FT" on a Welch row that does not
 * use FT; "A, B … and is not shown"; a Danish estimands table in English whenever the model had
 * covariates; a summary that answered only the first of two comparisons. Each is checked here on the real trial's own analysis.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis, type AnalysisResults } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { publish } from '../../src/report/disclosure/publish.ts';
import { publishedTables } from '../../src/report/disclosure/publish-tables.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const real = join(repoRoot, 'data-samples/real');
const results = {} as Record<'anorexia' | 'btheb', AnalysisResults>;
const pages = {} as Record<string, string>;

beforeAll(async () => {
  for (const t of ['anorexia', 'btheb'] as const) {
    results[t] = runAnalysis(await loadTrial(join(real, `${t}.csv`), join(real, `${t}.spec.json`)));
    for (const lang of ['en', 'da'] as const) {
      const built = await buildReport(results[t], null, { lang, date: '2026-11-27', png: false });
      const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
      pages[`${t}-${lang}`] = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/\s+/g, ' ');
    }
  }
}, 60_000);

describe('a trial without strata (anorexia)', () => {
  it('results.json does not name strata it does not have', () => {
    for (const o of results.anorexia.outcomes) {
      expect(`${o.estimand.summaryMeasure} ${o.estimand.missingData}`, `${o.estimator} ${o.comparison}`).not.toMatch(/strat/);
    }
    const mi = results.anorexia.outcomes.find((o) => o.estimator === 'mi-ancova')!;
    expect(mi.estimand.missingData).toContain('from arm and the outcome at every visit');
  });
  it.each(['en', 'da'] as const)('%s: the report words the model without strata', (lang) => {
    const p = pages[`anorexia-${lang}`];
    expect(p).not.toMatch(/stratification factors|stratum|stratifikationsfaktorer/);
    expect(p).toContain(lang === 'en' ? 'missing at random given baseline value and group (MAR)' : 'mangler tilfældigt givet baselineværdi og gruppe (MAR)');
  });
  it.each(['en', 'da'] as const)('%s: a tipping point with nothing to shift says so', (lang) => {
    expect(pages[`anorexia-${lang}`]).toContain(lang === 'en' ? 'The tipping-point analysis does not apply: the CBT group has no missing values to shift.' : 'Vendepunktsanalysen er ikke relevant: CBT-gruppen har ingen manglende værdier at forskyde.');
  });
  it.each(['en', 'da'] as const)('%s: the summary answers every comparison, not only the first', (lang) => {
    // Both comparisons are in anorexia's primary family: each has its own verdict.
    expect(pages[`anorexia-${lang}`]).toContain(lang === 'en'
      ? 'FT versus Cont: yes. The FT group did better, and chance is an unlikely explanation. At end of treatment: difference 8.7 lb (95% CI 4.3 to 13.0; p < 0.001)'
      : 'Ved behandlingsslut: forskel 8,7 lb (95 %-KI 4,3 til 13,0; p < 0,001)');
  });
  it('nothing missing: no limitation about missing outcomes', () => {
    expect(pages['anorexia-en']).not.toContain('lack the primary outcome');
  });
  it('a Welch row lists only the arms of its comparison; two identical analyses are "are not shown"', () => {
    const p = pages['anorexia-en'];
    expect(p).not.toMatch(/0 of 17 in FT/);
    // The ANCOVA uses all three arms: the pair compared, then the arm the model also used (html/analysed-in-pair.test.ts).
    expect(p).toContain('26 of 26 in Cont, 29 of 29 in CBT; the model also used 17 of 17 in FT');
    expect(p).toContain('Complete cases and Mixed model (MMRM) gave exactly the same numbers as the primary analysis and are not shown separately.');
  });
});

describe('a trial with covariates and equal shares missing (BtheB)', () => {
  it('one share when the arms round to the same', () => {
    expect(pages['btheb-en']).toContain('48% of those randomised in each group lack the primary outcome at month 8');
    expect(pages['btheb-en']).not.toContain('48%–48%');
  });
  it.each(['en', 'da'] as const)('%s: the estimands of a model with covariates are in the report\'s language, the covariates by their names', (lang) => {
    const p = pages[`btheb-${lang}`];
    expect(p).not.toMatch(/\(kun på engelsk\)|\(English only\)/);
    expect(p).toContain(lang === 'en'
      ? 'adjusted for baseline value and covariates (antidepressant drugs, length of episode)'
      : 'justeret for baselineværdi og kovariater (antidepressiv medicin, varighed af episode)');
  });
  it("results.json says how the EMMs weight the categorical covariates, and names no strata", () => {
    const a = results.btheb.outcomes.find((o) => o.estimator === 'ancova' && o.visit === '8m')!;
    expect(a.estimand.summaryMeasure).toBe("difference in means (intervention − control), adjusted for baseline value and covariates (drug, length); marginal means with equal weights over the categorical covariates' levels");
    const mi = results.btheb.outcomes.find((o) => o.estimator === 'mi-ancova')!;
    expect(mi.estimand.missingData).toContain('from arm, baseline covariates (drug, length) and the outcome at every visit');
  });
});

describe('the published tables do not print beside a withheld count the number it withholds', () => {
  it('BtheB month 2: TAU analysed 45 of 48 is "–", and so is the 45 with data beside it', () => {
    const table = publishedTables(publish(results.btheb, null))[0];
    const col = (name: string) => table.columns.indexOf(name);
    const rows = table.rows.filter((r) => r[col('visit')] === '2m');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r[col('n_analysed_TAU')]).toBe('–');
      expect(r[col('n_with_data_TAU')], 'was 45: 48 − 45 gave the 3 without data back').toBe('–');
      expect(r[col('n_with_data_BtheB')]).toBe(52);
    }
  });
});
