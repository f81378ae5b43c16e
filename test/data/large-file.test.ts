/**
 * A file too large for the general reader with problems in it (validate/large-file.ts): they are
 * named with their real rows and columns, in the general path's words, from the lines concerned
 * only (every line the fast reader does not take, and their participants' rows). A small file
 * stands in for a registry-sized one (loadTrialData's maxBytes). Checked on up to three
 * single-cell and line mutations at once of the twin against the general path on the whole file:
 * every problem named for the "large" file is one the general path names (same file, row, column,
 * value, message, fix), there is at least one, and the message says the list may not be
 * complete; a file valid whole is valid large.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/data/spec/load.ts';
import { DataValidationError, formatProblem } from '../../src/data/problems.ts';
import { loadTrialData } from '../../src/instruments/load-trial-data.ts';
import { asUtf8 } from '../../src/data/load/columnar-csv.ts';
import { createRng } from '../../src/stats/random/rng.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const spec = loadSpec(join(repoRoot, 'data-samples/peer-trial.spec.json'));
const dir = mkdtempSync(join(tmpdir(), 'effekt-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const twinLines = readFileSync(join(repoRoot, 'data-samples/peer-trial.csv'), 'utf8').split('\n').slice(0, 61); // 20 participants

let n = 0;
function write(text: string): string {
  const file = join(dir, `data-${n++}.csv`);
  writeFileSync(file, text);
  return file;
}

async function problemsOf(file: string, maxBytes?: number): Promise<DataValidationError | null> {
  try {
    await loadTrialData(file, spec, { keepItems: false, maxBytes });
    return null;
  } catch (e) {
    if (e instanceof DataValidationError) return e;
    throw e;
  }
}

/** The "large" file's problems are the general path's, with the note that they are the first found. */
async function expectFirstOfGeneral(file: string, label: string): Promise<DataValidationError> {
  const whole = await problemsOf(file);
  const large = await problemsOf(file, 1000);
  expect(whole, label).not.toBeNull();
  expect(large, label).not.toBeNull();
  const all = new Set(whole!.problems.map(formatProblem));
  expect(large!.problems.length, label).toBeGreaterThan(0);
  for (const p of large!.problems) expect(all.has(formatProblem(p)), `${label}: ${formatProblem(p)}`).toBe(true);
  return large!;
}

const rows = () => twinLines.map((l) => l.split(','));
const text = (r: string[][], eol = '\n') => `${r.map((x) => x.join(',')).join(eol)}${eol}`;

describe('a file too large for the general reader names its problem', () => {
  it('a cell a rule refuses: its row and column, as the general path words it, said to be the first found', async () => {
    const r = rows();
    r[40][r[0].indexOf('age')] = 'forty';
    r[40][r[0].indexOf('qpr_3')] = '9';
    const e = await expectFirstOfGeneral(write(text(r)), 'cell');
    expect(e.problems.map((p) => [p.row, p.column])).toEqual([[41, 'age'], [41, 'qpr_3']]);
    expect(e.note).toMatch(/checks in full only the row its one-pass reader could not take and participant "P0014"'s rows, so the list may not be complete; fix these problems and validate again/);
    expect(e.userMessage()).toMatch(/row 41, column "age": is not a number/);
  });

  it('every line the reader cannot take is found (it reads on after each), with its participants\' rows', async () => {
    const r = rows();
    r[3][r[0].indexOf('age')] = 'x';
    r[25][r[0].indexOf('qpr_1')] = '7';
    r[25][r[0].indexOf('sex')] = 'f';
    r[44].push(r[44][0]); // one cell too many (csv-parse's reader reads on; validateLong is not reached)
    const file = write(text(r));
    const e = await expectFirstOfGeneral(file, 'several');
    expect(e.problems.map((p) => p.row)).toEqual([45]);
    expect(e.note).toMatch(/only the 3 rows its one-pass reader could not take and the rows of their 3 participants/);
    r[44].pop();
    const file2 = write(text(r));
    const e2 = await expectFirstOfGeneral(file2, 'cells');
    expect(e2.problems.map((p) => [p.row, p.column])).toEqual([[4, 'age'], [26, 'sex'], [26, 'qpr_1']]);
    // Here that is all there is: the same problems as the general path finds in the whole file.
    expect(e2.problems.map(formatProblem).sort()).toEqual((await problemsOf(file2))!.problems.map(formatProblem).sort());
  });

  it('a duplicate visit, an arm that changes, a missing baseline row, an unknown arm: the participant\'s rows are checked', async () => {
    const base = rows();
    const dup = rows();
    dup.push(dup[5].slice()); // P0003's row again at the end
    const arm = rows();
    arm[6][arm[0].indexOf('arm')] = arm[6][arm[0].indexOf('arm')] === 'PEER' ? 'SAU' : 'PEER';
    const noBaseline = rows().filter((_, i) => i !== 7);
    const unknown = rows();
    unknown[12][unknown[0].indexOf('arm')] = 'PER';
    for (const [label, r] of [['duplicate', dup], ['arm', arm], ['baseline', noBaseline], ['unknown arm', unknown]] as const) {
      const e = await expectFirstOfGeneral(write(text(r)), label);
      if (label === 'duplicate') expect(e.problems[0].message).toMatch(/^duplicate participant × visit \(first seen on row \d+\)$/);
    }
    expect(await problemsOf(write(text(base)), 1000)).toBeNull();
  });

  it('a ragged row and a blank line before it: the row as Excel numbers it', async () => {
    const r = rows();
    r[30].pop();
    r.splice(10, 0, ['']);
    const e = await expectFirstOfGeneral(write(text(r, '\r\n')), 'ragged');
    expect(e.problems[0].row).toBe(32);
  });

  it('a quoted cell that does not close on its row: its row and column, and both readings', async () => {
    const r = rows();
    const j = r[0].indexOf('missing_reason');
    r[20][j] = '"moved\naway"'; // a line break inside quotes: valid, but not read in a large file
    const file = write(text(r));
    expect(await problemsOf(file)).toBeNull();
    const e = (await problemsOf(file, 1000))!;
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ row: 21, column: 'missing_reason' });
    expect(e.problems[0].message).toMatch(/either its closing quote is missing, or the cell holds a line break/);
  });

  it('a Windows-1252 file (read transcoded): the row from its line, in the file\'s own bytes', async () => {
    const danish = loadSpec(join(repoRoot, 'data-samples/peer-danish-locale.spec.json'));
    const bytes = readFileSync(join(repoRoot, 'data-samples/peer-danish-locale.csv'));
    // Transcoded a few bytes at a time: the same text as at once (one byte is one character).
    expect(asUtf8(bytes, 'windows-1252', 7)).toEqual(asUtf8(bytes, 'windows-1252'));
    const lines = bytes.toString('latin1').split('\r\n');
    const h = lines[0].split(';');
    const r = lines[30].split(';');
    r[h.indexOf('age')] = 'fyrre';
    lines[30] = r.join(';');
    const file = write(lines.join('\r\n'));
    writeFileSync(file, Buffer.from(lines.join('\r\n'), 'latin1'));
    const whole = (await loadTrialData(file, danish, { keepItems: false }).catch((e: unknown) => e)) as DataValidationError;
    const large = (await loadTrialData(file, danish, { keepItems: false, maxBytes: 1000 }).catch((e: unknown) => e)) as DataValidationError;
    expect(large.problems.map((p) => [p.row, p.column, p.value])).toEqual([[31, 'age', 'fyrre']]);
    expect(large.problems.map(formatProblem)).toEqual(whole.problems.map(formatProblem));
  });

  it('a header without a required column', async () => {
    const r = rows().map((x) => x.filter((_, j) => j !== 4)); // no "age"
    const e = await expectFirstOfGeneral(write(text(r)), 'header');
    expect(e.problems[0]).toMatchObject({ row: 1, column: 'age' });
  });

  it('a valid file with quoted cells is read as before', async () => {
    const r = rows().map((x) => x.map((c) => (/^[A-Za-z_]/.test(c) ? `"${c}"` : c)));
    const large = await loadTrialData(write(text(r)), spec, { keepItems: false, maxBytes: 1000 });
    const plain = await loadTrialData(write(text(rows())), spec, { keepItems: false });
    expect(large.summary).toEqual(plain.summary);
  });

  it('single-cell and line mutations: every problem named is the general path\'s', async () => {
    const cells = ['', ' 3', '3.0', '-1', '99', 'NA', 'x', '1,5', 'SAU', 'PEER', 'end', 'baseline', 'P0001', 'Rødovre', '"4"', '"a,b"', 'a"b'];
    const rng = createRng(27);
    let refused = 0;
    for (let t = 0; t < 120; t++) {
      const r = rows();
      const times = 1 + rng.int(3); // up to three problems in a file: the reader reads on after each line it does not take
      for (let m = 0; m < times; m++) {
        const what = rng.int(5);
        const i = 1 + rng.int(r.length - 1);
        if (what <= 1) r[i][rng.int(r[i].length)] = cells[rng.int(cells.length)];
        else if (what === 2) r.splice(i, 0, r[1 + rng.int(r.length - 1)].slice());
        else if (what === 3) r.splice(i, 1);
        else r[i].pop();
      }
      const file = write(text(r, t % 4 === 0 ? '\r\n' : '\n'));
      const whole = await problemsOf(file);
      if (whole === null) {
        // Read whole, it is valid: read as a large file, it is too (nothing here is beyond the fast path).
        expect(await problemsOf(file, 1000), `mutation ${t}`).toBeNull();
        continue;
      }
      refused++;
      await expectFirstOfGeneral(file, `mutation ${t}`);
    }
    expect(refused).toBeGreaterThan(50);
  });
});

describe('a large file declared UTF-8 that is not', () => {
  it('names the first row that is not UTF-8, as the general path does', async () => {
    const r = rows();
    r[33][r[0].indexOf('municipality')] = 'Helsing\u0001r';
    const bytes = Buffer.from(text(r), 'utf8');
    bytes[bytes.indexOf(1)] = 0xf8; // ø as Windows-1252 writes it, in a file otherwise UTF-8
    const file = write('');
    writeFileSync(file, bytes);
    const whole = (await problemsOf(file))!;
    const large = (await problemsOf(file, 1000))!;
    expect(large.problems.map((p) => [p.row, p.column])).toEqual([[34, 'municipality']]);
    expect(large.problems.map(formatProblem)).toEqual(whole.problems.map(formatProblem));
  });
});
