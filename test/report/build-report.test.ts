import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, catalogues, resolveReportDate, type BuiltReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadEconomics, loadResults } from './inputs.ts';

const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'));

/** The words a reader sees: the page without scripts, styles and tags, plus every string in the chart specs. */
function visibleText(r: BuiltReport): string {
  const html = text(r.artefacts.find((a) => a.name === 'index.html')!.content);
  const body = html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<section id="abbreviations">[\s\S]*?<\/section>/, ' ').replace(/<[^>]+>/g, ' ');
  const specStrings = r.artefacts.filter((a) => a.name.endsWith('.vl.json')).flatMap((a) => (text(a.content).match(/"(?:text|subtitle|title|outcome|level|group|label|panel|visit|estimator|administration|payer|side|end|parameter|role)":\s*"[^"]*"/g) ?? []));
  return `${body}\n${specStrings.join('\n')}`.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe('buildReport', () => {
  const results = loadResults();
  const economics = loadEconomics();
  let da: BuiltReport;
  let en: BuiltReport;

  it('builds index.html and .vl.json/.svg/.png for every chart, the same bytes on a re-run (PNG included)', async () => {
    da = await buildReport(results, economics, { lang: 'da', date: '2026-11-25' });
    const again = await buildReport(results, economics, { lang: 'da', date: '2026-11-25' });
    expect(da.artefacts.length).toBe(1 + 3 * da.charts.length);
    expect(da.artefacts.map((a) => a.name)).toEqual(again.artefacts.map((a) => a.name));
    for (let i = 0; i < da.artefacts.length; i++) expect(Buffer.from(da.artefacts[i].content).equals(Buffer.from(again.artefacts[i].content)), da.artefacts[i].name).toBe(true);
    en = await buildReport(results, economics, { lang: 'en', date: '2026-11-25' });
  });

  it('the print page (report.pdf): the sections of index.html, each chart its SVG file inline, no script, CSP script-src none', () => {
    for (const r of [da, en]) {
      const page = r.printPage!;
      const html = text(r.artefacts[0].content);
      expect(page).not.toMatch(/<script\b/i);
      expect(page).toContain("script-src 'none'");
      expect(page).not.toContain('unsafe-eval');
      // Same headings and captions as the page a browser opens.
      const captions = (s: string) => s.match(/<figcaption>[\s\S]*?<\/figcaption>|<h2>[\s\S]*?<\/h2>/g);
      expect(captions(page)).toEqual(captions(html.replace(/<script[\s\S]*?<\/script>/g, '')));
      for (const c of r.charts) {
        const svg = text(r.artefacts.find((a) => a.name === `charts/${c.id}.svg`)!.content);
        expect(page, c.id).toContain(`data-chart="${c.id}" role="img" aria-label="`);
        expect(page.includes(svg), `${c.id}: SVG inline`).toBe(true);
      }
      expect(r.artefacts.map((a) => a.name)).not.toContain(expect.stringMatching(/print/));
    }
  });

  it('the date comes from the option or SOURCE_DATE_EPOCH, never the clock', () => {
    expect(resolveReportDate('2026-11-25', {})).toBe('2026-11-25');
    expect(resolveReportDate(undefined, { SOURCE_DATE_EPOCH: '1795564800' })).toBe('2026-11-25');
    expect(resolveReportDate(undefined, {})).toBeNull();
  });

  it('the page is offline: vega, vega-lite and vega-embed inlined, no http(s) URL loaded', () => {
    const html = text(da.artefacts[0].content);
    for (const lib of ['vega@', 'vega-lite@', 'vega-embed@']) expect(html).toContain(`data-lib="${lib}`);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it('the Danish report is Danish: Danish headings, numbers and date; no English catalogue sentence', () => {
    // Instrument names are proper names (English in both reports): visibleText leaves the abbreviations list out.
    const v = visibleText(da);
    for (const s of ['Sammenfatning', 'Spørgsmålet', 'Svaret', 'Pengene', 'Deltagerforløb (CONSORT)', 'Rapportdato: 25. november 2026', '95 %-KI', 'p < 0,001', '9.694 kr.', 'til fordel for PEER']) expect(v).toContain(s);
    const english = Object.values(catalogues.en).filter((x): x is string => typeof x === 'string' && x.length > 8 && !Object.values(catalogues.da).includes(x));
    expect(english.filter((s) => v.includes(s))).toEqual([]);
    for (const w of [' the ', ' and ', 'Difference', 'favours', 'Outcome', 'Analysed', 'Randomised', 'CI ', '(kun på engelsk)']) expect(v, w).not.toContain(w);
  });

  it('the English report is English', () => {
    const v = visibleText(en);
    for (const s of ['Summary', 'The question', 'The answer', 'The money', 'Report date: 25 November 2026', '95% CI', 'p < 0.001', 'DKK 9,694', 'favours PEER']) expect(v).toContain(s);
    for (const w of ['Forskel', 'til fordel', 'Randomiseret', 'KI ', 'kr.']) expect(v, w).not.toContain(w);
  });

  it('no participant identifier and no row-level value in any artefact', () => {
    const csv = readFileSync(join(repoRoot, 'data-samples/peer-trial.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
    const header = csv[0].split(',');
    const idCol = header.indexOf('participant_id');
    const ids = [...new Set(csv.slice(1).map((l) => l.split(',')[idCol]))];
    expect(ids.length).toBe(296);
    // A participant's full baseline record (all columns after the id) as it would appear if rows leaked.
    const rows = csv.slice(1, 60).map((l) => l.split(',').slice(1).join(','));
    for (const r of [da, en]) {
      for (const a of r.artefacts) {
        const s = text(a.content);
        const hit = ids.find((id) => new RegExp(`\\b${id}\\b`).test(s));
        expect(hit, `${a.name} contains ${hit}`).toBeUndefined();
        expect(rows.some((row) => s.includes(row)), a.name).toBe(false);
        if (a.name.endsWith('.vl.json')) {
          // Chart data never name a data column ("visit" is the report's own axis): they hold aggregates under the report's own field names.
          for (const col of header.filter((h) => h.length > 3 && h !== 'visit')) expect(s, `${a.name}: ${col}`).not.toContain(`"${col}":`);
        }
      }
    }
  });

  it('zero prints as 0, not "<5" (deaths and self-harm are 0 in the twin; "no deaths" is key safety information)', () => {
    const html = text(da.artefacts[0].content);
    expect(html).toMatch(/Dødsfald<\/td><td class="num"[^>]*>0<\/td><td class="num"[^>]*>0<\/td>/);
  });
});
