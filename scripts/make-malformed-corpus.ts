/**
 * Writes test/data/fixtures/malformed/: small broken variants of the twin (its first three
 * participants) and a manifest of where each problem is (row as Excel shows it, column), so
 * the tests can assert that every message points at the right cell. Run: npx tsx scripts/make-malformed-corpus.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const dir = 'test/data/fixtures/malformed';
mkdirSync(dir, { recursive: true });
const lines = readFileSync('data-samples/peer-trial.csv', 'utf8').trimEnd().split('\n').slice(0, 10); // header + 3 × 3 rows
const header = lines[0].split(',');
const rows = lines.slice(1).map((l) => l.split(','));
const col = (name: string) => header.indexOf(name);
const csv = (h: string[], rs: string[][]) => `${[h, ...rs].map((r) => r.join(',')).join('\n')}\n`;
const clone = () => rows.map((r) => [...r]);

interface Case { file: string; row: number | null; column: string | null; contains: string }
const cases: Case[] = [];
function add(name: string, content: string | Uint8Array, row: number | null, column: string | null, contains: string): void {
  writeFileSync(`${dir}/${name}`, content);
  cases.push({ file: name, row, column, contains });
}
function mutate(name: string, r: number, column: string, value: string, contains: string): void {
  const rs = clone();
  rs[r - 2][col(column)] = value;
  add(name, csv(header, rs), r, column, contains);
}

add('missing-arm-column.csv', csv(header.filter((h) => h !== 'arm'), rows.map((r) => r.filter((_, j) => j !== col('arm')))), 1, 'arm', 'required column is missing');
add('misspelled-column.csv', csv(header.map((h) => (h === 'municipality' ? 'municipalty' : h)), rows), 1, 'municipality', 'did you mean "municipalty"');
add('duplicate-column.csv', csv([...header, 'qpr_1'], rows.map((r) => [...r, '1'])), 1, 'qpr_1', 'more than once');
add('duplicate-visit.csv', csv(header, [...clone(), [...rows[1]]]), 11, 'visit', 'duplicate participant × visit (first seen on row 3)');
mutate('arm-label-typo.csv', 3, 'arm', 'Peer', 'did you mean "PEER"');
mutate('arm-label-unknown.csv', 5, 'arm', 'control', 'unknown arm label');
{
  const rs = clone();
  const other = rs[0][col('arm')] === 'PEER' ? 'SAU' : 'PEER';
  rs[2][col('arm')] = other;
  add('arm-changes.csv', csv(header, rs), 4, 'arm', 'changes arm');
}
mutate('site-changes.csv', 4, 'municipality', 'Gladsaxe', 'changes municipality');
mutate('item-out-of-range.csv', 2, 'qpr_3', '7', 'out of range');
mutate('item-not-numeric.csv', 6, 'qpr_3', 'tre', 'is not a number');
mutate('item-not-integer.csv', 7, 'mansa_2', '2.5', 'out of range');
mutate('item-negative.csv', 8, 'wsas_1', '-1', 'out of range');
mutate('visit-unknown.csv', 3, 'visit', 'week10', 'visit is not in the spec');
mutate('visit-typo.csv', 4, 'visit', 'ende', 'did you mean "end"');
add('no-baseline.csv', csv(header, clone().filter((_, i) => i !== 3)), 5, 'visit', 'has no baseline row');
mutate('empty-id.csv', 6, 'participant_id', '', 'participant id is empty');
mutate('negative-count.csv', 3, 'admissions', '-2', 'out of range');
mutate('sessions-too-many.csv', 2, 'sessions_attended', '12', 'out of range');
mutate('unknown-level.csv', 9, 'sex', 'f', 'unknown Sex level');
mutate('age-with-unit.csv', 2, 'age', '34 år', 'is not a number');
mutate('event-not-binary.csv', 3, 'death', '2', 'out of range');
{
  const text = csv(header, clone()).split('\n');
  text[4] = `${text[4]},extra`;
  add('ragged-row.csv', text.join('\n'), 5, null, `has ${header.length + 1} cells but the header has ${header.length}`);
}
{
  const text = csv(header, clone()).split('\n');
  text[2] = text[2].replace('P0001', '"P0001');
  add('unmatched-quote.csv', text.join('\n'), 3, null, 'a quoted cell opens on this row and is never closed');
}
add('empty.csv', '', null, null, 'the file is empty');
add('header-only.csv', `${header.join(',')}\n`, null, null, 'no data rows');
add('binary.csv', new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x41, 0x42]), null, null, 'binary file');
add('document.csv', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), null, null, 'PDF document');
add('latin1-declared-utf8.csv', new Uint8Array([...new TextEncoder().encode('participant_id,municipality\nP1,Helsing'), 0xf8, 0x72, 0x0a]), null, null, 'not valid UTF-8');

writeFileSync(`${dir}/manifest.json`, `${JSON.stringify(cases, null, 2)}\n`);
process.stdout.write(`wrote ${cases.length} malformed files\n`);
