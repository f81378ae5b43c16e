/**
 * Validation reports every problem at once (up to the cap), with Excel rows for CSV and XLSX
 * alike, and the loader survives damaged workbooks.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { loadSpec } from '../../src/data/spec/load.ts';
import { readDataBytes } from '../../src/data/load/read-file.ts';
import { DataValidationError, MAX_REPORTED_PROBLEMS } from '../../src/data/problems.ts';
import { writeXlsx } from '../../src/data/write/xlsx.ts';
import { generate, recipe } from '../../src/data/simulate/write-twin.ts';
import { header, participantRows } from '../../src/data/simulate/layout.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const samples = join(repoRoot, 'data-samples');
const spec = loadSpec(join(samples, 'peer-trial.spec.json'));
const twinLines = readFileSync(join(samples, 'peer-trial.csv'), 'utf8').trimEnd().split('\n');
const cols = twinLines[0].split(',');
const tmp = () => mkdtempSync(join(tmpdir(), 'effekt-validate-'));

/** The twin's first `n` data lines with `edit(cells, excelRow)` applied to each. */
function twinCsv(n: number, edit: (cells: string[], row: number) => void): string {
  const body = twinLines.slice(1, n + 1).map((line, i) => {
    const cells = line.split(',');
    edit(cells, i + 2);
    return cells.join(',');
  });
  return `${[twinLines[0], ...body].join('\n')}\n`;
}

async function problemsOf(file: string): Promise<DataValidationError> {
  const e = await loadTrial(file, spec).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DataValidationError);
  return e as DataValidationError;
}

describe('every problem is reported at once', () => {
  it('three different problems on three rows: all three, each with file, row, column, value and what is allowed', async () => {
    const f = join(tmp(), 'three.csv');
    writeFileSync(f, twinCsv(30, (c, row) => {
      if (row === 4) c[cols.indexOf('qpr_2')] = '9';
      if (row === 9) c[cols.indexOf('mansa_1')] = 'x';
      if (row === 17) c[cols.indexOf('age')] = 'old';
    }));
    const e = await problemsOf(f);
    const got = e.problems.map((p) => [p.row, p.column, p.value]);
    expect(got).toEqual(expect.arrayContaining([[4, 'qpr_2', '9'], [9, 'mansa_1', 'x'], [17, 'age', 'old']]));
    for (const p of e.problems) {
      expect(p.file).toBe(f);
      expect(p.allowed).not.toBeNull();
      expect(p.fix.length).toBeGreaterThan(0);
    }
    const msg = e.userMessage();
    expect(msg).toContain(`${f}, row 4, column "qpr_2"`);
    expect(msg).toContain(`${f}, row 9, column "mansa_1"`);
    expect(msg).toContain(`${f}, row 17, column "age"`);
  });

  it(`caps the list at ${MAX_REPORTED_PROBLEMS} and counts the rest`, async () => {
    const f = join(tmp(), 'many.csv');
    // 300 rows × 2 out-of-range items = 600 problems.
    writeFileSync(f, twinCsv(300, (c) => {
      c[cols.indexOf('qpr_1')] = '7';
      c[cols.indexOf('qpr_2')] = '7';
    }));
    const e = await problemsOf(f);
    expect(e.problems.length).toBe(MAX_REPORTED_PROBLEMS);
    expect(e.problems.length + e.omitted).toBe(600);
    expect(e.userMessage()).toContain('effekt: 600 problem(s)');
    expect(e.userMessage()).toContain(`… and ${600 - MAX_REPORTED_PROBLEMS} more`);
  });
});

describe('XLSX files are validated like CSV, with the rows Excel shows', () => {
  it('a bad value in Excel row 6 is reported at row 6', async () => {
    const { trial } = generate(recipe('peer', 3, 10));
    const rows = trial.participants.flatMap((p) => participantRows(p, { layout: 'english', decimalAge: true }));
    const h = header('english');
    rows[4] = rows[4].map((v, j) => (h[j] === 'arm' ? 'Peer' : v));
    const f = join(tmp(), 'bad.xlsx');
    writeFileSync(f, await writeXlsx(h, rows));
    const e = await problemsOf(f);
    const p = e.problems.find((x) => x.column === 'arm' && x.message.includes('unknown arm label'))!;
    expect(p.row).toBe(6);
    expect(p.value).toBe('Peer');
    expect(p.fix).toContain('did you mean "PEER"');
  });

  it('property: damaged workbooks (flipped or cut bytes) never throw anything but a DataValidationError', async () => {
    const { trial } = generate(recipe('peer', 5, 6));
    const rows = trial.participants.flatMap((p) => participantRows(p, { layout: 'english', decimalAge: true }));
    const good = await writeXlsx(header('english'), rows);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.integer({ min: 4, max: good.length }), { nil: null }), async (flips, cut) => {
        const b = Uint8Array.from(good);
        for (const [i, x] of flips) b[i] ^= x;
        try {
          await readDataBytes(cut === null ? b : b.slice(0, cut), 'damaged.xlsx', spec);
        } catch (e) {
          expect(e).toBeInstanceOf(DataValidationError);
        }
      }),
      { numRuns: 60 },
    );
  });
});
