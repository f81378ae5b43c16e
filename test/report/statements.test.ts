/** What the report says: linked economics, the safety line's visit, NNTB/NNTH, Danish wording. */
import { describe, expect, it } from 'vitest';
import { buildReport, type BuiltReport } from '../../src/report/index.ts';
import { checkEconomicsLink, ReportInputError, resultsSource } from '../../src/report/load-inputs.ts';
import type { OutcomeResult } from '../../src/analysis/results/types.ts';
import type { EconomicsResult } from '../../src/economics/run.ts';
import { loadEconomics, loadResults, resultsFile, withResults } from './inputs.ts';

const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'));
const page = (r: BuiltReport) => text(r.artefacts.find((a) => a.name === 'index.html')!.content).replace(/<script data-lib[\s\S]*?<\/script>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

describe('report statements', () => {
  it('economics linked to another results file is refused; the fixture pair passes', () => {
    const results = loadResults();
    const economics = loadEconomics();
    expect(() => checkEconomicsLink(economics, results, resultsSource(resultsFile))).not.toThrow();
    expect(() => checkEconomicsLink(economics, results, { file: '/x/kolding/results.json', sha256: 'ab'.repeat(32) })).toThrow(`economics.json was linked to results.json (SHA-256 ${resultsSource(resultsFile).sha256.slice(0, 12)}…), trial peer-twin, not results.json (SHA-256 abababababab…)`);
    const other = withResults((x) => (x.trial = { ...x.trial, id: 'kolding' }));
    expect(() => checkEconomicsLink(economics, other, null)).toThrow(ReportInputError);
    return expect(buildReport(other, economics, { lang: 'en', png: false })).rejects.toThrow(/linked to .*not trial kolding/);
  });

  it('the tipping point says which way the missing values were shifted', async () => {
    const tp = (direction: 'against-intervention' | 'towards-intervention') =>
      withResults((x) => (x.tippingPoints = x.tippingPoints.map((t, k) => (k === 0 ? { ...t, tippingDelta: 2.5, direction } : t))));
    const qpr = loadResults().tippingPoints[0];
    expect(qpr).toBeDefined();
    const against = page(await buildReport(tp('against-intervention'), null, { lang: 'da', png: false }));
    expect(against).toContain('var 2,5 point dårligere end under antagelsen om tilfældigt manglende data (MAR)');
    const towards = page(await buildReport(tp('towards-intervention'), null, { lang: 'en', png: false }));
    expect(towards).toContain('were 2.5 points better than assumed under missing at random');
  });

  it('economics without a link say they use the scenario\'s own rate; linked economics say they use the trial\'s', async () => {
    const e = { ...loadEconomics(), link: null } as EconomicsResult;
    const p = page(await buildReport(loadResults(), e, { lang: 'en', png: false }));
    expect(p).not.toContain('The economics use an effect rate of');
    expect(p).toContain("are not linked to the trial and use the scenario's own effect rate");
    const linked = page(await buildReport(loadResults(), loadEconomics(), { lang: 'en', png: false }));
    expect(linked).toContain('The economics use an effect rate of 19.7% (95% CI 7.7 to 31.6)');
  });

  it('the summary safety line names the primary visit and only the safety outcomes measured then', async () => {
    const r = withResults((x) => (x.safety = [...x.safety, { ...x.safety[0], id: 'er', name: { da: 'skadestuebesøg', en: 'emergency visits' }, visit: 'fu6' }]));
    const da = page(await buildReport(r, null, { lang: 'da', png: false }));
    const line = da.match(/Skadevirkninger ved [^<]*/)?.[0] ?? '';
    expect(line).toMatch(/^Skadevirkninger ved forløbets afslutning: /);
    expect(line).not.toContain('skadestuebesøg');
    const en = page(await buildReport(r, null, { lang: 'en', png: false }));
    expect(en).toMatch(/Harms at end of course: /);
    // The harms section's intro is built from the outcomes' names, not hard-coded.
    expect(da).toContain('Psykiatriske indlæggelser, sengedage i psykiatrien og skadestuebesøg pr. gruppe med rateratio (PEER / SAU)');
  });

  it('NNT is labelled NNTB/NNTH by kind; a CI through zero is Altman\'s "NNTB x til ∞ til NNTH y"', async () => {
    const r = withResults((x) => {
      x.outcomes = x.outcomes.map((o) => (o.id === 'mansa' && o.responder ? ({ ...o, responder: { ...o.responder, nnt: { ...o.responder.nnt, kind: 'harm' } } } as OutcomeResult) : o));
    });
    const da = page(await buildReport(r, null, { lang: 'da', png: false }));
    expect(da).toContain('NNTB 9,8 (NNTB 4,5 til ∞ til NNTH 51,1)');
    expect(da).toContain('NNTB 4,8 (3,1 til 12,1)');
    expect(da).toContain('NNTH 6,1 (3,6 til 25,6)');
    const en = page(await buildReport(loadResults(), null, { lang: 'en', png: false }));
    expect(en).toContain('NNTB 9.8 (NNTB 4.5 to ∞ to NNTH 51.1)');
  });

  it('Danish wording: d axis names the intervention, responder line reads for every definition, risk difference has its unit, true minus', async () => {
    const da = page(await buildReport(loadResults(), null, { lang: 'da', png: false }));
    expect(da).toContain('Cohens d (positiv = bedre for PEER)');
    expect(da).not.toContain('vendt efter gavn');
    expect(da).not.toMatch(/havde en (fald|forbedring)/);
    expect(da).toMatch(/opfyldte responderkriteriet \(forbedring på mindst 5 point på QPR-15 fra baseline\), en forskel på 21 procentpoint/);
    expect(da).toContain('Risikoforskel, procentpoint (95 %-KI)');
    expect(da).toContain('Relativ risiko (95 %-KI)');
    expect(da).not.toMatch(/>[^<]*\(-\d/);
    expect(da).toMatch(/−\d/);
    const en = page(await buildReport(loadResults(), null, { lang: 'en', png: false }));
    expect(en).toContain("Cohen's d (positive = better for PEER)");
    expect(en).toContain('Risk difference, percentage points (95% CI)');
  });
});
