/**
 * The limitations (src/report/html/sections-other.ts discussionSection) say only what holds:
 * - a time-to-event primary has no "missing at random" outcome — its missing follow-up is censoring,
 *   which its estimand describes — so the MAR sentence is not said. survival::colon (death, τ = 5
 *   years) had read "0%–100% of those randomised in each group lack the primary outcome … The
 *   sensitivity analyses and the tipping point show how much that matters" (the arm outside the
 *   first comparison counted as 100 % missing; no tipping point exists for the trial);
 * - a per-visit primary with missing values names the tipping point only when one was computed
 *   for it; with one (the twin) the sentence is as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '../../../src/analysis/results/types.ts';
import { analyseColonYears } from '../../helpers/colon-years.ts';
import { reportHtml, sectionText } from '../../helpers/report-text.ts';
import { loadResults, withResults } from '../inputs.ts';

let colon: AnalysisResults;
beforeAll(async () => {
  colon = await analyseColonYears();
}, 120_000);

describe('limitations', () => {
  it('a time-to-event primary: no MAR sentence, no tipping point (en, da)', async () => {
    const en = sectionText(await reportHtml(colon, 'en'), 'discussion');
    expect(en).not.toMatch(/lack the primary outcome|tipping point|MAR/);
    expect(en).toContain('Limitations The trial specification does not state blinding');
    const da = sectionText(await reportHtml(colon, 'da'), 'discussion');
    expect(da).not.toMatch(/mangler det primære effektmål|vendepunkt|MAR/);
  }, 60_000);

  it('the twin (tipping points computed for its primary): the sentence as before', async () => {
    const twin = loadResults();
    expect(twin.tippingPoints.some((tp) => tp.outcomeId === 'qpr15')).toBe(true);
    expect(sectionText(await reportHtml(twin, 'en'), 'discussion')).toContain('lack the primary outcome at end of course; the primary analysis assumes they are missing at random given what was observed (MAR). The sensitivity analyses and the tipping point show how much that matters.');
    expect(sectionText(await reportHtml(twin, 'da'), 'discussion')).toContain('Følsomhedsanalyserne og vendepunktet viser, hvor meget det betyder.');
  }, 60_000);

  it('without a tipping point for the primary: the missing share and MAR, no tipping point', async () => {
    const none = withResults((r) => { r.tippingPoints = r.tippingPoints.filter((tp) => tp.outcomeId !== 'qpr15'); });
    const en = sectionText(await reportHtml(none, 'en'), 'discussion');
    expect(en).toContain('lack the primary outcome at end of course; the primary analysis assumes they are missing at random given what was observed (MAR). The sensitivity analyses show how much that matters.');
    expect(en).not.toContain('tipping point');
    const da = sectionText(await reportHtml(none, 'da'), 'discussion');
    expect(da).toContain('(MAR). Følsomhedsanalyserne viser, hvor meget det betyder.');
    expect(da).not.toContain('vendepunkt');
  }, 60_000);
});
