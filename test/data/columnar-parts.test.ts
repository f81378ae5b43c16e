/**
 * The fast path read in parts (validate-columnar.ts: byte ranges at line starts, each read a
 * buffer-full at a time, on worker threads, then joined) gives exactly what one pass over the
 * file in memory gives — the same verdict, columns, row numbers, sums and participants' order —
 * on single-cell and line mutations of the twin (participants and duplicates that span parts,
 * blank lines, short rows, CRLF), chunks far shorter than the file, and a Windows-1252 file
 * (decided on the whole file, not a chunk). test/data/columnar.test.ts compares one pass with
 * the general path.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, type TrialSpec } from '../../src/data/spec/load.ts';
import { specColumnRules, type ColumnRule } from '../../src/data/validate/column-rules.ts';
import { readLongFast, validateBytes } from '../../src/data/validate/validate-columnar.ts';
import { itemRules, resolveInstruments } from '../../src/instruments/resolve.ts';
import { createRng } from '../../src/stats/random/rng.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const rulesOf = (spec: TrialSpec) => [...specColumnRules(spec), ...itemRules(resolveInstruments(spec)).map((r) => ({ ...r, typed: true }))];
const foldRulesOf = (spec: TrialSpec): ColumnRule[] => {
  const instruments = resolveInstruments(spec);
  return [...specColumnRules(spec), ...itemRules(instruments).map((r) => {
    const ins = instruments.find((x) => x.itemColumns.includes(r.column))!;
    const j = ins.itemColumns.indexOf(r.column);
    return { ...r, typed: true, fold: { group: ins.id, item: j, reversed: ins.definition.reverseItems.includes(j + 1), offset: ins.definition.itemRange[0] + ins.definition.itemRange[1] } };
  })];
};

const dir = mkdtempSync(join(tmpdir(), 'effekt-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const twin = join(repoRoot, 'data-samples/peer-trial.csv');
const twinSpec = loadSpec(join(repoRoot, 'data-samples/peer-trial.spec.json'));

/** One pass in memory vs three parts in memory vs three parts of the file in small chunks. */
async function expectSameInParts(bytes: Buffer, spec: TrialSpec, rules: ColumnRule[], label: string, chunk: number): Promise<boolean> {
  const file = join(dir, 'data.csv');
  writeFileSync(file, bytes);
  const one = validateBytes(bytes, file, spec, rules);
  expect(validateBytes(bytes, file, spec, rules, { parts: 3 }), label).toEqual(one);
  expect(await readLongFast(file, spec, rules, { parts: 3, chunk, head: 2048, threads: false }), label).toEqual(one);
  return one !== null;
}

describe('the fast path in parts = in one pass', () => {
  it('single-cell and line mutations of the twin, in three parts and small chunks', async () => {
    const lines = readFileSync(twin, 'utf8').split('\n').slice(0, 61); // 20 participants' rows
    lines.push('');
    const cells = ['', ' 3', '3.0', '-1', '99', '4', 'NA', 'x', '1,5', 'SAU', 'PEER', 'end', 'baseline', 'P0001', 'Rødovre', '0', '10'];
    const rng = createRng(15);
    let accepted = 0;
    for (let t = 0; t < 160; t++) {
      const rows = lines.map((l) => l.split(','));
      const what = rng.int(7);
      const r = 1 + rng.int(lines.length - 2);
      if (what <= 2) rows[r][rng.int(rows[r].length)] = cells[rng.int(cells.length)];
      else if (what === 3) rows.splice(r, 0, rows[1 + rng.int(lines.length - 2)].slice()); // a duplicated row, maybe in another part
      else if (what === 4) rows.splice(r, 0, ['']); // a blank line
      else if (what === 5) rows[r].pop(); // a short row
      else rows.push(rows.splice(r, 1)[0]); // a participant's row moved to the end: their rows span parts
      const text = rows.map((x) => x.join(',')).join(t % 5 === 0 ? '\r\n' : '\n');
      const bytes = Buffer.from(text, 'utf8');
      const chunk = 300 + rng.int(1500); // a row is ≈ 280 bytes: chunks of one to a few rows
      if (await expectSameInParts(bytes, twinSpec, t % 2 === 0 ? rulesOf(twinSpec) : foldRulesOf(twinSpec), `mutation ${t}`, chunk)) accepted++;
    }
    expect(accepted).toBeGreaterThan(30);
  });

  it('a Windows-1252 file is decided on as a whole (not by a chunk) and read as in one pass', async () => {
    const spec = loadSpec(join(repoRoot, 'data-samples/peer-danish-locale.spec.json'));
    const bytes = readFileSync(join(repoRoot, 'data-samples/peer-danish-locale.csv'));
    expect(await expectSameInParts(bytes, spec, foldRulesOf(spec), 'danish', 4096)).toBe(true);
  });

  it('the twin on a worker thread (two parts): the same as one pass', async () => {
    const bytes = readFileSync(twin);
    const one = validateBytes(bytes, twin, twinSpec, foldRulesOf(twinSpec));
    expect(one).not.toBeNull();
    expect(await readLongFast(twin, twinSpec, foldRulesOf(twinSpec), { parts: 2, head: 4096 })).toEqual(one);
  });
});
