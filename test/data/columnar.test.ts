/**
 * The columnar fast path (validate-columnar.ts) against the general path (csv-parse → validateLong):
 * on a file both accept they give the same columns and row numbers; a file the general path
 * refuses is never accepted by the fast path (it returns null, and the general path words the
 * problem). Checked on the bundled files, the malformed corpus and single-cell/line mutations.
 */
import { decodeWindows1252 } from '../../src/data/load/cp1252.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, type TrialSpec } from '../../src/data/spec/load.ts';
import { readDataBytes, readDataFile } from '../../src/data/load/read-file.ts';
import { specColumnRules } from '../../src/data/validate/column-rules.ts';
import { validateLong, type LongData } from '../../src/data/validate/validate.ts';
import { validateBytes } from '../../src/data/validate/validate-columnar.ts';
import { itemRules, resolveInstruments } from '../../src/instruments/resolve.ts';
import { scoreTrial } from '../../src/instruments/score-trial.ts';
import { summariseTrial } from '../../src/instruments/summary.ts';
import { createRng } from '../../src/stats/random/rng.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const rulesOf = (spec: TrialSpec) => [...specColumnRules(spec), ...itemRules(resolveInstruments(spec)).map((r) => ({ ...r, typed: true }))];
/** The rules with each item column folded into its instrument's sum (what loadTrial passes with keepItems false). */
const foldRulesOf = (spec: TrialSpec) => {
  const instruments = resolveInstruments(spec);
  return [...specColumnRules(spec), ...itemRules(instruments).map((r) => {
    const ins = instruments.find((x) => x.itemColumns.includes(r.column))!;
    const j = ins.itemColumns.indexOf(r.column);
    return { ...r, typed: true, fold: { group: ins.id, item: j, reversed: ins.definition.reverseItems.includes(j + 1), offset: ins.definition.itemRange[0] + ins.definition.itemRange[1] } };
  })];
};

/** The summed read (fold rules) gives the same verdict, the same non-item columns and bit-identical scores as the general path. */
function expectSameSums(bytes: Uint8Array, file: string, spec: TrialSpec, slow: LongData | Error, label: string, columns = false): void {
  const folded = validateBytes(bytes, file, spec, foldRulesOf(spec));
  if (slow instanceof Error) return void expect(folded, label).toBeNull();
  if (folded === null) return;
  const instruments = resolveInstruments(spec);
  const a = scoreTrial(folded.data, spec, instruments, folded.sums);
  const b = scoreTrial(slow, spec, instruments);
  expect(a.counts, label).toEqual(b.counts);
  for (const [id, col] of Object.entries(b.scores)) expect(col.findIndex((x, i) => !Object.is(a.scores[id][i], x)), `${label} ${id}: first row whose score differs`).toBe(-1);
  if (!columns) return; // the non-item columns are read by the same code as without fold (expectSame)
  // The summary from the reader's first rows per participant = the summary that finds them itself.
  expect(folded.data.firstRows).toBeDefined();
  expect(summariseTrial(folded.data, spec, a.scores), label).toEqual(summariseTrial(slow, spec, b.scores));
  expect(summariseTrial({ ...folded.data, firstRows: undefined }, spec, a.scores), label).toEqual(summariseTrial(slow, spec, b.scores));
  const items = new Set(instruments.flatMap((i) => i.itemColumns));
  for (const k of Object.keys(slow.columns)) if (!items.has(k) || k in folded.data.columns) expect(folded.data.columns[k], k).toEqual(slow.columns[k]);
}

async function general(bytes: Uint8Array, file: string, spec: TrialSpec): Promise<LongData | Error> {
  try {
    return validateLong(await readDataBytes(bytes, file, spec), spec, rulesOf(spec));
  } catch (e) {
    return e as Error;
  }
}

function expectSame(fast: LongData, slow: LongData): void {
  expect(fast.n).toBe(slow.n);
  expect(fast.rowNumbers).toEqual(slow.rowNumbers);
  expect(Object.keys(fast.columns)).toEqual(Object.keys(slow.columns));
  for (const k of Object.keys(slow.columns)) expect(fast.columns[k], k).toEqual(slow.columns[k]);
}

const samples = [
  ['data-samples/peer-trial.csv', 'data-samples/peer-trial.spec.json', true],
  ['data-samples/kolding-2025.csv', 'data-samples/kolding-2025.spec.json', true],
  // Windows-1252 (Danish Excel): transcoded to UTF-8, then the same loop.
  ['data-samples/peer-danish-locale.csv', 'data-samples/peer-danish-locale.spec.json', true],
  ...readdirSync(join(repoRoot, 'data-samples/real')).filter((f) => f.endsWith('.spec.json')).map((f) => [`data-samples/real/${f.replace('.spec.json', '.csv')}`, `data-samples/real/${f}`, false] as const),
].filter(([csv]) => existsSync(join(repoRoot, csv as string))) as [string, string, boolean][];

describe('columnar fast path = general path', () => {
  it.each(samples)('%s', async (csv, specFile, mustBeFast) => {
    const file = join(repoRoot, csv);
    const spec = loadSpec(join(repoRoot, specFile));
    const bytes = readFileSync(file);
    const fast = validateBytes(bytes, file, spec, rulesOf(spec));
    if (mustBeFast) expect(fast).not.toBeNull();
    if (fast === null) return;
    const slow = validateLong(await readDataFile(file, spec), spec, rulesOf(spec));
    expectSame(fast.data, slow);
    expectSameSums(bytes, file, spec, slow, csv, true);
  });

  it('Windows-1252 is read as the general path decodes it, and UTF-8 declared as Windows-1252 is left to it', async () => {
    const file = join(repoRoot, 'data-samples/peer-danish-locale.csv');
    const base = loadSpec(join(repoRoot, 'data-samples/peer-danish-locale.spec.json'));
    const as = (encoding: 'auto' | 'utf-8' | 'windows-1252'): TrialSpec => ({ ...base, data: { ...base.data, csv: { ...base.data.csv, encoding } } });
    const cp1252 = readFileSync(file);
    const text = decodeWindows1252(cp1252);
    // A municipality with æ/ø/å and the Windows-1252-only € (0x80) in free text, in the file's own bytes.
    const lines = text.split('\r\n');
    const h = lines[0].split(';');
    const site = h.indexOf('municipality');
    const rows = lines.slice(1).filter((l) => l !== '').map((l) => l.split(';'));
    const first = rows[0][h.indexOf('participant_id')];
    for (const r of rows) if (r[h.indexOf('participant_id')] === first) r[site] = 'Høje-Tåstrup €';
    const edited = [h.join(';'), ...rows.map((r) => r.join(';')), ''].join('\r\n');
    const editedBytes = Buffer.from(Array.from(edited, (ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
    const utf8 = Buffer.from(text, 'utf8');
    const ascii = Buffer.from(text.replace(/[^\x00-\x7f]/g, 'o'), 'latin1');
    const cases: [string, Buffer, TrialSpec, 'same' | 'null'][] = [
      ['declared', cp1252, as('windows-1252'), 'same'],
      ['auto', cp1252, as('auto'), 'same'],
      ['edited (æøå €)', editedBytes, as('windows-1252'), 'same'],
      ['ASCII only, declared', ascii, as('windows-1252'), 'same'],
      ['ASCII with a UTF-8 BOM, declared', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ascii]), as('windows-1252'), 'null'],
      ['UTF-8 declared as Windows-1252', utf8, as('windows-1252'), 'null'],
      ['Windows-1252 declared as UTF-8', cp1252, as('utf-8'), 'null'],
    ];
    for (const [what, bytes, spec, verdict] of cases) {
      const slow = await general(bytes, file, spec);
      const fast = validateBytes(bytes, file, spec, rulesOf(spec));
      if (verdict === 'null') expect(fast, what).toBeNull();
      else {
        expect(slow, what).not.toBeInstanceOf(Error);
        expect(fast, what).not.toBeNull();
        expectSame(fast!.data, slow as LongData);
      }
    }
    const edit = validateBytes(editedBytes, file, as('windows-1252'), rulesOf(as('windows-1252')))!;
    // Byte 0x80 is €, on both paths (Node 20's TextDecoder alone gives U+0080: data/load/cp1252.ts).
    expect((edit.data.columns.municipality as string[]).filter((m) => m === 'Høje-Tåstrup €').length).toBeGreaterThan(0);
  });

  it('the malformed corpus: the fast path accepts none of the files the general path refuses', async () => {
    const dir = join(repoRoot, 'test/data/fixtures/malformed');
    const spec = loadSpec(join(repoRoot, 'data-samples/peer-trial.spec.json'));
    let refused = 0;
    for (const f of readdirSync(dir).filter((x) => !x.endsWith('.json'))) {
      const bytes = readFileSync(join(dir, f));
      const slow = await general(bytes, join(dir, f), spec);
      const fast = validateBytes(bytes, join(dir, f), spec, rulesOf(spec));
      expectSameSums(bytes, join(dir, f), spec, slow, f);
      if (slow instanceof Error) {
        refused++;
        expect(fast, f).toBeNull();
      } else if (fast !== null) expectSame(fast.data, slow);
    }
    expect(refused).toBeGreaterThanOrEqual(20);
  });

  it('single-cell and line mutations of the twin: same verdict, same columns', async () => {
    const file = join(repoRoot, 'data-samples/peer-trial.csv');
    const spec = loadSpec(join(repoRoot, 'data-samples/peer-trial.spec.json'));
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, 61); // 20 participants' rows
    lines.push('');
    const cells = ['', ' 3', '3.0', '-1', '99', '4', 'NA', 'x', '1e1', '+2', '007', '-0', '1,5', 'SAU', 'PEER', '\u00a03', 'end', 'baseline', 'P0001', '2021-01-01', 'Rødovre', '0', '10'];
    const rng = createRng(14);
    let accepted = 0;
    let refused = 0;
    for (let t = 0; t < 300; t++) {
      const rows = lines.map((l) => l.split(','));
      const what = rng.int(6);
      const r = 1 + rng.int(lines.length - 2);
      if (what <= 2) rows[r][rng.int(rows[r].length)] = cells[rng.int(cells.length)];
      else if (what === 3) rows.splice(r, 0, rows[1 + rng.int(lines.length - 2)].slice()); // a duplicated row
      else if (what === 4) rows.splice(r, 0, ['']); // a blank line
      else rows[r].pop(); // a short row
      const text = rows.map((x) => x.join(',')).join(t % 7 === 0 ? '\r\n' : '\n');
      const bytes = Buffer.from(text, 'utf8');
      const slow = await general(bytes, file, spec);
      const fast = validateBytes(bytes, file, spec, rulesOf(spec));
      expectSameSums(bytes, file, spec, slow, `mutation ${t}`);
      if (slow instanceof Error) {
        refused++;
        expect(fast, `mutation ${t}`).toBeNull();
      } else {
        if (fast !== null) {
          accepted++;
          expectSame(fast.data, slow);
        }
      }
    }
    expect(refused).toBeGreaterThan(30);
    expect(accepted).toBeGreaterThan(30);
  });
});
