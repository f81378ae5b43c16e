/**
 * Every sink renders the one publishable model: the report (HTML, Vega-Lite specs, SVG), and the
 * CSV/XLSX tables show the same withheld cells, none prints a value the model withholds (a NaN
 * would show it tried), and no sink formats counts by a rule of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, chartContext, type BuiltReport } from '../../src/report/index.ts';
import { keyOf } from '../../src/report/disclosure/model.ts';
import { publish } from '../../src/report/disclosure/publish.ts';
import { publishedTables } from '../../src/report/disclosure/publish-tables.ts';
import { tableToCsv } from '../../src/data/io/flat-table.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadEconomics, loadResults } from './inputs.ts';
import { smallCells } from './small-cells.ts';

const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
const page = (r: BuiltReport) => text(r.artefacts.find((a) => a.name === 'index.html')!.content).replace(/<script data-lib[\s\S]*?<\/script>/g, '');
const spec = (r: BuiltReport, id: string) => text(r.artefacts.find((a) => a.name === `charts/${id}.vl.json`)!.content);
const econ = loadEconomics();
/** The twin's economics re-linked to the cohort's crude (not pooled) effect rate, as `effekt economics --results` would. */
const cohortEconomics = { ...econ, link: { ...econ.link!, linked: econ.link!.linked.map((l) => ({ ...l, pooled: false })) } };

describe('sinks render the publishable model only', () => {
  it('no report source formats a count by its own rule (every count goes through the disclosure plan)', () => {
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith('.ts') && files.push(join(d, f))));
    for (const d of ['charts', 'html']) walk(join(repoRoot, 'src/report', d));
    const offenders = files.filter((f) => /formatCountGroup|formatPart|suppressedCells|isSmallCount\(|fmt\.count\(\s*(?:r|f|c|o|results)\./.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(repoRoot.length + 1))).toEqual([]);
  });

  it('the chart context holds the model: withheld counts are NaN, raw results are not kept', () => {
    const ctx = chartContext(smallCells(), cohortEconomics, 'en');
    expect(ctx.results.consort.PEER.lostToFollowUp[0].reasons.moved).toBeNaN();
    expect(ctx.economics).toBeNull();
    expect(ctx.economicsWithheld).toEqual(['personal-recovery']);
    expect(Object.values(ctx).some((v) => v === smallCells())).toBe(false);
  });

  describe('a cohort with small cells: every sink shows the same withheld cells', async () => {
    const r = smallCells();
    const m = publish(r, cohortEconomics);
    const d = m.disclosure;
    const rep = await buildReport(r, cohortEconomics, { lang: 'en', date: '2026-11-26', png: false });
    const html = page(rep);
    const csv = publishedTables(m).map(tableToCsv).join('\n');
    const all = rep.artefacts.map((a) => (a.name === 'index.html' ? html : text(a.content))).join('\n');

    it('no artefact prints a withheld value (no NaN anywhere)', () => {
      for (const a of rep.artefacts) expect(a.name === 'index.html' ? html : text(a.content), a.name).not.toMatch(/NaN/);
      expect(csv).not.toMatch(/NaN/);
    });

    it('CONSORT: PEER "moved" at end is "<5" in the diagram and the CSV; each "–" of the plan is "–" in both', () => {
      const consort = spec(rep, 'consort');
      expect(consort).toMatch(/moved: <5/);
      expect(csv).toMatch(/PEER,lost_to_follow_up,end,<5,moved/);
      for (const [k] of d.system.cells) {
        const p = k.split('|');
        if (p[0] !== 'consort' || p[2] !== 'reason') continue;
        const st = d.state(k);
        const shown = st === 'small' ? '<5' : st === 'hidden' ? '–' : String(d.system.cells.get(k)!.value);
        expect(csv, k).toContain(`${p[1]},lost_to_follow_up,${p[3]},${shown},${p[4]}`);
      }
      expect(d.state(keyOf('consort', 'PEER', 'notReceived'))).toBe('small');
      expect(consort).toMatch(/did not receive[^"]*<5/i);
    });

    it('Table 1, responders and safety: the same "<5" in the page and the CSV', () => {
      expect(d.state(keyOf('baseline', 'municipality', 'Rødovre', 'PEER'))).toBe('small');
      expect(html).toMatch(/Rødovre<\/td><td class="num" data-label="SAU[^"]*">&lt;5<\/td><td class="num" data-label="PEER[^"]*">&lt;5<\/td>/);
      expect(csv).toMatch(/municipality,Municipality,Rødovre,n-percent,.*,<5,/);
      expect(csv).toMatch(/qpr15,end,itt,ancova,[^\n]*,<5,126,,,,/);
      expect(spec(rep, 'responders')).toContain('"label": "<5"');
      expect(html).not.toContain('2/126');
      expect(csv).toMatch(/admissions,end,[^\n]*,<5,/);
    });

    it('subgroups: the forest prints the plan\'s "<5" and "–" for level sizes', () => {
      const forest = spec(rep, 'subgroups');
      for (const level of ['Gladsaxe', 'Rødovre']) expect(d.state(keyOf('subgroup', 'qpr15', 'end', 'municipality', level, 'SAU'))).toBe('small');
      expect(forest).toMatch(/Gladsaxe \(SAU <5/);
      expect(forest).toMatch(/Rødovre \(SAU <5, PEER <5\)/);
      const hiddenSau = [...d.system.cells.keys()].filter((k) => k.startsWith('subgroup|') && k.endsWith('|SAU') && d.state(k) === 'hidden');
      for (const k of hiddenSau) expect(forest, k).toMatch(new RegExp(`${k.split('|')[4]} \\(SAU –`));
    });

    it('economics: withheld in every sink (its effect rate rests on 2 of 126 SAU responders)', () => {
      expect(m.economics).toBeNull();
      expect(rep.artefacts.some((a) => /economics|break-even|cash/.test(a.name))).toBe(false);
      expect(html).toContain('The economics are not shown: the effect rate they rest on depends on a count of 1–4 people');
      expect(all).not.toContain('82,516');
      expect(all).not.toContain('82.516');
    });
  });

  it('twin: the report prints the plan\'s 1 "<5" and 5 "–" where the CSV does', async () => {
    const r = loadResults();
    const rep = await buildReport(r, econ, { lang: 'en', date: '2026-11-26', png: false });
    const consort = spec(rep, 'consort');
    expect(consort).toMatch(/withdrew: <5/);
    expect(consort).toMatch(/could not be contacted: –/);
    for (const a of rep.artefacts) expect(a.name === 'index.html' ? page(rep) : text(a.content), a.name).not.toMatch(/NaN/);
  });
});
