/**
 * The roll-out's sinks as an attacker who writes the contract and a municipal export would
 * attack them: markup, script, Vega-style expressions, a spreadsheet formula behind a ";", an
 * escape sequence and a line break in the contract's texts, a municipality id and group names.
 * init → ingest → settle → status → report through the real command; then every page is free of
 * injected markup, every CSV cell is text to a spreadsheet (read with "," or ";"), the workbook is
 * well-formed, the funnel SVGs hold the texts as text, and the terminal shows no escape sequence.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWindows1252 } from '../../../src/data/write/csv.ts';
import { assertNoInjectedMarkup } from '../../../src/report/html/csp.ts';
import { municipalityFileNames } from '../../../src/report/rollout/steering-report.ts';
import { repoRoot } from '../../helpers/fixtures.ts';
import { runsAsFormula, spreadsheetCells } from '../../helpers/spreadsheet-csv.ts';
import { runCli, type CliRun } from '../../cli/run-cli.ts';

const markup = ['<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=2</script>', '{{constructor.constructor("alert(3)")()}} datum.x ${1}', '</style><style>body{background:url(http://evil.example/x)}</style>'];
const raw = ['<img src=x', '<script>window.__pwned', '<svg onload', '<b id="injected"', '</style><style>'];
const hostileKolding = `Kolding<b id="injected">x</b>;=cmd|' /C calc'!A0`;

let dir = '';
const runs: CliRun[] = [];
const files = (sub: string) => readdirSync(join(dir, sub), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'effekt-hostile-rollout-'));
  cpSync(join(repoRoot, 'data-samples/rollout'), join(dir, 'in'), { recursive: true });
  const contractFile = join(dir, 'in/contract.json');
  const c = JSON.parse(readFileSync(contractFile, 'utf8'));
  c.title.en += ` ${markup[0]} \u001b[2J\nALL CHECKS PASSED`;
  c.title.da += ` ${markup[3]}`;
  for (const k of Object.keys(c.parties)) c.parties[k] += ` ${markup[1]}`;
  for (const m of c.paymentMetrics) for (const l of ['da', 'en']) {
    m.name[l] += ` ${markup[2]}`;
    m.definition[l] += ` ${markup[0]}`;
  }
  const kolding = c.municipalities.find((m: { id: string }) => m.id === 'Kolding');
  kolding.id = hostileKolding;
  kolding.code = '621"><svg onload="window.__pwned=4">';
  writeFileSync(contractFile, JSON.stringify(c, null, 2));
  // The exports are Windows-1252 with ";": the municipality and the group names carry the payloads.
  for (const name of ['kolding-2024H1.csv', 'vejle-2024H1.csv']) {
    const f = join(dir, 'in/exports', name);
    const lines = new TextDecoder('windows-1252').decode(readFileSync(f)).split('\r\n');
    const out = lines.map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(';');
      if (cells[1] === 'Kolding') cells[1] = `"${hostileKolding.replace(/"/g, '""')}"`;
      cells[2] = `"${cells[2]}@SUM(1+1)<i>;-2+3+cmd"`;
      return cells.join(';');
    });
    writeFileSync(f, encodeWindows1252(out.join('\r\n')));
  }
  const store = join(dir, 'store.duckdb');
  const steps = [
    ['rollout', 'init', '--store', store, '--contract', contractFile],
    ['rollout', 'ingest', join(dir, 'in/exports/kolding-2024H1.csv'), join(dir, 'in/exports/vejle-2024H1.csv'), '--spec', join(dir, 'in/rollout.spec.json'), '--store', store],
    ['rollout', 'settle', '--store', store, '--period', '2024H1', '--date', '2024-08-15', '--out', join(dir, 'settle'), '--no-pdf'],
    ['rollout', 'status', '--store', store, '--out', join(dir, 'status')],
    ['rollout', 'report', '--store', store, '--period', '2024H1', '--date', '2024-08-15', '--out', join(dir, 'steer'), '--no-pdf'],
  ];
  for (const s of steps) {
    const r = runCli(s);
    runs.push(r);
    if (r.code !== 0) throw new Error(`${s.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a hostile contract and export through every roll-out sink', () => {
  it('the settlement notes and steering reports show every text as text', () => {
    const pages = [...files('settle'), ...files('steer')].filter((f) => f.endsWith('.html'));
    expect(pages.length).toBe(22);
    for (const f of pages) {
      const html = readFileSync(f, 'utf8');
      expect(() => assertNoInjectedMarkup(html, 1), f).not.toThrow();
      for (const r of raw) expect(html, `${f}: ${r}`).not.toContain(r);
    }
    expect(readFileSync(join(dir, 'settle/settlement-2024H1-v1.en.html'), 'utf8')).toContain('Kolding&lt;b id=&quot;injected&quot;&gt;x&lt;/b&gt;');
  });

  it('the funnel plots hold the texts as SVG text', () => {
    const svgs = [...files('status'), ...files('steer')].filter((f) => f.endsWith('.svg'));
    for (const f of svgs) for (const r of raw) expect(readFileSync(f, 'utf8'), `${f}: ${r}`).not.toContain(r);
    const inline = readFileSync(join(dir, 'steer', readdirSync(join(dir, 'steer')).find((f) => f.startsWith('kolding') && f.endsWith('.en.html'))!), 'utf8');
    expect(inline).toContain('&lt;b id=');
  });

  it('no CSV cell runs as a formula, read with "," or with ";" (Danish Excel)', () => {
    const csvs = files('settle').filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBe(2);
    const number = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
    for (const f of csvs) {
      const text = readFileSync(f, 'utf8');
      expect(text).toContain('cmd');
      for (const d of [',', ';'] as const) {
        const bad = spreadsheetCells(text, d).filter((c) => !number.test(c) && runsAsFormula(c));
        expect(bad, `${f} read with "${d}"`).toEqual([]);
      }
    }
  });

  it('the workbook is well-formed and its texts are strings', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'settle/settlement-2024H1-v1.xlsx')));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('Kolding&lt;b id=&quot;injected&quot;&gt;');
    expect(strings).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    for (const n of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) expect(await zip.file(n)!.async('string')).not.toMatch(/<f>/);
  });

  it('the terminal shows no escape sequence and no line the contract wrote', () => {
    const out = runs.map((r) => r.stdout + r.stderr).join('\n');
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\\x1B[2J\\nALL CHECKS PASSED');
    expect(out).not.toMatch(/^ALL CHECKS PASSED/m);
  });
});

describe('steering-report file names', () => {
  it('distinct municipalities get distinct plain names; a name of its own is kept', () => {
    const ids = ['Kolding', 'Vejle', 'Vejle!', 'VEJLE', '!!', '??', 'Ærø', 'Aeroe', '../../etc/passwd', hostileKolding];
    const names = municipalityFileNames(ids);
    expect(new Set(names.values()).size).toBe(ids.length);
    expect(names.get('Kolding')).toBe('kolding');
    expect(names.get('Vejle')).toMatch(/^vejle-[0-9a-f]{8}$/);
    for (const n of names.values()) expect(n).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('a contract made to collide gets a clear error, not a crash', () => {
    const names = municipalityFileNames(['Vejle', 'Vejle!']);
    const forged = names.get('Vejle')!.replace('-', ' ');
    expect(() => municipalityFileNames(['Vejle', 'Vejle!', forged])).toThrow(/would get the same report file name/);
  });
});
