import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { loadSpec, parseSpec } from '../../src/data/spec/load.ts';
import { readDataBytes } from '../../src/data/load/read-file.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { parseNumber } from '../../src/data/validate/parse-number.ts';
import { writeCsv, danishDialect } from '../../src/data/write/csv.ts';
import { writeXlsx } from '../../src/data/write/xlsx.ts';
import { generate, recipe } from '../../src/data/simulate/write-twin.ts';
import { header, itemHeader, participantRows } from '../../src/data/simulate/layout.ts';
import { simulateTrial } from '../../src/data/simulate/simulate.ts';
import { peerOptions } from '../../src/data/simulate/options.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const samples = join(repoRoot, 'data-samples');
const peerSpec = loadSpec(join(samples, 'peer-trial.spec.json'));
const tmp = () => mkdtempSync(join(tmpdir(), 'effekt-load-'));

/** The twin's spec with another data section (a user's spec for the same trial in another file layout). */
function respec(data: unknown, file: string) {
  const { specFile: _drop, ...json } = JSON.parse(JSON.stringify(peerSpec)) as Record<string, unknown>;
  return parseSpec({ ...json, data }, file);
}

describe('the bundled datasets load', () => {
  it('the twin: 296 participants × 3 visits, 145 PEER / 151 SAU', async () => {
    const t = await loadTrial(join(samples, 'peer-trial.csv'), peerSpec);
    expect(t.table.numRows()).toBe(888);
    expect(t.summary.byArm).toEqual({ SAU: 151, PEER: 145 });
    expect(t.table.columnNames()).toContain('qpr15');
  });

  it('the Danish-locale excerpt (";", decimal comma, Windows-1252, CRLF) keeps æ/ø/å and decimals', async () => {
    const t = await loadTrial(join(samples, 'peer-danish-locale.csv'), join(samples, 'peer-danish-locale.spec.json'));
    const twin = await loadTrial(join(samples, 'peer-trial.csv'), peerSpec);
    const sites = new Set(t.table.array('municipality') as string[]);
    expect([...sites].some((s) => /[æøå]/.test(s))).toBe(true);
    const ages = t.table.array('age') as number[];
    expect(ages.some((a) => !Number.isInteger(a))).toBe(true);
    // Same participants as the twin: the whole-year age is the decimal age floored; scores agree.
    const twinById = new Map((twin.table.objects() as Record<string, unknown>[]).map((r) => [`${r.participant_id}/${r.visit}`, r]));
    for (const r of t.table.objects() as Record<string, unknown>[]) {
      const w = twinById.get(`${r.participant_id}/${r.visit}`)!;
      expect(Math.floor(r.age as number)).toBe(w.age);
      expect(r.qpr15).toBe(w.qpr15);
      expect(r.municipality).toBe(w.municipality);
    }
  });

  it('the Kolding cohort (Danish column names, UTF-8 with BOM) loads through its own spec', async () => {
    const t = await loadTrial(join(samples, 'kolding-2025.csv'), join(samples, 'kolding-2025.spec.json'));
    expect(t.summary.participants).toBe(80);
    expect(t.table.columnNames()).toContain('besøg');
  });
});

describe('CSV dialects and formats', () => {
  it('parses numbers by the declared decimal separator, refusing ambiguous text', () => {
    expect(parseNumber('3.5', '.')).toBe(3.5);
    expect(parseNumber('3,5', ',')).toBe(3.5);
    expect(parseNumber('1.234,5', ',')).toBe(1234.5);
    expect(parseNumber('3,5', '.')).toBeNull();
    expect(parseNumber('3.5', ',')).toBeNull();
    expect(parseNumber('1e3', '.')).toBe(1000);
    expect(parseNumber('', '.')).toBeNull();
  });

  it('reads the same table from ";"-separated, decimal-comma, Windows-1252 text with CRLF, with the delimiter sniffed', async () => {
    const { trial } = generate(recipe('peer', 5, 24));
    const rows = trial.participants.flatMap((p) => participantRows(p, { layout: 'english', decimalAge: true }));
    const dir = tmp();
    writeFileSync(join(dir, 'std.csv'), writeCsv(header('english'), rows));
    writeFileSync(join(dir, 'dk.csv'), writeCsv(header('english'), rows, danishDialect));
    const dkSpec = respec({ format: 'long', csv: { delimiter: 'auto', decimal: ',', encoding: 'windows-1252' } }, 'dk.spec.json');
    const a = await loadTrial(join(dir, 'std.csv'), peerSpec);
    const b = await loadTrial(join(dir, 'dk.csv'), dkSpec);
    expect(b.table.objects()).toEqual(a.table.objects());
  });

  it('reads a wide file (visit as a column suffix) into the same long table', async () => {
    const { trial } = generate(recipe('peer', 9, 12));
    const long = trial.participants.flatMap((p) => participantRows(p, { layout: 'english', decimalAge: false }));
    const h = header('english');
    const perVisit = new Set(['visit', 'missing_reason', 'admissions', 'bed_days', 'death', 'self_harm', ...h.filter((c) => /_\d+$/.test(c))]);
    const constant = h.filter((c) => !perVisit.has(c));
    const visitCols = h.filter((c) => perVisit.has(c) && c !== 'visit');
    const suffix: Record<string, string> = { baseline: 't0', end: 't1', fu6: 't2' };
    const wideHeader = [...constant, ...Object.values(suffix).flatMap((s) => visitCols.map((c) => `${c}_${s}`))];
    const wideRows = trial.participants.map((_p, i) => {
      const rs = long.slice(3 * i, 3 * i + 3);
      const get = (r: typeof rs[number], c: string) => r[h.indexOf(c)];
      return [...constant.map((c) => get(rs[0], c)), ...rs.flatMap((r) => visitCols.map((c) => get(r, c)))];
    });

    const dir = tmp();
    writeFileSync(join(dir, 'long.csv'), writeCsv(h, long));
    writeFileSync(join(dir, 'wide.csv'), writeCsv(wideHeader, wideRows));
    const wideSpec = respec({ format: 'wide', csv: { delimiter: ',', decimal: '.', encoding: 'utf-8' }, wide: { separator: '_', suffixes: suffix } }, 'wide.spec.json');
    const a = await loadTrial(join(dir, 'long.csv'), peerSpec);
    const b = await loadTrial(join(dir, 'wide.csv'), wideSpec);
    const sort = (rows: object[]) => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort()))).sort();
    expect(sort(b.table.objects())).toEqual(sort(a.table.objects()));
  });
});

describe('properties', () => {
  it('a generated dataset round-trips through CSV and XLSX to an identical table', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 8, max: 20 }), async (seed, n) => {
        const trial = simulateTrial({ ...peerOptions({ seed }), sites: [{ name: 'Rødovre', n }], armTotals: null });
        const rows = trial.participants.flatMap((p) => participantRows(p, { layout: 'english', decimalAge: true }));
        const dir = tmp();
        writeFileSync(join(dir, 'd.csv'), writeCsv(header('english'), rows));
        writeFileSync(join(dir, 'd.xlsx'), await writeXlsx(header('english'), rows));
        const a = await loadTrial(join(dir, 'd.csv'), peerSpec);
        const b = await loadTrial(join(dir, 'd.xlsx'), peerSpec);
        expect(b.table.objects()).toEqual(a.table.objects());
        expect(a.table.numRows()).toBe(3 * n);
        // … and both hold exactly the generated values, cell by cell (items included).
        const h = header('english');
        // Item columns are Float64Arrays (NaN = empty); every other column holds null for an empty cell.
        const items = new Set(itemHeader());
        for (const t of [a, b]) {
          expect(Object.keys(t.data.columns).sort()).toEqual([...h].sort());
          rows.forEach((r, i) => h.forEach((c, j) => expect(t.data.columns[c][i], `${c} row ${i}`).toEqual(r[j] === '' || r[j] === null ? (items.has(c) ? Number.NaN : null) : r[j])));
        }
      }),
      { numRuns: 8 },
    );
  });

  it('the loader never throws anything but a DataValidationError on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (bytes) => {
        try {
          await readDataBytes(bytes, 'random.csv', peerSpec);
        } catch (e) {
          expect(e).toBeInstanceOf(DataValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random text in a CSV data file never crashes the full load', async () => {
    const dir = tmp();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        const f = join(dir, 'r.csv');
        writeFileSync(f, text);
        await loadTrial(f, peerSpec).catch((e: unknown) => expect(e).toBeInstanceOf(DataValidationError));
      }),
      { numRuns: 200 },
    );
  });
});
