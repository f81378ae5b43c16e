/**
 * Sensitivity rows in another measure than the primary row's get their own panel, axis and
 * no-effect line. survival::colon in years (Cox primary, RMST difference as sensitivity): the RMST
 * difference Lev − Obs, −0.04 years, had been drawn on the hazard-ratio axis, where no effect is
 * at 1, as if the hazard were cut by 96 %; the table headed it "Hazard ratio"; and the
 * interpretation said the conclusion "differs in 1 of 2 analyses" for Lev+5FU vs Obs although the
 * hazard ratio 0.69 and the RMST difference +0.31 years both favour Lev+5FU.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { analyseColonYears } from '../helpers/colon-years.ts';

let results: AnalysisResults;
const specs: Record<string, Record<string, unknown>> = {};
const text: Record<string, string> = {};

beforeAll(async () => {
  results = await analyseColonYears();
  for (const lang of ['en', 'da'] as const) {
    const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    text[lang] = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const a of built.artefacts.filter((x) => /sensitivity(-\d)?\.vl\.json$/.test(x.name))) specs[`${lang} ${a.name.replace(/^.*\//, '')}`] = JSON.parse(String(a.content));
  }
}, 120_000);

/** Each panel's x-axis title and its dashed no-effect line. */
function panels(spec: Record<string, unknown>): Array<{ title: string; none: number; labels: string[] }> {
  const views = (spec.vconcat as Array<Record<string, unknown>> | undefined) ?? [spec];
  return views.map((v) => {
    const layers = v.layer as Array<{ mark: Record<string, unknown>; encoding: Record<string, Record<string, unknown>> }>;
    const rule = layers.find((l) => l.mark.type === 'rule' && l.mark.strokeDash)!;
    const values = (v.data as { values: Array<{ label: string; estimator: string }> }).values;
    return { title: String(rule.encoding.x.title), none: Number(rule.encoding.x.datum), labels: values.map((r) => `${r.estimator} ${r.label}`) };
  });
}

describe('sensitivity chart: a measure of its own gets a panel of its own', () => {
  it('colon, each pair: the hazard ratio against 1, the RMST difference (years, 2 decimals) against 0', () => {
    expect(Object.keys(specs).sort()).toEqual(['da sensitivity-2.vl.json', 'da sensitivity-3.vl.json', 'da sensitivity.vl.json', 'en sensitivity-2.vl.json', 'en sensitivity-3.vl.json', 'en sensitivity.vl.json']);
    expect(panels(specs['en sensitivity.vl.json'])).toEqual([
      { title: 'Hazard ratio (Lev / Obs; 95% CI)', none: 1, labels: ['Cox (primary) 0.97 (0.78 to 1.21)'] },
      { title: 'Difference in restricted mean time, years (Lev − Obs; 95% CI)', none: 0, labels: ['RMST −0.04 (−0.30 to 0.21)'] },
    ]);
    expect(panels(specs['da sensitivity-2.vl.json'])).toEqual([
      { title: 'Hazardratio (Lev+5FU / Obs; 95 %-KI)', none: 1, labels: ['Cox (primær) 0,69 (0,55 til 0,87)'] },
      { title: 'Forskel i begrænset middeltid, år (Lev+5FU − Obs; 95 %-KI)', none: 0, labels: ['RMST 0,31 (0,05 til 0,56)'] },
    ]);
    // Never a shared x scale between the panels.
    expect(specs['en sensitivity-3.vl.json'].resolve).toEqual({ scale: { x: 'independent', y: 'independent' } });
  });

  it('the captions name both measures; the table heads its column "Effect" with each row\'s measure under it', () => {
    expect(text.en).toContain('The hazard ratio and the difference in restricted mean time in the primary outcome in each analysis');
    expect(text.en).toContain('Analysis Who is analysed (analysed of randomised) Effect (95% CI) p');
    expect(text.en).toContain('0.69 (0.55 to 0.87) Hazard ratio 0.002');
    expect(text.da).toContain('Hazardratioen og forskellen i begrænset middeltid i det primære effektmål i hver analyse');
    expect(text.da).toContain('0,31 (0,05 til 0,56) Forskel i begrænset middeltid, år 0,018');
    expect(text.en).not.toContain('Analysis Who is analysed (analysed of randomised) Hazard ratio');
  });

  it('the interpretation reads the hazard ratio and the RMST difference by the side of benefit, not by their numbers', () => {
    expect(text.en).toContain('Lev+5FU improved death at follow-up to 5 years compared with Obs, and the confidence interval excludes no effect. The conclusion is the same in all 2 analyses of the primary outcome.');
    // Lev vs Obs: both intervals include no effect (hazard ratio 0.97 leans one way, RMST −0.04 the other): the same conclusion.
    expect(text.en).toContain('The trial shows no clear difference between Lev and Obs in death at follow-up to 5 years; that is not the same as showing there is none. The conclusion is the same in all 2 analyses of the primary outcome.');
    expect(text.en).not.toContain('The conclusion differs');
  });

  it('one measure (every other trial): a single layered chart as before', () => {
    const two = results.outcomes.filter((o) => o.estimator === 'cox');
    expect(two.every((o) => o.measure === 'hazard-ratio')).toBe(true);
    expect(specs['en sensitivity.vl.json'].layer).toBeUndefined();
  });
});
