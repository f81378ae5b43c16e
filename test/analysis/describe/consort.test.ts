/**
 * CONSORT's "analysed" for a time-to-event primary (src/analysis/describe/consort.ts, fed by
 * run-analysis.ts): everyone in the Cox analysis, i.e. everyone with a follow-up time, counted at
 * the follow-up to τ. survival::colon in years (death, τ = 5) had read "0 analysed at end" in every
 * arm — the count came from rows at the spec's visits, where a time-to-event outcome has none.
 * R: test/reference/colon-years-event-by-tau.R (the number with a follow-up time per arm).
 * A trial with a per-visit primary keeps its analysed count at each follow-up visit (the twin's
 * outputs stay byte-identical).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '../../../src/analysis/results/types.ts';
import { analyseColonYears } from '../../helpers/colon-years.ts';
import { reportHtml, sectionText } from '../../helpers/report-text.ts';
import { join } from 'node:path';
import { readFixture, repoRoot } from '../../helpers/fixtures.ts';
import { loadTrial, runAnalysis } from '../../../src/index.ts';

interface Ref { arms: Record<string, { n: number }> }
const ref = readFixture<Ref>('colon-years-event-by-tau.json');

let results: AnalysisResults;
beforeAll(async () => {
  results = await analyseColonYears();
}, 120_000);

describe('CONSORT analysed, time-to-event primary', () => {
  it('every arm is analysed in full at the follow-up to τ, as many as R counts with a follow-up time', () => {
    for (const arm of ['Obs', 'Lev', 'Lev+5FU']) {
      expect(results.consort[arm].analysed).toEqual([{ visit: 'τ = 5 years', n: ref.arms[arm].n }]);
      expect(results.consort[arm].randomised).toBe(ref.arms[arm].n);
    }
  });

  it('equals the Cox rows\' analysed n, arm by arm', () => {
    for (const o of results.outcomes.filter((r) => r.estimator === 'cox')) {
      for (const [arm, n] of Object.entries(o.n.analysed)) expect(results.consort[arm].analysed[0].n).toBe(n);
    }
  });

  it('the CONSORT figure says so in both languages', async () => {
    expect(sectionText(await reportHtml(results, 'en'), 'consort')).toContain('Obs: 315 allocated, 315 analysed at follow-up to 5 years; Lev: 310 allocated, 310 analysed at follow-up to 5 years; Lev+5FU: 304 allocated, 304 analysed at follow-up to 5 years.');
    expect(sectionText(await reportHtml(results, 'da'), 'consort')).toContain('Obs: 315 tildelt, 315 analyseret ved opfølgning til 5 år;');
  }, 60_000);

  it('a per-visit primary: analysed at each follow-up visit, as before (MASS::anorexia: 26, 29 and 17 at post)', async () => {
    const anorexia = runAnalysis(await loadTrial(join(repoRoot, 'data-samples/real/anorexia.csv'), join(repoRoot, 'data-samples/real/anorexia.spec.json')));
    expect(Object.fromEntries(Object.entries(anorexia.consort).map(([arm, f]) => [arm, f.analysed]))).toEqual({
      Cont: [{ visit: 'post', n: 26 }], CBT: [{ visit: 'post', n: 29 }], FT: [{ visit: 'post', n: 17 }],
    });
  }, 60_000);
});
