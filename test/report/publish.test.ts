/**
 * The publishable model and its table sinks (CSV, XLSX): counts withheld are NaN in the model
 * (no sink can print them), and the tables print each count as the plan decided.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { allTables } from '../../src/analysis/results/tables.ts';
import { tableToCsv, tablesToXlsx, type Cell } from '../../src/data/io/flat-table.ts';
import { keyOf } from '../../src/report/disclosure/model.ts';
import { publish } from '../../src/report/disclosure/publish.ts';
import { publishedTables } from '../../src/report/disclosure/publish-tables.ts';
import { loadEconomics, loadResults } from './inputs.ts';
import { smallCells } from './small-cells.ts';

/** Cells where the published tables differ from the raw ones: [table, row, column, raw, published]. */
function differences(raw: ReturnType<typeof allTables>, pub: ReturnType<typeof allTables>) {
  const out: Array<[string, number, string, Cell, Cell]> = [];
  raw.forEach((t, ti) => t.rows.forEach((row, ri) => row.forEach((c, ci) => {
    const p = pub[ti].rows[ri][ci];
    if (!(c === p || (typeof c === 'number' && typeof p === 'number' && Number.isNaN(c) && Number.isNaN(p)))) out.push([t.name, ri, t.columns[ci], c, p]);
  })));
  return out;
}

describe('publish: one publishable model', () => {
  it('sinks take the model only', () => {
    expect(() => publishedTables({ ...publish(loadResults()) })).toThrow(/publishable model only/);
  });

  it('twin: the tables differ from the raw ones in exactly the two cells the plan withholds (SAU withdrew 4 → "<5", could not be contacted 5 → "–")', () => {
    const r = loadResults();
    const m = publish(r, loadEconomics());
    expect(m.economics).not.toBeNull();
    const diff = differences(allTables(r), publishedTables(m));
    expect(diff.map(([t, , , raw, p]) => [t, raw, p])).toEqual([['consort', 5, '–'], ['consort', 4, '<5']]);
  });

  describe('a cohort with small cells', () => {
    const r = smallCells();
    const m = publish(r, { ...loadEconomics(), link: { ...loadEconomics().link!, linked: loadEconomics().link!.linked.map((l) => ({ ...l, pooled: false })) } });
    const d = m.disclosure;
    const pub = publishedTables(m);

    it('every count withheld is NaN in the model and every differing table cell is "<5", "–" or empty', () => {
      for (const [key, c] of d.system.cells) if (d.state(key) !== 'shown') expect(c.value, key).toBeGreaterThanOrEqual(0);
      expect(m.results.consort.PEER.lostToFollowUp[0].reasons.moved).toBeNaN();
      expect(m.results.subgroups.find((s) => s.variable === 'municipality')!.levels.find((l) => l.level === 'Gladsaxe')!.n.SAU).toBeNaN();
      const diff = differences(allTables(r), pub);
      for (const [t, , col, raw, p] of diff) {
        expect([null, '<5', '–'], `${t} ${col} ${raw}`).toContain(p);
        if (p === '<5') expect(Number(raw), `${t} ${col}`).toBeGreaterThanOrEqual(1);
        if (p === '<5') expect(Number(raw), `${t} ${col}`).toBeLessThanOrEqual(4);
      }
      // No count of 1–4 is printed as a number in any count column.
      for (const t of pub) t.rows.forEach((row) => row.forEach((c, i) => {
        if (/^(n|n_.*|responders_.*|with_event_.*)$/.test(t.columns[i]) && typeof c === 'number') expect(c >= 1 && c <= 4, `${t.name} ${t.columns[i]}`).toBe(false);
      }));
    });

    it('the counts in the tables carry the plan\'s states (CONSORT rows, responders, safety)', () => {
      const consort = pub.find((t) => t.name === 'consort')!;
      const cell = (arm: string, stage: string, visit: string | null, reason: string | null) => consort.rows.find((x) => x[0] === arm && x[1] === stage && x[2] === visit && x[4] === reason)![3];
      expect(cell('PEER', 'lost_to_follow_up', 'end', 'moved')).toBe('<5');
      expect(cell('PEER', 'received_allocated', null, null)).toBe(d.state(keyOf('consort', 'PEER', 'received')) === 'hidden' ? '–' : 143);
      const resp = pub.find((t) => t.name === 'responders')!;
      const row = resp.rows.find((x) => x[0] === 'qpr15' && x[1] === 'end' && x[3] === 'ancova')!;
      expect(row[resp.columns.indexOf('responders_SAU')]).toBe('<5');
      for (const c of ['rate_SAU', 'rate_lower_SAU', 'risk_difference', 'risk_ratio', 'odds_ratio', 'nnt']) expect(row[resp.columns.indexOf(c)], c).toBeNull();
      const er = pub.find((t) => t.name === 'effect_rates')!.rows.find((x) => x[0] === 'qpr15-responder')!;
      expect(er.slice(5, 9)).toEqual([null, null, null, null]);
      expect(m.economics).toBeNull();
      expect(m.economicsWithheld).toEqual(['personal-recovery']);
    });

    it('XLSX holds the same cells as the CSV', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await tablesToXlsx(pub)) as unknown as ArrayBuffer);
      for (const t of pub) {
        const ws = wb.getWorksheet(t.name)!;
        const csv = tableToCsv(t).trimEnd().split('\n');
        const rows: string[] = [];
        ws.eachRow({ includeEmpty: true }, (row) => {
          const vals = Array.from({ length: t.columns.length }, (_, i) => row.getCell(i + 1).value);
          rows.push(tableToCsv({ name: '', columns: vals.map((v) => (v === null || v === undefined ? '' : String(v))), rows: [] }).trimEnd());
        });
        expect(rows, t.name).toEqual(csv.map((l) => tableToCsv({ name: '', columns: parseCsvLine(l), rows: [] }).trimEnd()));
      }
    });
  });
});

/** Splits a CSV line written by tableToCsv (quotes only around cells with , " or newlines). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}
