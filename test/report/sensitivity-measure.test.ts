/**
 * The sensitivity chart in the primary row's own measure. It drew and wrote every measure as a
 * difference against 0: HSAUR3::epilepsy's rate ratios read "difference in each analysis: Negative
 * binomial (primary) 0.7 (0.5 to 1.0); Poisson 0.8 (0.6 to 0.9). Every interval lies on the same
 * side of 0." under an axis "Rate ratio (Progabide − placebo; 95% CI)" with the no-effect line at
 * 0; HSAUR3::respiratory's risk difference read "0.2 (0.0 to 0.4)".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const real = join(repoRoot, 'data-samples/real');
const pages: Record<string, string> = {};
const specs: Record<string, string> = {};

beforeAll(async () => {
  for (const trial of ['epilepsy', 'respiratory'] as const) {
    const results = runAnalysis(await loadTrial(join(real, `${trial}.csv`), join(real, `${trial}.spec.json`)));
    for (const lang of ['en', 'da'] as const) {
      const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
      const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
      pages[`${trial}-${lang}`] = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      specs[`${trial}-${lang}`] = String(built.artefacts.find((a) => a.name.endsWith('sensitivity.vl.json'))!.content);
    }
  }
}, 120_000);

describe('the sensitivity chart speaks in the primary row’s measure', () => {
  it.each([
    ['epilepsy-en', 'rate ratio in each analysis: Negative binomial (primary) 0.74 (0.53 to 1.03); Poisson 0.76 (0.62 to 0.93). Not every interval lies on the same side of 1.', 'Rate ratio (Progabide / placebo; 95% CI)'],
    ['epilepsy-da', 'rateratio i hver analyse: Negative binomial (primær) 0,74 (0,53 til 1,03); Poisson 0,76 (0,62 til 0,93). Ikke alle intervaller ligger på samme side af 1.', 'Rateratio (Progabide / placebo; 95 %-KI)'],
    ['respiratory-en', 'risk difference (percentage points) in each analysis: Logistic (primary) 19.9 (3.8 to 35.9)', 'Risk difference, percentage points (treatment − placebo; 95% CI)'],
  ] as const)('%s', (key, alt, axis) => {
    expect(pages[key]).toContain(alt);
    expect(specs[key]).toContain(`"title": "${axis}"`);
  });

  it('draws a ratio’s no-effect line at 1', () => {
    const spec = JSON.parse(specs['epilepsy-en']);
    const rules = JSON.stringify(spec).match(/"mark":\{"type":"rule","color":"[^"]+","strokeWidth":1.2,"strokeDash":\[5,3\]\},"encoding":\{"x":\{"datum":([\d.]+)/);
    expect(rules?.[1]).toBe('1');
  });
});
