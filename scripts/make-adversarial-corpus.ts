/**
 * Writes test/adversarial/corpus/: hostile inputs for every command, each with what must happen
 * (exit code, where the message points, what may be written). A small synthetic trial (40
 * participants, two visits, WSAS items) lives in _base/; each case holds only the files it
 * changes, and cases whose input would be huge (a 10 MB cell) are recipes the test expands.
 * Deterministic: running it twice writes the same bytes.
 *
 *   npx tsx scripts/make-adversarial-corpus.ts
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { stableZip, stampWorkbook } from '../src/data/io/flat-table.ts';
import { encodeWindows1252 } from '../src/data/write/csv.ts';
import type { AdversarialCase, Expect } from '../test/adversarial/case.ts';

const root = 'test/adversarial/corpus';

// ---------------------------------------------------------------------------------------------
// The base trial

const header = ['id', 'site', 'arm', 'visit', 'sex', 'reason', 'w_1', 'w_2', 'w_3', 'w_4', 'w_5'];
type Row = string[];

/** A small LCG so the script needs nothing but itself to be deterministic. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function baseRows(): Row[] {
  const rnd = lcg(20260101);
  const rows: Row[] = [];
  for (let p = 1; p <= 40; p++) {
    const id = `P${String(p).padStart(2, '0')}`;
    const arm = p % 4 === 1 || p % 4 === 2 ? 'A' : 'B';
    const site = p <= 20 ? 'North' : 'South';
    const sex = p % 3 === 0 ? 'm' : 'f';
    const item = (shift: number) => String(Math.max(0, Math.min(8, Math.round(4 + shift + (rnd() - 0.5) * 5))));
    rows.push([id, site, arm, 't0', sex, '', item(0), item(0), item(0), item(0), item(0)]);
    const lost = p % 9 === 0;
    const effect = arm === 'B' ? -1.5 : 0;
    rows.push(lost ? [id, site, arm, 't1', sex, p % 2 === 0 ? 'moved' : 'withdrew', '', '', '', '', ''] : [id, site, arm, 't1', sex, '', item(effect), item(effect), item(effect), item(effect), item(effect)]);
  }
  return rows;
}

const rows = baseRows();
/** Excel row of data row i (header = row 1). */
const excelRow = (i: number) => i + 2;
const col = (name: string) => header.indexOf(name);

function csv(h: readonly string[], rs: readonly Row[], delimiter = ',', eol = '\n'): string {
  const cell = (c: string) => (c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r') ? `"${c.replace(/"/g, '""')}"` : c);
  return `${[h, ...rs].map((r) => r.map(cell).join(delimiter)).join(eol)}${eol}`;
}

const baseCsv = csv(header, rows);

const localised = (en: string, da = en) => ({ da, en });
export const baseSpec = {
  trial: { id: 'adversarial', title: localised('Adversarial base trial', 'Adversarielt grundforsøg'), synthetic: true },
  data: { format: 'long' },
  columns: { id: 'id', arm: 'arm', visit: 'visit', site: 'site', strata: ['site'], missingReason: 'reason' },
  arms: [
    { label: 'A', role: 'control', name: localised('Usual care', 'Vanlig indsats') },
    { label: 'B', role: 'intervention', name: localised('Programme', 'Forløb') },
  ],
  visits: [
    { id: 't0', name: localised('baseline') },
    { id: 't1', name: localised('end', 'slut') },
  ],
  baselineVisit: 't0',
  covariates: [{ column: 'sex', label: localised('Sex', 'Køn'), type: 'categorical', levels: ['f', 'm'] }],
  instruments: [{ id: 'wsas', instrument: 'WSAS', items: { prefix: 'w_', count: 5 } }],
  outcomes: [{ id: 'wsas', name: localised('Work and social adjustment', 'Arbejds- og social tilpasning'), role: 'primary', kind: 'score', instrument: 'wsas', primaryVisit: 't1' }],
  responders: [{ outcome: 'wsas', type: 'change', threshold: 3, metric: 'wsas-responder', definition: localised('improved by 3 points or more', 'forbedret med mindst 3 point') }],
  missingReasons: [
    { code: 'moved', name: localised('moved', 'flyttet') },
    { code: 'withdrew', name: localised('withdrew', 'trak sig') },
  ],
  analysisPlan: { sensitivity: [], subgroups: [{ column: 'sex' }, { column: 'site' }] },
};
const specText = (s: unknown) => `${JSON.stringify(s, null, 2)}\n`;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// The economics scenario of the fund, its effect rate taken from the base trial's responders.
const scenario = JSON.parse(readFileSync('data-samples/economics/dsi-base-case.json', 'utf8')) as { $schema?: string; effects: Array<{ resultsMetric?: string }>; psa?: { draws?: number } };
delete scenario.$schema;
scenario.effects[0].resultsMetric = 'wsas-responder';
if (scenario.psa) scenario.psa.draws = 200;

// ---------------------------------------------------------------------------------------------
// Cases

const cases: AdversarialCase[] = [];
const files = new Map<string, Record<string, string | Uint8Array>>();

function add(c: Omit<AdversarialCase, 'files'> & { files?: Record<string, string | Uint8Array> }): void {
  if (cases.some((x) => x.id === c.id)) throw new Error(`duplicate case id ${c.id}`);
  files.set(c.id, c.files ?? {});
  cases.push({ ...c, files: Object.keys(c.files ?? {}).sort() });
}

const validate = ['validate', '{case}/data.csv', '--spec', '{case}/spec.json'];
const analyze = ['analyze', '{case}/data.csv', '--spec', '{case}/spec.json', '--out', '{out}'];
const bad = (names: Expect['names'], contains: string[] = []): Expect => ({ exit: 2, names, contains, output: 'none' });

function mutated(edits: Array<[number, string, string]>, h: readonly string[] = header): string {
  const rs = rows.map((r) => [...r]);
  for (const [i, c, v] of edits) rs[i][h.indexOf(c)] = v;
  return csv(h, rs);
}

// -- A. file structure ------------------------------------------------------------------------
const A = 'csv-structure';
add({ id: 'empty-file', category: A, title: 'an empty file', files: { 'data.csv': '' }, argv: validate, expect: bad({ file: 'data.csv' }, ['the file is empty']) });
add({ id: 'header-only', category: A, title: 'a header and no rows', files: { 'data.csv': `${header.join(',')}\n` }, argv: validate, expect: bad({ file: 'data.csv' }, ['no data rows']) });
add({ id: 'binary', category: A, title: 'binary bytes named .csv', files: { 'data.csv': new Uint8Array([0, 1, 2, 255, 0, 16, 65, 66]) }, argv: validate, expect: bad({ file: 'data.csv' }, ['binary file']) });
add({ id: 'pdf', category: A, title: 'a PDF named .csv', files: { 'data.csv': '%PDF-1.7\n1 0 obj\n<<>>\nendobj\n' }, argv: validate, expect: bad({ file: 'data.csv' }, ['PDF document']) });
add({ id: 'zip', category: A, title: 'a zip archive named .csv', files: { 'data.csv': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]) }, argv: validate, expect: bad({ file: 'data.csv' }, ['zip archive']) });
add({ id: 'html-export', category: A, title: "Excel's web-page export named .csv", files: { 'data.csv': '<html><body><table><tr><td>id</td></tr></table></body></html>\n' }, argv: validate, expect: bad({ file: 'data.csv' }, ['HTML or XML document']) });
add({ id: 'json-export', category: A, title: 'a JSON document named .csv', files: { 'data.csv': '[{"id": "P01"}]\n' }, argv: validate, expect: bad({ file: 'data.csv' }, ['JSON document']) });
add({ id: 'nul-in-middle', category: A, title: 'a NUL byte inside the text', files: { 'data.csv': baseCsv.replace('P03', 'P0\u00003') }, argv: validate, expect: bad({ file: 'data.csv' }, ['binary file']) });
{
  const lines = baseCsv.split('\n');
  lines[7] = `${lines[7]},extra`;
  add({ id: 'ragged-extra-cell', category: A, title: 'a row with one cell too many', files: { 'data.csv': lines.join('\n') }, argv: validate, expect: bad({ file: 'data.csv', row: 8 }, ['has 12 cells but the header has 11']) });
  const l2 = baseCsv.split('\n');
  l2[12] = l2[12].replace(/,[^,]*$/, '');
  add({ id: 'ragged-missing-cell', category: A, title: 'a row with one cell too few', files: { 'data.csv': l2.join('\n') }, argv: validate, expect: bad({ file: 'data.csv', row: 13 }, ['has 10 cells but the header has 11']) });
}
{
  const lines = baseCsv.split('\n');
  lines[20] = lines[20].replace('North', '"North');
  add({ id: 'unmatched-quote', category: A, title: 'a quote opened on row 21 and never closed', files: { 'data.csv': lines.join('\n') }, argv: validate, expect: bad({ file: 'data.csv', row: 21 }, ['a quoted cell opens on this row and is never closed']) });
  const l2 = baseCsv.split('\n');
  l2[9] = l2[9].replace(',North,', ',"North,');
  l2[50] = l2[50].replace(',South,', ',South",');
  add({ id: 'quote-runs-on', category: A, title: 'a quote opened on row 10 that closes on row 51', files: { 'data.csv': l2.join('\n') }, argv: validate, expect: bad({ file: 'data.csv', row: 10 }, ['a quoted cell opens on this row and runs on over 42 lines']) });
}
add({ id: 'semicolon-declared-comma', category: A, title: 'a ";" file where the spec declares ","', files: { 'data.csv': csv(header, rows, ';'), 'spec.json': specText({ ...baseSpec, data: { format: 'long', csv: { delimiter: ',' } } }) }, argv: validate, expect: bad({ file: 'data.csv', row: 1 }, ['the delimiter is probably ";"', 'set data.csv.delimiter to ";"']) });
add({ id: 'tab-declared-semicolon', category: A, title: 'a tab-separated file where the spec declares ";"', files: { 'data.csv': csv(header, rows, '\t'), 'spec.json': specText({ ...baseSpec, data: { format: 'long', csv: { delimiter: ';' } } }) }, argv: validate, expect: bad({ file: 'data.csv', row: 1 }, ['the delimiter is probably tab']) });
add({ id: 'excel-sep-line', category: A, title: "Excel's sep=; first line (honoured)", files: { 'data.csv': `sep=;\n${csv(header, rows, ';')}`, 'spec.json': specText({ ...baseSpec, data: { format: 'long', csv: { delimiter: ',' } } }) }, argv: validate, expect: { exit: 0, contains: ['valid — 40 participants'], output: 'none' } });
add({ id: 'excel-sep-line-rows', category: A, title: 'sep=; line: errors still count the header as row 1', files: { 'data.csv': `sep=;\n${csv(header, rows.map((r, i) => (i === 4 ? r.map((c, j) => (j === col('w_2') ? '99' : c)) : r)), ';')}` }, argv: validate, expect: bad({ file: 'data.csv', row: 6, column: 'w_2' }, ['out of range']) });
add({ id: 'excel-sep-unknown', category: A, title: 'sep=| which effekt does not read', files: { 'data.csv': `sep=|\n${csv(header, rows, '|')}` }, argv: validate, expect: bad({ file: 'data.csv' }, ['names a delimiter effekt does not read']) });
{
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(baseCsv, 'utf16le')]);
  add({ id: 'utf16le-bom', category: A, title: "UTF-16 LE (Excel's Unicode Text)", files: { 'data.csv': new Uint8Array(le) }, argv: validate, expect: bad({ file: 'data.csv' }, ['UTF-16LE text']) });
  const be = Buffer.from(baseCsv, 'utf16le');
  be.swap16();
  add({ id: 'utf16be-bom', category: A, title: 'UTF-16 BE with BOM', files: { 'data.csv': new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])) }, argv: validate, expect: bad({ file: 'data.csv' }, ['UTF-16BE text']) });
  add({ id: 'utf16le-no-bom', category: A, title: 'UTF-16 LE without BOM', files: { 'data.csv': new Uint8Array(Buffer.from(baseCsv, 'utf16le')) }, argv: validate, expect: bad({ file: 'data.csv' }, ['UTF-16LE text']) });
}
{
  const danish = mutated([[0, 'site', 'København'], [1, 'site', 'København']]);
  add({ id: 'cp1252-auto', category: A, title: 'Windows-1252 bytes, encoding auto (read as Windows-1252)', files: { 'data.csv': encodeWindows1252(danish) }, argv: validate, expect: { exit: 0, contains: ['København'], output: 'none' } });
  add({ id: 'cp1252-declared-utf8', category: A, title: 'Windows-1252 bytes where the spec declares utf-8', files: { 'data.csv': encodeWindows1252(danish), 'spec.json': specText({ ...baseSpec, data: { format: 'long', csv: { encoding: 'utf-8' } } }) }, argv: validate, expect: bad({ file: 'data.csv', row: 2, column: 'site' }, ['not valid UTF-8', 'windows-1252']) });
  add({ id: 'utf8-declared-cp1252', category: A, title: 'UTF-8 bytes where the spec declares windows-1252', files: { 'data.csv': danish, 'spec.json': specText({ ...baseSpec, data: { format: 'long', csv: { encoding: 'windows-1252' } } }) }, argv: validate, expect: bad({ file: 'data.csv', row: 2 }, ['KÃ¸benhavn', 'set data.csv.encoding to "utf-8"']) });
  add({ id: 'utf8-bom', category: A, title: 'UTF-8 with a byte-order mark', files: { 'data.csv': `\uFEFF${danish}` }, argv: validate, expect: { exit: 0, contains: ['København'], output: 'none' } });
}
add({ id: 'crlf', category: A, title: 'CRLF line ends', files: { 'data.csv': csv(header, rows, ',', '\r\n') }, argv: validate, expect: { exit: 0, contains: ['valid — 40 participants'], output: 'none' } });
{
  // Blank lines before both P05 rows; P07's t1 row (data row 13, line 15) moves to line 17, as Excel numbers it.
  const lines = mutated([[13, 'w_5', '9']]).split('\n');
  const withBlanks = lines.flatMap((l) => (l.startsWith('P05,') ? ['', l] : [l]));
  add({ id: 'blank-lines', category: A, title: 'blank lines between rows (skipped; rows numbered as Excel shows them)', files: { 'data.csv': withBlanks.join('\n') }, argv: validate, expect: bad({ file: 'data.csv', row: 17, column: 'w_5' }, ['out of range']) });
  const cells = rows.map((r) => [...r]);
  cells[3][col('reason')] = 'moved\r\nto Aarhus';
  cells[9][col('w_4')] = '12';
  add({ id: 'multiline-cell-rows', category: A, title: 'a quoted cell with a line break (one Excel row); a later error keeps its Excel row', files: { 'data.csv': csv(header, cells) }, argv: validate, expect: bad({ file: 'data.csv', row: 11, column: 'w_4' }, ['out of range']) });
}
add({ id: 'duplicate-header', category: A, title: 'a column name twice', files: { 'data.csv': csv([...header.slice(0, 10), 'w_1'], rows) }, argv: validate, expect: bad({ file: 'data.csv', row: 1, column: 'w_1' }, ['appears more than once']) });
add({ id: 'missing-column', category: A, title: 'a required column missing, a near name present', files: { 'data.csv': csv(header.map((h) => (h === 'site' ? 'stie' : h)), rows) }, argv: validate, expect: bad({ file: 'data.csv', row: 1, column: 'site' }, ['did you mean "stie"']) });
add({ id: 'text-named-xlsx', category: A, title: 'CSV text named .xlsx', files: { 'data.xlsx': baseCsv }, argv: ['validate', '{case}/data.xlsx', '--spec', '{case}/spec.json'], expect: bad({ file: 'data.xlsx' }, ['has the .xlsx extension but holds text']) });
add({ id: 'data-missing', category: A, title: 'a data file that does not exist', argv: ['validate', '{case}/nope.csv', '--spec', '{case}/spec.json'], expect: bad({ file: 'nope.csv' }, ['cannot be read (ENOENT)']) });
add({ id: 'data-is-folder', category: A, title: 'a folder given as the data file', argv: ['validate', '{case}', '--spec', '{case}/spec.json'], expect: bad({ file: '{case}' }, ['cannot be read']) });

// -- B. cell values ---------------------------------------------------------------------------
const B = 'csv-values';
const cellCase = (id: string, title: string, i: number, c: string, v: string, contains: string[], column = c) =>
  add({ id, category: B, title, files: { 'data.csv': mutated([[i, c, v]]) }, argv: validate, expect: bad({ file: 'data.csv', row: excelRow(i), column }, contains) });
cellCase('unknown-arm', 'an arm label the spec does not list', 6, 'arm', 'C', ['unknown arm label']);
cellCase('arm-typo', 'an arm label typed in lower case', 8, 'arm', 'a', ['did you mean "A"']);
cellCase('arm-zero-width', 'an arm label with a zero-width space', 10, 'arm', 'A\u200B', ['unknown arm label']);
cellCase('empty-id', 'an empty participant id', 12, 'id', '', ['participant id is empty']);
cellCase('unknown-visit', 'a visit the spec does not list', 13, 'visit', 't2', ['visit is not in the spec']);
cellCase('item-out-of-range', 'an item above its range', 14, 'w_3', '9', ['out of range']);
cellCase('item-negative', 'a negative item', 16, 'w_1', '-1', ['out of range']);
cellCase('item-fraction', 'an item that is not a whole number', 18, 'w_2', '2.5', ['is not a whole number', 'Fix: write a whole number']);
cellCase('item-text', 'an item that is a word', 20, 'w_4', 'abc', ['is not a number']);
cellCase('item-inf-overflow', 'an item written 1e999 (beyond a double)', 22, 'w_5', '1e999', ['too large to be a number']);
cellCase('item-neg-overflow', 'an item written -1e999', 24, 'w_5', '-1e999', ['too large to be a number']);
cellCase('item-nan', 'an item written NaN', 26, 'w_1', 'NaN', ['is not a number']);
cellCase('item-infinity-word', 'an item written Infinity', 28, 'w_1', 'Infinity', ['is not a number']);
cellCase('item-decimal-comma', 'a decimal comma where the spec says "."', 30, 'w_2', '"2,0"', ['is not a number']);
cellCase('item-huge', 'an item of 1e308', 32, 'w_3', '1e308', ['out of range']);
cellCase('item-units', 'an item with a unit', 34, 'w_3', '3 pts', ['is not a number']);
cellCase('unknown-level', 'a covariate level the spec does not list', 36, 'sex', 'x', ['unknown Sex level']);
cellCase('level-case', 'a covariate level in upper case', 38, 'sex', 'F', ['did you mean "f"']);
cellCase('ansi-arm', 'an arm label with an escape sequence that clears the screen', 40, 'arm', 'A\u001b[2J\u001b[HALL CHECKS PASSED', ['unknown arm label', '\\x1B[2J']);
cellCase('cr-arm', 'an arm label with a carriage return', 42, 'arm', 'Z\rALL CHECKS PASSED', ['unknown arm label', '\\r']);
cellCase('bidi-visit', 'a visit with a right-to-left override', 44, 'visit', 't1\u202E0t', ['visit is not in the spec', '\\u202E']);
add({ id: 'duplicate-row', category: B, title: 'a participant × visit twice', files: { 'data.csv': csv(header, [...rows.slice(0, 6), rows[4], ...rows.slice(6)]) }, argv: validate, expect: bad({ file: 'data.csv', row: 8, column: 'visit' }, ['duplicate participant × visit (first seen on row 6)']) });
add({ id: 'arm-change', category: B, title: 'a participant who changes arm', files: { 'data.csv': mutated([[1, 'arm', 'B']]) }, argv: validate, expect: bad({ file: 'data.csv', row: 3, column: 'arm' }, ['changes arm']) });
add({ id: 'site-change', category: B, title: 'a participant who changes site', files: { 'data.csv': mutated([[7, 'site', 'South']]) }, argv: validate, expect: bad({ file: 'data.csv', row: 9, column: 'site' }, ['changes site']) });
add({ id: 'missing-baseline', category: B, title: 'a participant with no baseline row', files: { 'data.csv': csv(header, rows.filter((_, i) => i !== 10)) }, argv: validate, expect: bad({ file: 'data.csv', row: 12, column: 'visit' }, ['has no t0 row']) });
add({ id: 'many-problems', category: B, title: 'every item of every row out of range (capped list)', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j >= 6 && c !== '' ? '99' : c)))) }, argv: validate, expect: bad({ file: 'data.csv', row: 2, column: 'w_1' }, ['more problem(s) of the same kinds']) });
add({ id: 'big-cell-item', category: B, title: 'a 10 MB cell in an item column (named, not copied)', argv: validate, generate: { kind: 'big-cell', row: 2, column: 'w_1', bytes: 10_000_000, char: '7' }, isolate: true, expect: { ...bad({ file: 'data.csv', row: 4, column: 'w_1' }, ['is not a number', 'characters in all']), maxStderr: 20_000 } });
add({ id: 'big-cell-id', category: B, title: 'a 10 MB participant id (named, not copied)', argv: validate, generate: { kind: 'big-cell', row: 2, column: 'id', bytes: 10_000_000, char: 'P' }, expect: { ...bad({ file: 'data.csv', row: 5, column: 'visit' }, ['P02 has no t0 row']), maxStderr: 20_000 } });
add({ id: 'big-cell-reason', category: B, title: 'a 10 MB free-text reason (accepted; never printed)', argv: validate, generate: { kind: 'big-cell', row: 17, column: 'reason', bytes: 10_000_000, char: 'x' }, expect: { exit: 0, contains: ['valid — 40 participants'], output: 'none', maxStdout: 20_000 } });
add({ id: 'big-cell-site', category: B, title: 'a 1 MB site name through validate (accepted, printed bounded)', argv: validate, generate: { kind: 'big-cell', row: 0, column: 'site', bytes: 1_000_000, char: 's', participant: true }, expect: { exit: 0, contains: ['valid', 'sss…'], output: 'none', maxStdout: 20_000 } });
add({ id: 'ansi-site-valid', category: B, title: 'a site name that clears the screen (valid data; printed escaped)', files: { 'data.csv': mutated([[0, 'site', 'North\u001b[2J\u001b[H'], [1, 'site', 'North\u001b[2J\u001b[H']]) }, argv: validate, expect: { exit: 0, contains: ['North\\x1B[2J\\x1B[H'], notContains: ['\u001b'], output: 'none' } });

// -- C. XLSX ----------------------------------------------------------------------------------
const C = 'xlsx';
async function workbook(edit?: (ws: ExcelJS.Worksheet) => void, more?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  stampWorkbook(wb);
  const ws = wb.addWorksheet('data');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r.map((c) => (c === '' ? null : /^\d+$/.test(c) ? Number(c) : c)));
  edit?.(ws);
  more?.(wb);
  return stableZip(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}
/** Replaces one cell's XML in the first sheet (exceljs cannot write a cached 0). */
async function patchSheet(bytes: Uint8Array, from: RegExp, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const path = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(path)!.async('string');
  if (!from.test(xml)) throw new Error(`patchSheet: ${from} not found`);
  zip.file(path, xml.replace(from, to));
  return stableZip(new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })));
}
const xlsxArgs = ['validate', '{case}/data.xlsx', '--spec', '{case}/spec.json'];
const xlsxFiles: Array<Promise<void>> = [];
function addXlsx(c: Omit<AdversarialCase, 'files' | 'argv'> & { argv?: string[]; extra?: Record<string, string> }, bytes: Promise<Uint8Array>): void {
  const { extra, ...rest } = c;
  xlsxFiles.push(bytes.then((b) => add({ argv: xlsxArgs, ...rest, files: { 'data.xlsx': b, ...(extra ?? {}) } })));
}
addXlsx({ id: 'xlsx-plain', category: C, title: 'the base trial as .xlsx', expect: { exit: 0, contains: ['valid — 40 participants'], output: 'none' } }, workbook());
addXlsx({ id: 'xlsx-formula-cached-zero', category: C, title: 'a formula whose saved value is 0 (used, not refused)', expect: { exit: 0, contains: ['valid — 40 participants'], output: 'none' } },
  workbook((ws) => { ws.getCell('G2').value = { formula: 'H2*0', result: 5 } as ExcelJS.CellFormulaValue; }).then((b) => patchSheet(b, /<c r="G2"([^>]*)><f>H2\*0<\/f><v>5<\/v><\/c>/, '<c r="G2"$1><f>H2*0</f><v>0</v></c>')));
addXlsx({ id: 'xlsx-formula-cached-value', category: C, title: 'a formula with a saved value', expect: { exit: 0, contains: ['valid'], output: 'none' } }, workbook((ws) => { ws.getCell('G3').value = { formula: '1+2', result: 3 } as ExcelJS.CellFormulaValue; }));
addXlsx({ id: 'xlsx-formula-no-value', category: C, title: 'a formula Excel never calculated (no saved value)', expect: bad({ file: 'data.xlsx', row: 4, column: 'w_1' }, ['cell G4 is a formula with no saved value']) }, workbook((ws) => { ws.getCell('G4').value = { formula: '1+2' } as ExcelJS.CellFormulaValue; }));
addXlsx({ id: 'xlsx-formula-out-of-range', category: C, title: 'a formula whose saved value is out of range', expect: bad({ file: 'data.xlsx', row: 5, column: 'w_2' }, ['out of range']) }, workbook((ws) => { ws.getCell('H5').value = { formula: '4+5', result: 9 } as ExcelJS.CellFormulaValue; }));
addXlsx({ id: 'xlsx-error-cell', category: C, title: 'a #DIV/0! error in an item', expect: bad({ file: 'data.xlsx', row: 6, column: 'w_3' }, ['is not a number', '#DIV/0!']) }, workbook((ws) => { ws.getCell('I6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue; }));
addXlsx({ id: 'xlsx-sheet-missing', category: C, title: 'the spec names a sheet the workbook lacks', extra: { 'spec.json': specText({ ...baseSpec, data: { format: 'long', sheet: 'Data 2024' } }) }, expect: bad({ file: 'data.xlsx' }, ['the worksheet was not found', 'set data.sheet']) }, workbook());
addXlsx({ id: 'xlsx-empty-header', category: C, title: 'an empty first row', expect: bad({ file: 'data.xlsx', row: 1 }, ['the header) is empty']) }, workbook((ws) => { ws.spliceRows(1, 1, [null]); }));
addXlsx({ id: 'xlsx-second-sheet', category: C, title: 'the data on a named second sheet', extra: { 'spec.json': specText({ ...baseSpec, data: { format: 'long', sheet: 'Data 2025' } }) }, expect: { exit: 0, contains: ['valid'], output: 'none' } }, workbook(undefined, (wb) => { wb.getWorksheet('data')!.name = 'Data 2025'; wb.addWorksheet('notes').addRow(['read me']); }));
addXlsx({ id: 'xlsx-text-number', category: C, title: 'an item stored as text "7 "', expect: { exit: 0, contains: ['valid'], output: 'none' } }, workbook((ws) => { ws.getCell('G7').value = '7 '; }));
add({ id: 'xlsx-corrupt', category: C, title: 'a truncated workbook', files: { 'data.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new TextEncoder().encode('xl/workbook.xml garbage')]) }, argv: xlsxArgs, expect: bad({ file: 'data.xlsx' }, ['cannot be read as an Excel workbook']) });

// -- D. the spec ------------------------------------------------------------------------------
const D = 'spec';
const specCase = (id: string, title: string, spec: unknown, path: string, contains: string[]) =>
  add({ id, category: D, title, files: { 'spec.json': typeof spec === 'string' ? spec : specText(spec) }, argv: validate, expect: bad({ file: 'spec.json', path }, contains) });
specCase('spec-not-json', 'a spec that is not JSON', '{"trial": ', '', ['the spec is not valid JSON']);
specCase('spec-duplicate-level', 'a covariate level listed twice', { ...baseSpec, covariates: [{ ...baseSpec.covariates[0], levels: ['f', 'm', 'f'] }] }, 'covariates[0].levels', ['the level "f" is listed twice']);
specCase('spec-duplicate-arm', 'two arms with one label', { ...baseSpec, arms: [baseSpec.arms[0], { ...baseSpec.arms[1], label: 'A' }] }, 'arms', ['arm id "A" is used twice']);
// Two intervention arms are a k-arm trial; without a control arm there is nothing to compare with.
specCase('spec-two-interventions', 'two intervention arms and no control', { ...baseSpec, arms: [{ ...baseSpec.arms[0], role: 'intervention' }, baseSpec.arms[1]] }, 'arms', ['no arm has role "control"', 'mark exactly one arm, the comparator, as "control"']);
specCase('spec-unknown-instrument', 'an outcome naming no instrument of the spec', { ...baseSpec, outcomes: [{ ...baseSpec.outcomes[0], instrument: 'wsa' }] }, 'outcomes[0].instrument', ['names no instrument of this spec']);
specCase('spec-no-primary', 'no primary outcome', { ...baseSpec, outcomes: [{ ...baseSpec.outcomes[0], role: 'secondary' }] }, 'outcomes', ['exactly one outcome must have role "primary"']);
specCase('spec-title-number', 'a title that is a number', { ...baseSpec, trial: { ...baseSpec.trial, title: 7 } }, 'trial.title', ['expected object']);
specCase('spec-unknown-key', 'a key the schema does not know', { ...baseSpec, colums: {} }, '(top level)', ['colums']);
specCase('spec-proto-key', 'a "__proto__" key in levelLabels', JSON.parse(specText({ ...baseSpec, covariates: [{ ...baseSpec.covariates[0], levelLabels: { f: localised('female') } }] }).replace('"f": {', '"__proto__": {')), 'covariates[0].levelLabels.__proto__', ['"__proto__" cannot be a key']);
specCase('spec-bad-encoding', 'an encoding the reader does not know', { ...baseSpec, data: { format: 'long', csv: { encoding: 'latin9' } } }, 'data.csv.encoding', ['auto']);
specCase('spec-bad-delimiter', 'a delimiter the reader does not know', { ...baseSpec, data: { format: 'long', csv: { delimiter: '|' } } }, 'data.csv.delimiter', ['";"']);
specCase('spec-duplicate-reason', 'a missing-reason code listed twice', { ...baseSpec, missingReasons: [...baseSpec.missingReasons, baseSpec.missingReasons[0]] }, 'missingReasons', ['"moved" is used twice']);
specCase('spec-bad-baseline', 'a baseline visit that is not a visit', { ...baseSpec, baselineVisit: 'T0' }, 'baselineVisit', ['is not one of the visits']);
specCase('spec-bad-primary-visit', 'a primary visit that is not a visit', { ...baseSpec, outcomes: [{ ...baseSpec.outcomes[0], primaryVisit: 'end' }] }, 'outcomes[0].primaryVisit', ['is not one of the visits']);
specCase('spec-no-visits', 'no visits', { ...baseSpec, visits: [] }, 'visits', ['>=1']);
specCase('spec-responder-unknown', 'a responder definition for an unknown outcome', { ...baseSpec, responders: [{ ...baseSpec.responders[0], outcome: 'qpr' }] }, 'responders[0].outcome', ['names no outcome of this spec']);
add({ id: 'spec-plan-unknown-outcome', category: D, title: 'a plan naming an unknown outcome', files: { 'spec.json': specText({ ...baseSpec, analysisPlan: { outcomes: { qpr: { primary: 'ancova' } } } }) }, argv: analyze, expect: bad({ file: 'spec.json', path: 'analysisPlan.outcomes.qpr' }, ['names no outcome of the spec']) });
add({ id: 'spec-plan-bad-subgroup', category: D, title: 'a plan subgroup on a column that is not a covariate', files: { 'spec.json': specText({ ...baseSpec, analysisPlan: { subgroups: [{ column: 'w_1' }] } }) }, argv: analyze, expect: bad({ file: 'spec.json', path: 'analysisPlan.subgroups[0].column' }, ['is not a baseline covariate']) });
add({ id: 'spec-missing', category: D, title: 'a spec file that does not exist', argv: ['validate', '{case}/data.csv', '--spec', '{case}/nope.json'], expect: bad({ file: 'nope.json' }, ['cannot read the spec']) });
add({ id: 'spec-bom', category: D, title: 'a spec with a UTF-8 byte-order mark (read)', files: { 'spec.json': `\uFEFF${specText(baseSpec)}` }, argv: validate, expect: { exit: 0, contains: ['valid'], output: 'none' } });
add({ id: 'spec-is-folder', category: D, title: 'a folder given as the spec', argv: ['validate', '{case}/data.csv', '--spec', '{case}'], expect: bad({ file: '{case}' }, ['cannot read the spec']) });

// -- E. outputs and options -------------------------------------------------------------------
const E = 'output';
add({ id: 'out-is-file', category: E, title: 'analyze --out naming an existing file', setup: 'out-file', argv: analyze, expect: { exit: 2, names: { file: 'out' }, contains: ['is an existing file, not a folder'], output: 'intact' } });
add({ id: 'out-is-data', category: E, title: 'analyze --out naming the data file', argv: ['analyze', '{case}/data.csv', '--spec', '{case}/spec.json', '--out', '{case}/data.csv'], expect: { exit: 2, names: { file: 'data.csv' }, contains: ['is the input'], output: 'none', inputsIntact: true } });
add({ id: 'out-contains-data', category: E, title: 'analyze --out naming the folder that holds the data', argv: ['analyze', '{case}/data.csv', '--spec', '{case}/spec.json', '--out', '{case}'], expect: { exit: 2, names: { file: 'data.csv' }, contains: ['contains the input'], output: 'none', inputsIntact: true } });
add({ id: 'out-is-cwd', category: E, title: 'analyze --out .', argv: ['analyze', '{case}/data.csv', '--spec', '{case}/spec.json', '--out', '.'], expect: { exit: 2, names: { file: '.' }, contains: ['is the working folder'], output: 'none' } });
add({ id: 'out-under-file', category: E, title: 'analyze --out below an existing file', argv: ['analyze', '{case}/data.csv', '--spec', '{case}/spec.json', '--out', '{case}/data.csv/out'], expect: { exit: 2, names: { file: 'data.csv' }, contains: ['which is a file, not a folder'], output: 'none', inputsIntact: true } });
add({ id: 'out-tables-is-file', category: E, title: '<out>/tables is a file', setup: 'tables-file', argv: analyze, expect: { exit: 2, names: { file: 'tables' }, contains: ['holds a file tables where effekt writes the folder tables/'], output: 'intact' } });
add({ id: 'out-user-results-csv', category: E, title: "<out> holds the user's own results.csv", setup: 'user-results-csv', argv: analyze, expect: { exit: 2, names: { file: 'results.csv' }, contains: ['which effekt did not write'], output: 'intact' } });
add({ id: 'out-keeps-user-files', category: E, title: 'analyze into a previous output holding the user\'s notes (kept)', setup: 'previous+notes', argv: analyze, expect: { exit: 0, contains: ['Wrote'], output: 'written', checks: ['notes-kept'] } });
add({ id: 'report-keeps-logo', category: E, title: "report --no-pdf into a folder with the user's logo and PDF (both kept)", setup: 'logo', argv: ['report', '--results', '{results}', '--lang', 'en', '--out', '{out}', '--no-pdf', '--date', '2026-01-01'], expect: { exit: 0, contains: ['Wrote the English report'], output: 'written', checks: ['logo-kept', 'html-clean'] } });
add({ id: 'report-out-is-file', category: E, title: 'report --out naming an existing file', setup: 'out-file', argv: ['report', '--results', '{results}', '--lang', 'en', '--out', '{out}', '--no-pdf'], expect: { exit: 2, names: { file: 'out' }, contains: ['is an existing file'], output: 'intact' } });
add({ id: 'report-out-is-results', category: E, title: 'report --out naming the results folder', argv: ['report', '--results', '{results}', '--lang', 'en', '--out', '{results}', '--no-pdf'], expect: { exit: 2, names: { file: 'analysis' }, contains: ['is the input'], output: 'none' } });
add({ id: 'economics-out-contains-results', category: E, title: 'economics --out holding the results it reads', argv: ['economics', '--scenario', '{case}/scenario.json', '--results', '{results}/results.json', '--out', '{results}', '--draws', '200'], files: { 'scenario.json': specText(scenario) }, expect: { exit: 2, names: { file: 'results.json' }, contains: ['contains the input'], output: 'none' } });
add({ id: 'simulate-out-folder', category: E, title: 'simulate --out naming a folder', setup: 'out-folder', argv: ['simulate', '--out', '{out}', '--cohort', 'kolding', '--participants', '12'], expect: { exit: 2, names: { file: 'out' }, contains: ['is a folder, not a file'], output: 'intact' } });
add({ id: 'simulate-existing-file', category: E, title: 'simulate over an existing file without --force', setup: 'out-file', argv: ['simulate', '--out', '{out}', '--cohort', 'kolding', '--participants', '12'], expect: { exit: 2, names: { file: 'out' }, contains: ['already exists', '--force'], output: 'intact' } });
add({ id: 'simulate-force', category: E, title: 'simulate --force over its own earlier file', setup: 'out-file', argv: ['simulate', '--out', '{out}', '--cohort', 'kolding', '--participants', '12', '--force'], expect: { exit: 0, contains: ['SYNTHETIC data'], output: 'written' } });
for (const at of [0, 2, 11]) {
  add({ id: `analyze-disk-full-${at}`, category: E, title: `a full disk at the ${at + 1}. file of analyze (previous output intact)`, setup: 'previous', env: { EFFEKT_FAULT: `enospc:${at}` }, argv: analyze, expect: { exit: 2, names: { file: 'out' }, contains: ['the disk is full (ENOSPC)', 'nothing was changed there', 'free space'], output: 'intact' } });
}
add({ id: 'economics-disk-full', category: E, title: 'a full disk while economics writes', setup: 'previous-economics', env: { EFFEKT_FAULT: 'enospc:1' }, argv: ['economics', '--scenario', '{case}/scenario.json', '--out', '{out}', '--draws', '200'], files: { 'scenario.json': specText(scenario) }, expect: { exit: 2, names: { file: 'out' }, contains: ['ENOSPC'], output: 'intact' } });
add({ id: 'report-disk-full', category: E, title: 'a full disk while report writes', env: { EFFEKT_FAULT: 'enospc:3' }, argv: ['report', '--results', '{results}', '--lang', 'da', '--out', '{out}', '--no-pdf'], expect: { exit: 2, names: { file: 'out' }, contains: ['ENOSPC'], output: 'none' } });
add({ id: 'simulate-disk-full', category: E, title: 'a full disk while simulate writes', env: { EFFEKT_FAULT: 'enospc:0' }, argv: ['simulate', '--out', '{out}', '--cohort', 'kolding', '--participants', '12'], expect: { exit: 2, names: { file: 'out' }, contains: ['ENOSPC'], output: 'none' } });
add({ id: 'analyze-killed-before-swap', category: E, title: 'kill -9 just before the swap: the previous output stays whole', setup: 'previous', isolate: true, env: { EFFEKT_FAULT: 'kill:before-swap' }, argv: analyze, expect: { exit: 137, output: 'intact', checks: ['next-run-clean'] } });
add({ id: 'analyze-killed-between-renames', category: E, title: 'kill -9 between the two renames: the next run restores the previous output', setup: 'previous', isolate: true, env: { EFFEKT_FAULT: 'kill:between-renames' }, argv: analyze, expect: { exit: 137, output: 'recoverable', checks: ['next-run-clean'] } });
const optionCase = (id: string, title: string, argv: string[], option: string, contains: string[]) => add({ id, category: E, title, argv, expect: { exit: 2, names: { file: option }, contains, output: 'none' } });
optionCase('seed-not-number', 'analyze --seed abc', [...analyze, '--seed', 'abc'], '--seed', ['must be a positive whole number']);
optionCase('seed-too-big', 'analyze --seed beyond 2^32', [...analyze, '--seed', '99999999999'], '--seed', ['must be at most 4294967295']);
optionCase('lang-bad', 'report --lang de', ['report', '--results', '{results}', '--lang', 'de', '--out', '{out}'], '--lang', ['must be "da" or "en"']);
optionCase('date-bad', 'report --date 25.11.2026', ['report', '--results', '{results}', '--lang', 'da', '--out', '{out}', '--date', '25.11.2026'], '--date', ['YYYY-MM-DD']);
add({ id: 'draws-bad', category: E, title: 'economics --draws 0', files: { 'scenario.json': specText(scenario) }, argv: ['economics', '--scenario', '{case}/scenario.json', '--draws', '0'], expect: { exit: 2, names: { file: '--draws' }, contains: ['must be a positive whole number'], output: 'none' } });
optionCase('participants-bad', 'simulate --participants 2', ['simulate', '--out', '{out}', '--participants', '2'], '--participants', ['must be at least 4']);
optionCase('cohort-bad', 'simulate --cohort nowhere', ['simulate', '--out', '{out}', '--cohort', 'nowhere'], '--cohort', ['must be one of']);
optionCase('unknown-option', 'an option no command has', [...validate, '--frobnicate'], '--frobnicate', ["unknown option '--frobnicate'"]);
optionCase('missing-spec-option', 'validate without --spec', ['validate', '{case}/data.csv'], '--spec', ["required option '--spec <file>' not specified"]);
optionCase('unknown-command', 'a command that does not exist', ['analyse', '{case}/data.csv'], 'analyse', ["unknown command 'analyse'"]);

// -- F. report inputs -------------------------------------------------------------------------
const F = 'report-input';
const reportArgs = ['report', '--results', '{case}/results.json', '--lang', 'en', '--out', '{out}', '--no-pdf', '--date', '2026-01-01'];
const resultsCase = (id: string, title: string, mutate: string, path: string, contains: string[]) =>
  add({ id, category: F, title, argv: reportArgs, generate: { kind: 'results', mutate }, expect: bad({ file: 'results.json', path }, contains) });
add({ id: 'results-not-json', category: F, title: 'results.json that is not JSON', files: { 'results.json': '{"schemaVersion": "1.' }, argv: reportArgs, expect: bad({ file: 'results.json' }, ['not valid JSON']) });
add({ id: 'results-missing', category: F, title: 'a results folder without results.json', argv: ['report', '--results', '{case}', '--lang', 'en', '--out', '{out}', '--no-pdf'], expect: bad({ file: 'results.json' }, ['file not found']) });
add({ id: 'results-is-array', category: F, title: 'results.json holding an array', files: { 'results.json': '[]' }, argv: reportArgs, expect: bad({ file: 'results.json', path: 'schemaVersion' }, ['is not supported']) });
resultsCase('results-wrong-version', 'results.json of schema version 2', 'version', 'schemaVersion', ['schema version "2.0.0" is not supported']);
resultsCase('results-estimate-string', 'an estimate that is a string', 'estimate-string', 'outcomes[0].difference.estimate', ['must be number']);
resultsCase('results-emm-missing', 'an outcome row without its marginal means', 'emm-missing', 'outcomes[0].emm', ['is missing']);
resultsCase('results-consort-null', 'a CONSORT count that is null', 'consort-null', 'consort.A.randomised', ['must be number']);
resultsCase('results-arm-role', 'an arm with an unknown role', 'arm-role', 'arms[0].role', ['must be one of']);
resultsCase('results-extra-field', 'a field results.json does not have', 'extra-field', 'outcomes[0].injected', ['is not a field of this file']);
resultsCase('results-baseline-bad', 'a Table 1 row whose byArm is a number', 'baseline-bad', 'baseline[0].byArm', ['must be object']);
resultsCase('results-no-arms', 'results.json with no arms', 'no-arms', 'arms', ['needs one control and one intervention arm']);
add({ id: 'economics-not-json', category: F, title: 'economics.json that is not JSON', files: { 'economics.json': 'not json' }, argv: ['report', '--results', '{results}', '--economics', '{case}/economics.json', '--lang', 'en', '--out', '{out}', '--no-pdf'], expect: bad({ file: 'economics.json' }, ['not valid JSON']) });
add({ id: 'economics-malformed', category: F, title: 'economics.json with a cash flow that is a string', generate: { kind: 'economics', mutate: 'cashflow-string' }, argv: ['report', '--results', '{results}', '--economics', '{case}/economics.json', '--lang', 'en', '--out', '{out}', '--no-pdf'], expect: bad({ file: 'economics.json', path: 'businessCase.cashFlow' }, ['expected the yearly cash flow']) });
add({ id: 'economics-other-results', category: F, title: 'economics.json linked to other results', generate: { kind: 'economics', mutate: 'other-sha' }, argv: ['report', '--results', '{results}', '--economics', '{case}/economics.json', '--lang', 'en', '--out', '{out}', '--no-pdf'], expect: bad({ file: 'economics.json', path: 'link.resultsSha256' }, ['was linked to']) });
add({ id: 'results-huge-title', category: F, title: 'results.json with a 2 MB trial title (report bounded)', generate: { kind: 'results', mutate: 'huge-title' }, argv: reportArgs, expect: { exit: 0, contains: ['Wrote the English report'], output: 'written', checks: ['html-clean'] } });

// -- G. economics scenario --------------------------------------------------------------------
const G = 'scenario';
const econArgs = ['economics', '--scenario', '{case}/scenario.json', '--draws', '200'];
const scenarioCase = (id: string, title: string, s: unknown, path: string, contains: string[], argv = econArgs) =>
  add({ id, category: G, title, files: { 'scenario.json': typeof s === 'string' ? s : specText(s) }, argv, expect: bad({ file: 'scenario.json', path }, contains) });
scenarioCase('scenario-not-json', 'a scenario that is not JSON', '{', '', ['JSON']);
scenarioCase('scenario-rate-string', 'an effect rate that is a string', { ...clone(scenario), effects: [{ ...scenario.effects[0], rate: 'high' }] }, 'effects.0.rate', ['expected number']);
scenarioCase('scenario-negative-cost', 'a negative cost per citizen', { ...clone(scenario), costPerCitizen: -1 }, 'costPerCitizen', ['>=0']);
scenarioCase('scenario-unknown-key', 'a key the scenario schema does not know', { ...clone(scenario), costPerCitizn: 1 }, '(top level)', ['costPerCitizn']);
add({ id: 'scenario-key-line-break', category: G, title: 'an unknown scenario key with a line break (one line, value not echoed whole)', files: { 'scenario.json': specText({ ...clone(scenario), 'y\nALL GOOD': 1 }) }, argv: econArgs, expect: { ...bad({ file: 'scenario.json', path: '(top level)' }, ['y\\nALL GOOD']), notContains: ['\nALL GOOD'], maxStderr: 1500 } });
add({ id: 'scenario-missing-metric', category: G, title: 'a scenario naming a metric the results lack', files: { 'scenario.json': specText({ ...clone(scenario), effects: [{ ...scenario.effects[0], resultsMetric: 'qpr15-responder' }] }) }, argv: [...econArgs, '--results', '{results}'], expect: bad({ file: 'results.json', path: 'effectRates[metric=qpr15-responder]' }, ["the scenario's effects[0].resultsMetric \"qpr15-responder\" is not in the results"]) });
add({ id: 'scenario-missing', category: G, title: 'a scenario file that does not exist', argv: ['economics', '--scenario', '{case}/nope.json'], expect: bad({ file: 'nope.json' }, ['cannot']) });
add({ id: 'scenario-ok-linked', category: G, title: 'the fund scenario linked to the base trial', files: { 'scenario.json': specText(scenario) }, argv: [...econArgs, '--results', '{results}', '--out', '{out}'], expect: { exit: 0, contains: ['Effect rates from'], output: 'written' } });

// -- H. injection -----------------------------------------------------------------------------
const H = 'injection';
const payload = '<img src=x onerror="window.__pwned=1;alert(1)">';
const full = ['analyze+report', '{case}/data.csv', '--spec', '{case}/spec.json', '--out', '{out}'];
const labelled = (edit: (s: typeof baseSpec) => void) => {
  const s = clone(baseSpec);
  edit(s);
  return specText(s);
};
add({ id: 'inject-data-file-name', category: H, title: 'a data file named peer<img onerror>.csv', files: { [`peer${payload}.csv`]: baseCsv }, argv: ['analyze+report', `{case}/peer${payload}.csv`, '--spec', '{case}/spec.json', '--out', '{out}'], expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'inject-arm-labels', category: H, title: 'arm labels and names carrying script', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j === col('arm') ? (c === 'A' ? `A${payload}` : 'B</script><script>window.__pwned=2</script>') : c)))), 'spec.json': labelled((s) => { s.arms[0].label = `A${payload}`; s.arms[1].label = 'B</script><script>window.__pwned=2</script>'; s.arms[0].name = localised(`Usual ${payload}`); }) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'inject-site-names', category: H, title: 'site names carrying markup and a spreadsheet formula', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j === col('site') ? (c === 'North' ? '=HYPERLINK("http://evil.example","x")' : `South${payload}`) : c)))) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean', 'csv-neutralised'] } });
add({ id: 'inject-titles', category: H, title: 'trial, outcome and visit names carrying markup', files: { 'spec.json': labelled((s) => { s.trial.title = localised(`Trial ${payload}`, `Forsøg </title><script>window.__pwned=3</script>`); s.outcomes[0].name = localised(`Outcome <svg onload="window.__pwned=4">`); s.visits[1].name = localised('end <iframe src="javascript:alert(5)"></iframe>'); }) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'inject-reason-text', category: H, title: 'free-text loss reasons with markup (counted as "other", never printed)', files: { 'data.csv': mutated([[17, 'reason', `he said ${payload}`], [35, 'reason', 'P18 moved to Aarhus with her sister']]) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean', 'no-free-text'] } });
add({ id: 'inject-level-labels', category: H, title: 'covariate levels and their names carrying markup', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j === col('sex') && c === 'm' ? `m${payload}` : c)))), 'spec.json': labelled((s) => { (s.covariates[0] as { levels: string[] }).levels = ['f', `m${payload}`]; }) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'inject-long-label', category: H, title: 'a 5,000-character site name (cut in the report)', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j === col('site') && c === 'South' ? 'S'.repeat(5000) : c)))) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean', 'labels-cut'] } });
add({ id: 'inject-terminal-title', category: H, title: 'a trial title that rewrites the terminal', files: { 'spec.json': labelled((s) => { s.trial.title = localised('Trial\u001b[2J\u001b[1;1HALL CHECKS PASSED\u0007'); }) }, argv: validate, expect: { exit: 0, contains: ['Trial\\x1B[2J'], notContains: ['\u001b', '\u0007'], output: 'none' } });
add({ id: 'inject-terminal-file-name', category: H, title: 'a data file name with an escape sequence', files: { 'data\u001b[31m.csv': baseCsv }, argv: ['validate', '{case}/data\u001b[31m.csv', '--spec', '{case}/spec.json'], expect: { exit: 0, contains: ['data\\x1B[31m.csv'], notContains: ['\u001b'], output: 'none' } });
add({ id: 'inject-error-file-name', category: H, title: 'an error naming a file with an escape sequence', files: { 'data\u001b[2J.csv': '' }, argv: ['validate', '{case}/data\u001b[2J.csv', '--spec', '{case}/spec.json'], expect: { ...bad({ file: 'data\\x1B[2J.csv' }, ['the file is empty']), notContains: ['\u001b'] } });
add({ id: 'inject-csv-formula-level', category: H, title: 'a level "=cmd|..." reaches results.csv as text', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j === col('site') && c === 'North' ? "=cmd|' /C calc'!A0" : c)))) }, argv: analyze, expect: { exit: 0, output: 'written', checks: ['csv-neutralised'] } });
add({ id: 'inject-csv-formula-after-break', category: H, title: 'a site "x;=cmd|..." and a level after a line break: Danish Excel splits a comma CSV on ";"', files: { 'data.csv': csv(header, rows.map((r) => r.map((c, j) => (j === col('site') ? (c === 'North' ? "x;=cmd|' /C calc'!A0" : ' "@SUM(1+1)') : c)))), 'spec.json': labelled((s) => { s.outcomes[0].name = localised('WSAS\n=HYPERLINK("http://evil.example")'); }) }, argv: analyze, expect: { exit: 0, output: 'written', checks: ['csv-neutralised', 'xlsx-well-formed'] } });
add({ id: 'inject-terminal-line-break', category: H, title: 'a trial title whose line break would print a fake verdict', files: { 'spec.json': labelled((s) => { s.trial.title = localised('Trial\nALL CHECKS PASSED'); }) }, argv: validate, expect: { exit: 0, contains: ['Trial\\nALL CHECKS PASSED'], notContains: ['\nALL CHECKS PASSED'], output: 'none' } });
add({ id: 'inject-xlsx-controls', category: H, title: 'an outcome name with characters XML cannot hold reaches results.xlsx visibly', files: { 'spec.json': labelled((s) => { s.outcomes[0].name = localised('WSAS\u0001\u001b[31m\uffff _x0041_'); }) }, argv: analyze, expect: { exit: 0, output: 'written', checks: ['xlsx-well-formed'] } });
add({ id: 'inject-chart-controls', category: H, title: 'outcome, arm and title texts with control and bidi characters (the SVG charts once failed to draw)', files: { 'spec.json': labelled((s) => { s.outcomes[0].name = localised('WSAS\u0001\u0000x\u202eevil'); s.arms[0].name = localised('Usual\u0007care'); s.trial.title = localised('T\u0000itle \uffff'); }) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean', 'documents-clean'] } });
add({ id: 'inject-json-in-label', category: H, title: 'a label that tries to close the chart JSON', files: { 'spec.json': labelled((s) => { s.outcomes[0].name = localised('x"}]}</script><script>window.__pwned=6</script>'); }) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });

// -- I. prototype names -----------------------------------------------------------------------
const I = 'prototype-names';
const renamed = (pairs: Array<[string, string, string]>, edit: (s: typeof baseSpec) => void) => ({
  'data.csv': csv(header, rows.map((r) => r.map((c, j) => pairs.find(([column, from]) => header[j] === column && c === from)?.[2] ?? c))),
  'spec.json': labelled(edit),
});
add({ id: 'proto-arms', category: I, title: 'arms named "__proto__" and "constructor"', files: renamed([['arm', 'A', '__proto__'], ['arm', 'B', 'constructor']], (s) => { s.arms[0].label = '__proto__'; s.arms[1].label = 'constructor'; }), argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean', 'both-arms'] } });
add({ id: 'proto-sites', category: I, title: 'sites named "toString" and "constructor"', files: renamed([['site', 'North', 'toString'], ['site', 'South', 'constructor']], () => undefined), argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'proto-levels', category: I, title: 'covariate levels "__proto__" and "hasOwnProperty"', files: renamed([['sex', 'f', '__proto__'], ['sex', 'm', 'hasOwnProperty']], (s) => { (s.covariates[0] as { levels: string[] }).levels = ['__proto__', 'hasOwnProperty']; }), argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'proto-reasons', category: I, title: 'missing-reason codes "constructor" and "toString"', files: renamed([['reason', 'moved', 'constructor'], ['reason', 'withdrew', 'toString']], (s) => { s.missingReasons = [{ code: 'constructor', name: localised('moved') }, { code: 'toString', name: localised('withdrew') }]; }), argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'proto-visits', category: I, title: 'visits named "valueOf" and "constructor"', files: renamed([['visit', 't0', 'valueOf'], ['visit', 't1', 'constructor']], (s) => { s.visits = [{ id: 'valueOf', name: localised('baseline') }, { id: 'constructor', name: localised('end') }]; s.baselineVisit = 'valueOf'; s.outcomes[0].primaryVisit = 'constructor'; }), argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });
add({ id: 'proto-ids', category: I, title: 'participant ids "__proto__", "constructor", "toString"', files: { 'data.csv': baseCsv.replace(/^P01,/gm, '__proto__,').replace(/^P02,/gm, 'constructor,').replace(/^P03,/gm, 'toString,') }, argv: validate, expect: { exit: 0, contains: ['valid — 40 participants'], output: 'none' } });
add({ id: 'proto-unknown-arm', category: I, title: 'an arm value "__proto__" the spec does not list', files: { 'data.csv': mutated([[3, 'arm', '__proto__']]) }, argv: validate, expect: bad({ file: 'data.csv', row: 5, column: 'arm' }, ['unknown arm label']) });
add({ id: 'proto-column', category: I, title: 'a covariate column named "constructor"', files: { 'data.csv': csv(header.map((h) => (h === 'sex' ? 'constructor' : h)), rows), 'spec.json': labelled((s) => { s.covariates[0].column = 'constructor'; s.analysisPlan.subgroups = [{ column: 'constructor' }]; }) }, argv: full, expect: { exit: 0, output: 'written', checks: ['html-clean'] } });

// ---------------------------------------------------------------------------------------------

await Promise.all(xlsxFiles);
cases.sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
rmSync(root, { recursive: true, force: true });
mkdirSync(join(root, '_base'), { recursive: true });
writeFileSync(join(root, '_base', 'data.csv'), baseCsv);
writeFileSync(join(root, '_base', 'spec.json'), specText(baseSpec));
for (const c of cases) {
  const f = files.get(c.id)!;
  if (Object.keys(f).length === 0) continue;
  mkdirSync(join(root, c.id), { recursive: true });
  for (const [name, content] of Object.entries(f)) writeFileSync(join(root, c.id, name), content);
}
writeFileSync(join(root, 'manifest.json'), `${JSON.stringify(cases, null, 1)}\n`);
const byCategory = cases.reduce<Record<string, number>>((a, c) => ((a[c.category] = (a[c.category] ?? 0) + 1), a), {});
process.stdout.write(`wrote ${cases.length} adversarial cases to ${root}: ${Object.entries(byCategory).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
