/**
 * Quoted cells on the fast path (load/quoted-cells.ts): a cell wholly in double quotes, `""` for
 * one quote, the delimiter allowed inside, is read as csv-parse reads it (then trimmed, as the
 * general path trims every cell), and goes through the same checks as the same unquoted text.
 * Anything else with a quote in it (a stray quote, text after the closing quote, a quote left
 * open, a line break inside quotes) is left to the general path. Checked against the general
 * path (csv-parse → validateLong) on the twin written as R's write.csv writes it, and on random
 * small tables with random quoting (fast-check): the same columns, or the fast path gives up.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, type TrialSpec } from '../../src/data/spec/load.ts';
import { readDataBytes } from '../../src/data/load/read-file.ts';
import { specColumnRules, type ColumnRule } from '../../src/data/validate/column-rules.ts';
import { validateLong, type LongData } from '../../src/data/validate/validate.ts';
import { readLongFast, validateBytes } from '../../src/data/validate/validate-columnar.ts';
import { splitLine } from '../../src/data/load/quoted-cells.ts';
import { itemRules, resolveInstruments } from '../../src/instruments/resolve.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const spec = loadSpec(join(repoRoot, 'data-samples/peer-trial.spec.json'));
const rulesOf = (s: TrialSpec): ColumnRule[] => [...specColumnRules(s), ...itemRules(resolveInstruments(s)).map((r) => ({ ...r, typed: true }))];
const rules = rulesOf(spec);
const dir = mkdtempSync(join(tmpdir(), 'effekt-quoted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const twinLines = readFileSync(join(repoRoot, 'data-samples/peer-trial.csv'), 'utf8').split('\n').filter((l) => l !== '');
const header = twinLines[0].split(',');
const rows = twinLines.slice(1).map((l) => l.split(','));
const q = (c: string) => `"${c.replaceAll('"', '""')}"`;
/** Columns with any text cell: R's write.csv quotes all their cells (and the header). */
const textColumn = header.map((_, j) => rows.some((r) => r[j] !== '' && !/^-?\d+(\.\d+)?$/.test(r[j])));

async function general(bytes: Uint8Array, s: TrialSpec = spec): Promise<LongData | Error> {
  try {
    return validateLong(await readDataBytes(bytes, join(dir, 'data.csv'), s), s, rulesOf(s));
  } catch (e) {
    return e as Error;
  }
}

function expectSame(fast: LongData, slow: LongData, label: string): void {
  expect(fast.n, label).toBe(slow.n);
  expect(fast.rowNumbers, label).toEqual(slow.rowNumbers);
  expect(Object.keys(fast.columns), label).toEqual(Object.keys(slow.columns));
  for (const k of Object.keys(slow.columns)) expect(fast.columns[k], `${label}: ${k}`).toEqual(slow.columns[k]);
}

describe('quoted cells: the fast path = the general path', () => {
  it('the twin as R writes it (header and every text cell quoted), LF and CRLF, in one pass and in parts', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [header.map(q).join(','), ...rows.map((r) => r.map((c, j) => (textColumn[j] ? q(c) : c)).join(','))].join(eol) + eol;
      const bytes = Buffer.from(text, 'utf8');
      const slow = await general(bytes);
      expect(slow).not.toBeInstanceOf(Error);
      const fast = validateBytes(bytes, join(dir, 'data.csv'), spec, rules);
      expect(fast).not.toBeNull();
      expectSame(fast!.data, slow as LongData, `eol ${JSON.stringify(eol)}`);
      const file = join(dir, 'data.csv');
      writeFileSync(file, bytes);
      expect(await readLongFast(file, spec, rules, { parts: 3, chunk: 2000, head: 4096, threads: false })).toEqual(fast);
    }
  });

  it('every cell quoted, numbers too, with spaces and doubled quotes inside: the numbers the general path reads', async () => {
    const text = [header.map(q).join(';'), ...rows.slice(0, 60).map((r, i) => r.map((c) => (i % 3 === 0 ? q(` ${c} `) : q(c))).join(';'))].join('\n');
    const s: TrialSpec = { ...spec, data: { ...spec.data, csv: { ...spec.data.csv, delimiter: 'auto' } } };
    const slow = await general(Buffer.from(text), s);
    expect(slow).not.toBeInstanceOf(Error);
    const fast = validateBytes(Buffer.from(text), join(dir, 'data.csv'), s, rulesOf(s));
    expect(fast).not.toBeNull();
    expectSame(fast!.data, slow as LongData, 'all quoted');
  });

  it('random small tables with random quoting: the same columns, or the fast path gives up', async () => {
    const first = rows.slice(0, 24); // 8 participants' rows
    // What a cell becomes: mostly itself (bare or quoted), sometimes broken.
    const forms = [
      (v: string) => v, (v: string) => v, (v: string) => q(v), (v: string) => q(v),
      (v: string) => q(` ${v}`), (v: string) => `"${v}""x"`, (v: string) => `"${v},x"`, (v: string) => `${v}"x`,
      (v: string) => `"${v}"x`, (v: string) => `"${v}`, (v: string) => `"${v}\nx"`, (v: string) => ` "${v}"`,
      () => '""', (v: string) => `"${v}"""`, (v: string) => `"""${v}"`, (v: string) => `"${v}" `,
    ];
    let same = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(first.length - 1), fc.nat(header.length - 1), fc.nat(forms.length - 1)), { maxLength: 6 }),
        fc.boolean(), fc.boolean(), fc.constantFrom(',', ';'),
        async (edits, quoteHeader, crlf, delimiter) => {
          const table = first.map((r) => r.slice());
          const done = table.map((r) => r.map(() => false));
          for (const [i, j, f] of edits) {
            table[i][j] = forms[f](table[i][j]);
            done[i][j] = true;
          }
          const cells = table.map((r, i) => r.map((c, j) => (done[i][j] ? c : c.includes(delimiter) ? q(c) : c)));
          const text = [(quoteHeader ? header.map(q) : header).join(delimiter), ...cells.map((r) => r.join(delimiter))].join(crlf ? '\r\n' : '\n');
          const bytes = Buffer.from(text, 'utf8');
          const s: TrialSpec = { ...spec, data: { ...spec.data, csv: { ...spec.data.csv, delimiter } } };
          const slow = await general(bytes, s);
          const fast = validateBytes(bytes, join(dir, 'data.csv'), s, rulesOf(s));
          if (slow instanceof Error) {
            refused++;
            expect(fast, text).toBeNull();
          } else if (fast !== null) {
            same++;
            expectSame(fast.data, slow, text);
          }
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
    expect(same).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('splitLine reads a line as csv-parse does', () => {
    expect(splitLine('"a",b,"c,d","e""f",""', ',')).toEqual({ cells: ['a', 'b', 'c,d', 'e"f', ''], open: -1, bad: -1 });
    expect(splitLine('a,"b', ',').open).toBe(1);
    expect(splitLine('a,b"c', ',').bad).toBe(1);
    expect(splitLine('"a"x,b', ',').bad).toBe(0);
    expect(splitLine('a,b,', ',').cells).toEqual(['a', 'b', '']);
  });
});
