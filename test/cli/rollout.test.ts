/**
 * `effekt rollout …` and `effekt simulate rollout` as a user runs them: exit codes (0 ok, 2 bad
 * input with a message naming the fix and no stack trace), what each command prints and writes.
 * Uses the small hand-computed case (test/rollout/hand-case.ts) to stay quick.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';
import { writeHandCase, type HandCase } from '../rollout/hand-case.ts';

let hc: HandCase;
let store: string;

const noTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

beforeAll(() => {
  hc = writeHandCase();
  store = join(hc.dir, 'store.duckdb');
});

// Each command is a fresh process (several seconds on a loaded 2-core machine).
describe('effekt rollout', { timeout: 900_000 }, () => {
  it('init creates the store and prints the contract; a second init is refused (exit 2)', () => {
    const r = runCli(['rollout', 'init', '--store', store, '--contract', hc.contract]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Created .*store schema version 2.*contract hand-contract/);
    expect(r.stdout).toMatch(/function: 10000 DKK per citizen above 25\.0 % expected \(fixed/);
    const again = runCli(['rollout', 'init', '--store', store, '--contract', hc.contract]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/a file already exists at this path.*Fix:/s);
    noTrace(again.stderr);
  });

  it('ingest adds files, says what a repeat changed (nothing), and stops at a bad file with its problems', () => {
    const r = runCli(['rollout', 'ingest', hc.files.p1, hc.files.p1, '--spec', hc.spec, '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/p1\.csv: ingest #1: 15 rows \(15 added, 0 changed, 0 unchanged; 0 fields audited\), 8 new citizens, 2 new groups, periods P1/);
    expect(r.stdout).toMatch(/p1\.csv: already ingested \(ingest #1, same SHA-256\): nothing changed/);
    // Not on a terminal: one progress line per file on stderr (issue 14 item 5).
    expect(r.stderr).toMatch(/^effekt: ingest \S*p1\.csv done in \d+\.\d+ s\neffekt: ingest \S*p1\.csv done in \d+\.\d+ s\n$/);
    const bad = join(hc.dir, 'bad.csv');
    writeFileSync(bad, readFileSync(hc.files.p2, 'utf8').replace(/^A07,/m, '0101901234,'));
    const b = runCli(['rollout', 'ingest', hc.files.p1Corrected, bad, '--spec', hc.spec, '--store', store]);
    expect(b.code).toBe(2);
    expect(b.stdout).toMatch(/p1-corrected\.csv: ingest #2: 15 rows \(0 added, 1 changed, 14 unchanged; 3 fields audited\)/);
    expect(b.stderr).toMatch(/Stopped at .*bad\.csv: 1 file\(s\) before it were ingested/);
    expect(b.stderr).toMatch(/bad\.csv, row 2, column "id": looks like a CPR number/);
    expect(b.stderr).not.toMatch(/0101901234/);
    noTrace(b.stderr);
  });

  it('status --json lists the periods with data and the figures', () => {
    const r = runCli(['rollout', 'status', '--store', store, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.periods).toEqual(['P1']);
    expect(s.cells.map((c: { municipality: string; period: string | null }) => [c.municipality, c.period])).toEqual([['Alby', 'P1'], ['Alby', null], ['Bstrup', 'P1'], ['Bstrup', null]]);
    // Bstrup has 2 citizens: suppressed as "<5", and its shares with them.
    const b = s.cells.find((c: { municipality: string }) => c.municipality === 'Bstrup');
    expect([b.started, b.metrics[0].achieved, b.metrics[0].share]).toEqual(['<5', '<5', null]);
    expect(s.suppression).toMatch(/<5/);
    const text = runCli(['rollout', 'status', '--store', store, '--municipality', 'Alby']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Alby P1: 2 groups \(1 shared\), started 6, finished/);
    expect(text.stdout).not.toMatch(/Bstrup P1/);
  });

  it('settle writes the notes; bad period, early date and missing store are input errors', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'effekt-cli-settle-')), 'p1');
    const r = runCli(['rollout', 'settle', '--store', store, '--period', 'P1', '--date', '2024-08-01', '--out', out, '--no-pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Issued P1-v1 on 2024-08-01/);
    expect(r.stdout).toMatch(/Alby: 6 citizens, payment 25,000\.00 DKK/);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['afregning-P1-v1.da.html', 'settlement-P1-v1-groups.csv', 'settlement-P1-v1.csv', 'settlement-P1-v1.en.html', 'settlement-P1-v1.json', 'settlement-P1-v1.xlsx']);
    for (const [args, pattern] of [
      [['--period', 'P9', '--date', '2025-01-01'], /is not a payment period of the contract.*use one of: P1, P2, P3/s],
      [['--period', 'P2', '--date', '2024-12-01'], /can only be settled after it has ended \(2024-12-31\)/],
      [['--period', 'P3', '--date', '2025-08-01'], /earlier period P2 is not settled yet.*settle P2 first/s],
    ] as const) {
      const e = runCli(['rollout', 'settle', '--store', store, ...args, '--out', join(out, '..', 'x'), '--no-pdf']);
      expect(e.code, e.stdout).toBe(2);
      expect(e.stderr).toMatch(pattern);
      noTrace(e.stderr);
    }
    const missing = runCli(['rollout', 'status', '--store', join(hc.dir, 'nope.duckdb')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no store at this path.*rollout init/s);
  });

  it('report writes a Danish and an English page per municipality', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'effekt-cli-report-')), 'steering');
    const r = runCli(['rollout', 'report', '--store', store, '--period', 'P1', '--date', '2024-08-15', '--out', out, '--no-pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['alby-P1.da.html', 'alby-P1.en.html', 'bstrup-P1.da.html', 'bstrup-P1.en.html']);
    const da = readFileSync(join(out, 'alby-P1.da.html'), 'utf8');
    expect(da).toMatch(/Status til styregruppen: Alby/);
    expect(da).toMatch(/<svg/);
    expect(readFileSync(join(out, 'bstrup-P1.en.html'), 'utf8')).toMatch(/&lt;5/);
  });
});

describe('effekt simulate rollout', { timeout: 600_000 }, () => {
  it('writes the synthetic roll-out into a folder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'effekt-cli-sim-')), 'rollout');
    const r = runCli(['simulate', 'rollout', '--seed', '7', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SYNTHETIC roll-out, seed 7, 10 municipalities, 2520 citizens/);
    expect(existsSync(join(out, 'contract.json'))).toBe(true);
    expect(readdirSync(join(out, 'exports')).length).toBe(61);
    expect(JSON.parse(readFileSync(join(out, 'contract.json'), 'utf8')).synthetic).toBe(true);
  });
});
