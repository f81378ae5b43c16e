/**
 * The summary in the primary row's own effect measure (src/report/html/summary.ts effectWords).
 * It wrote every measure as a difference of means: HSAUR3::epilepsy's rate ratio 0.74 (fewer
 * seizures with progabide, 95 % CI 0.53 to 1.03, p = 0.070) read "0.7 points higher … No. The
 * intervention group did worse, and chance is an unlikely explanation" — a ratio's CI never
 * contains 0, and 0.74 × (lower is better) looked like harm. HSAUR3::respiratory's risk difference
 * 0.199 read "0.2 points". Each row: a real trial, a language, what its summary must and must not say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const real = join(repoRoot, 'data-samples/real');
const summaries: Record<string, string> = {};
const pages: Record<string, string> = {};

beforeAll(async () => {
  for (const t of ['epilepsy', 'respiratory'] as const) {
    const results = runAnalysis(await loadTrial(join(real, `${t}.csv`), join(real, `${t}.spec.json`)));
    for (const lang of ['en', 'da'] as const) {
      const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
      const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
      const text = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/\s+/g, ' ');
      // The summary: from its plain-words box to the money.
      pages[`${t}-${lang}`] = text;
      summaries[`${t}-${lang}`] = text.slice(text.search(/In plain words|Kort fortalt/), text.search(/The money|Pengene/));
    }
  }
}, 60_000);

describe('the summary speaks in the primary row’s effect measure', () => {
  it.each([
    ['epilepsy', 'en', [
      'At weeks 7–8, the rate ratio for epileptic seizures in the Progabide group against the placebo group was 0.74 (1 means no difference).',
      'Not clearly. The difference between the groups could be due to chance.',
      'At weeks 7–8: rate ratio 0.74 (95% CI 0.53 to 1.03; p = 0.070)',
      'At weeks 1–2 the rate ratio was 0.75 (95% CI 0.52 to 1.07; p = 0.116).',
      'Rate ratio 0.74 95% CI 0.53 to 1.03',
    ]],
    ['epilepsy', 'da', [
      'Ved uge 7–8 var rateratioen for epileptiske anfald i Progabide-gruppen over for placebo-gruppen 0,74 (1 betyder ingen forskel).',
      'Ikke tydeligt.',
      'Ved uge 7–8: rateratio 0,74 (95 %-KI 0,53 til 1,03; p = 0,070)',
      'Ved uge 1–2 var rateratioen 0,75',
    ]],
    ['respiratory', 'en', [
      'The share with good respiratory status at month 4 was 19.9 percentage points higher in the treatment group than in the placebo group.',
      'Yes. The intervention group did better',
      'At month 4: risk difference 19.9 percentage points (95% CI 3.8 to 35.9; p = 0.015)',
      'At month 1 the risk difference was 19.4 percentage points',
      'Risk difference (percentage points) 19.9 95% CI 3.8 to 35.9',
    ]],
    ['respiratory', 'da', [
      'Andelen med god respiratorisk status ved måned 4 var 19,9 procentpoint højere i treatment-gruppen end i placebo-gruppen.',
      'Ved måned 4: risikoforskel 19,9 procentpoint (95 %-KI 3,8 til 35,9; p = 0,015)',
      'Risikoforskel (procentpoint) 19,9',
    ]],
  ] as const)('%s (%s)', (trial, lang, says) => {
    const summary = summaries[`${trial}-${lang}`];
    for (const s of says) expect(summary).toContain(s);
    expect(summary).not.toMatch(/(?<!percentage )\bpoints? (higher|lower)\b|(?<!procent)point (højere|lavere)|difference 0\.\d points|forskel 0,\d point/);
  });

  it.each([
    ['epilepsy', 'en', 'At weeks 7–8 the rate ratio in epileptic seizures between the Progabide and the placebo group was 0.74 (95% CI 0.53 to 1.03; p = 0.070', 'observed rate (seizures per week): placebo 3.98 (3.49 to 4.54), Progabide 3.35 (2.93 to 3.84); rate ratio 0.74 (95% CI 0.53 to 1.03).'],
    ['epilepsy', 'da', 'Ved uge 7–8 var rateratioen i epileptiske anfald mellem Progabide- og placebo-gruppen 0,74 (95 %-KI 0,53 til 1,03', 'rateratio 0,74 (95 %-KI 0,53 til 1,03).'],
    ['respiratory', 'en', 'At month 4 the risk difference in good respiratory status between the treatment and the placebo group was 19.9 percentage points (95% CI 3.8 to 35.9', '; risk difference 19.9 percentage points (95% CI 3.8 to 35.9).'],
  ] as const)('the primary-outcome section and its chart’s text alternative: %s (%s)', (trial, lang, sentence, alt) => {
    expect(pages[`${trial}-${lang}`]).toContain(sentence);
    expect(pages[`${trial}-${lang}`]).toContain(alt);
  });

  it('the sensitivity table heads its column with the measure', () => {
    expect(pages['epilepsy-en']).toContain('Rate ratio (95% CI)');
    expect(pages['epilepsy-da']).toContain('Rateratio (95 %-KI)');
    // A share in percentage points, as the sentence and the chart write it (4d111bc, e2da50b).
    expect(pages['respiratory-en']).toContain('Risk difference, percentage points (95% CI)');
    expect(pages['epilepsy-en']).toMatch(/Who is analysed \(analysed of randomised\) Rate ratio \(95% CI\)/);
  });
});
