/**
 * A time-to-event outcome's unit in the report's own language. The IPS twin's spec could give a
 * time-to-event unit in one language only, and the Danish report wrote it in English: "Tid til
 * første job (opfølgning til 130 weeks)", "Tabel 7. tid til første job: τ = 130 (weeks) … Median
 * (weeks) … RMST-forskel (weeks)". A unit may now be { "da": "uger", "en": "weeks" } for every
 * kind; the visit id stays English ("τ = 130 weeks", results.json's key).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrial, runAnalysis, type AnalysisResults } from '../../src/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { parseSpec } from '../../src/data/spec/load.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const dir = join(repoRoot, 'data-samples/ips');
let results: AnalysisResults;
const pages: Record<string, string> = {};
const svgs: Record<string, string> = {};

beforeAll(async () => {
  results = runAnalysis(await loadTrial(join(dir, 'ips-twin.csv'), join(dir, 'ips.spec.json')));
  for (const lang of ['da', 'en'] as const) {
    const built = await buildReport(results, null, { lang, date: '2026-11-27', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    pages[lang] = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    svgs[lang] = built.artefacts.filter((a) => a.name.endsWith('.svg')).map((a) => String(a.content)).join('\n');
  }
}, 120_000);

describe('time units in the report’s language (IPS twin)', () => {
  it('the Danish report says uger, never weeks', () => {
    for (const s of ['opfølgning til 130 uger', 'τ = 130 (uger)', 'Median (uger)', 'RMST-forskel (uger)']) expect(pages.da).toContain(s);
    expect(pages.da).not.toMatch(/\bweeks?\b/);
    expect(svgs.da).not.toMatch(/\bweeks?\b/);
  });

  it('the English report keeps weeks', () => {
    for (const s of ['follow-up to 130 weeks', 'τ = 130 (weeks)', 'RMST difference (weeks)']) expect(pages.en).toContain(s);
  });

  it('results.json: the visit id in English, its Danish name and sentences in Danish', () => {
    const row = results.outcomes.find((o) => o.id === 'first_job' && o.estimator === 'cox')!;
    expect(row.visit).toBe('τ = 130 weeks');
    expect(results.labels?.visits[row.visit]).toEqual({ da: 'opfølgning til 130 uger', en: 'follow-up to 130 weeks' });
    expect(row.method.options.unit).toBe('weeks');
  });

  it('the spec takes a time-to-event unit per language, or one string for both', () => {
    const ips = JSON.parse(readFileSync(join(dir, 'ips.spec.json'), 'utf8'));
    delete ips.analysisPlan;
    const spec = (unit: unknown) => ({ ...ips, outcomes: ips.outcomes.map((o: { id: string }) => (o.id === 'first_job' ? { ...o, unit } : o)) });
    expect(parseSpec(spec({ da: 'dage', en: 'days' }), 's.json').outcomes.find((o) => o.id === 'first_job')).toMatchObject({ unit: { da: 'dage', en: 'days' } });
    expect(parseSpec(spec('days'), 's.json').outcomes.find((o) => o.id === 'first_job')).toMatchObject({ unit: 'days' });
  });
});
