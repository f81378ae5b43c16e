/**
 * "Who is analysed (analysed of randomised)" in a k-arm trial's sensitivity and estimands tables
 * (html/sections-methods.ts analysedOfRandomised): a row answers one comparison, so it names the
 * pair's arms; an arm outside the pair that a joint model also fitted keeps its count, as
 * analysedN keeps it in the flat tables, in a note after the pair; an arm a pairwise estimator did
 * not analyse (n 0) is not mentioned. Checked on MASS::anorexia (data-samples/real/, three arms,
 * ANCOVA, MMRM and MI fitted on all arms).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis, type AnalysisResults } from '../../../src/index.ts';
import { buildReport } from '../../../src/report/index.ts';
import { analysedN } from '../../../src/analysis/results/tables.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

let results: AnalysisResults;

/** The text of one section of the report built from `r`. */
async function section(r: AnalysisResults, lang: 'da' | 'en', id: string): Promise<string> {
  const built = await buildReport(r, null, { lang, date: '2026-11-27', png: false });
  const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
  const from = html.slice(html.indexOf(`<section id="${id}">`));
  return from.slice(0, from.indexOf('</section>')).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  const dir = join(repoRoot, 'data-samples/real');
  results = runAnalysis(await loadTrial(join(dir, 'anorexia.csv'), join(dir, 'anorexia.spec.json')));
}, 60_000);

describe('who is analysed, per comparison of a k-arm trial', () => {
  it('the models fitted every arm: the flat tables keep the third arm\'s n (analysedN)', () => {
    const row = results.outcomes.find((o) => o.comparison?.startsWith('CBT') && o.estimator === 'mmrm' && o.visit === 'post')!;
    expect(analysedN(results, row, 'FT')).toBe(17);
  });

  it('sensitivity table: the pair, then the arm the model also used (not "…, 17 of 17 in FT" as if compared)', async () => {
    const en = await section(results, 'en', 'sensitivity');
    expect(en).toContain('All randomised (ITT) 26 of 26 in Cont, 29 of 29 in CBT; the model also used 17 of 17 in FT 4.10 (0.32 to 7.88)');
    expect(en).toContain('All randomised (ITT) 26 of 26 in Cont, 17 of 17 in FT; the model also used 29 of 29 in CBT 8.66 (4.28 to 13.04)');
    expect(en).not.toContain('29 of 29 in CBT, 17 of 17 in FT');
    const da = await section(results, 'da', 'sensitivity');
    expect(da).toContain('26 af 26 i Cont, 29 af 29 i CBT; modellen brugte også 17 af 17 i FT');
  });

  it('estimands table (methods): the same rule', async () => {
    const en = await section(results, 'en', 'methods');
    expect(en).toContain('Mixed model (MMRM) All randomised (ITT) analysed: 26 of 26 in Cont, 29 of 29 in CBT; the model also used 17 of 17 in FT');
    expect(en).not.toContain('29 of 29 in CBT, 17 of 17 in FT');
  });

  it('a pairwise estimator (n 0 for the third arm): the pair alone, no note', async () => {
    const pairwise = {
      ...results,
      outcomes: results.outcomes.map((o) => (o.estimator === 'ancova' && o.comparison?.startsWith('CBT') ? { ...o, n: { ...o.n, analysed: { ...o.n.analysed, FT: 0 } } } : o)),
    } as AnalysisResults;
    const en = await section(pairwise, 'en', 'sensitivity');
    expect(en).toContain('All randomised (ITT) 26 of 26 in Cont, 29 of 29 in CBT 4.10 (0.32 to 7.88)');
    expect(en).not.toContain('0 of 17');
  });
});
