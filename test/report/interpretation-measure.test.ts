/**
 * The interpretation judges each row against no effect in its own measure (1 for a ratio). It
 * judged every measure against 0: HSAUR3::epilepsy's rate ratio 0.74 (95 % CI 0.53 to 1.03, fewer
 * seizures, p = 0.070) read "The intervention group did worse on epileptic seizures at weeks 7–8,
 * and the confidence interval excludes no effect. The conclusion is the same in all 2 analyses",
 * though the Poisson analysis (0.76, 0.62 to 0.93) is the only one whose interval excludes 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const real = join(repoRoot, 'data-samples/real');
const pages: Record<string, string> = {};

beforeAll(async () => {
  const results = runAnalysis(await loadTrial(join(real, 'epilepsy.csv'), join(real, 'epilepsy.spec.json')));
  for (const lang of ['en', 'da'] as const) {
    const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    pages[lang] = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  }
}, 60_000);

describe('the interpretation of a ratio (epilepsy)', () => {
  it.each([
    ['en', 'The trial shows no clear difference in epileptic seizures at weeks 7–8', 'The conclusion differs in 1 of 2 analyses of the primary outcome.', /did worse on epileptic seizures|excludes no effect/],
    ['da', 'Forsøget viser ingen tydelig forskel i epileptiske anfald ved uge 7–8', 'Konklusionen er ikke den samme i 1 af 2 analyser af det primære effektmål.', /klarede sig dårligere på epileptiske anfald|udelukker ingen effekt/],
  ] as const)('%s', (lang, unclear, fragile, wrong) => {
    expect(pages[lang]).toContain(unclear);
    expect(pages[lang]).toContain(fragile);
    expect(pages[lang]).not.toMatch(wrong);
  });
});
