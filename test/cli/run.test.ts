import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from './run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const s = (f: string) => join(repoRoot, 'data-samples', f);
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The modules (file URLs and bare packages) a CLI run resolves, recorded by a module hook. */
function importsOf(args: readonly string[]): string[] {
  const record = join(tmp('effekt-imports-'), 'imports.txt');
  const r = spawnSync(process.execPath, ['--import', join(repoRoot, 'test/cli/fixtures/record-imports.mjs'), join(repoRoot, 'bin/effekt.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', EFFEKT_RECORD_IMPORTS: record },
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(record, 'utf8').split('\n').filter(Boolean);
}

const heavy = ['playwright-core', 'exceljs', 'vega', 'vega-lite', '@resvg/resvg-js', 'arquero', 'zod', 'jszip', '@stdlib', 'csv-parse', '@duckdb'];
// A package is loaded from node_modules, from the bundle the build made of it (dist/_vendor/<name>.js),
// or inside a file of the command's bundle (dist/_bundle/, which lists the packages of each file; scripts/build.mjs).
const vendored = (pkg: string) => `/_vendor/${pkg.replace(/^@/, '').replace(/\//g, '__')}`;
function inBundle(url: string): readonly string[] {
  const m = /\/dist\/_bundle\/([^/]+\.js)$/.exec(url);
  if (!m) return [];
  const packages = JSON.parse(readFileSync(join(repoRoot, 'dist/_bundle/packages.json'), 'utf8')) as Record<string, string[]>;
  expect(packages[m[1]], url).toBeDefined();
  return packages[m[1]];
}
const loaded = (urls: readonly string[], pkg: string) =>
  urls.some((u) => u.includes(`/node_modules/${pkg}/`) || u.includes(`${vendored(pkg)}.js`) || u.includes(`${vendored(pkg)}__`) || inBundle(u).some((p) => p === pkg || p.startsWith(`${pkg}/`)));

describe('effekt run', () => {
  it('writes exactly what validate + analyze + economics + report write, in one process', () => {
    const args = ['--date', '2026-11-25', '--no-pdf'];
    const one = tmp('effekt-run-one-');
    const r = runCli(['run', s('kolding-2025.csv'), '--spec', s('kolding-2025.spec.json'), '--scenario', s('economics/dsi-base-case.json'), '--out', one, '--quiet', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid — 80 participants');
    expect(r.stdout).toContain('Wrote the Danish report');
    expect(r.stdout.indexOf('Wrote the Danish report')).toBeLessThan(r.stdout.indexOf('Wrote the English report'));

    const sep = tmp('effekt-run-sep-');
    expect(runCli(['analyze', s('kolding-2025.csv'), '--spec', s('kolding-2025.spec.json'), '--out', join(sep, 'analysis'), '--quiet']).code).toBe(0);
    expect(runCli(['economics', '--scenario', s('economics/dsi-base-case.json'), '--results', join(sep, 'analysis'), '--out', join(sep, 'economics'), '--quiet']).code).toBe(0);
    for (const lang of ['da', 'en']) {
      expect(runCli(['report', '--results', join(sep, 'analysis'), '--economics', join(sep, 'economics', 'economics.json'), '--lang', lang, '--out', join(sep, `report-${lang}`), '--quiet', ...args]).code).toBe(0);
    }
    expect(files(one)).toEqual(files(sep));
    for (const f of files(one)) expect(readFileSync(join(one, f)).equals(readFileSync(join(sep, f))), f).toBe(true);
    rmSync(one, { recursive: true, force: true });
    rmSync(sep, { recursive: true, force: true });
  }, 600_000); // five CLI processes: minutes when the 2-core machine is shared

  it('checks its options before any work: a bad language exits 2 and writes nothing', () => {
    const out = join(tmp('effekt-run-bad-'), 'out');
    const r = runCli(['run', s('kolding-2025.csv'), '--spec', s('kolding-2025.spec.json'), '--out', out, '--lang', 'da,de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang must be "da" or "en", got "de"');
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});

describe('npm start', () => {
  it('starts Node with the flags effekt run would otherwise restart itself with (bin/effekt.js RUN_NODE_FLAGS)', () => {
    const start = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const given = /\bnode((?: --\S+)*) bin\/effekt\.js run\b/.exec(start)?.[1].trim().split(' ') ?? [];
    const respawned = /const RUN_NODE_FLAGS = (\[[^\]]*\]);/.exec(readFileSync(join(repoRoot, 'bin/effekt.js'), 'utf8'))?.[1].replace(/'/g, '"');
    expect(respawned).toBeDefined();
    expect(given).toEqual(JSON.parse(respawned!) as string[]);
  });
});

describe('progress', () => {
  it('prints one plain line per stage when not on a terminal, and nothing with --quiet', () => {
    const args = ['validate', s('kolding-2025.csv'), '--spec', s('kolding-2025.spec.json')];
    expect(runCli(args).stderr).toMatch(/^effekt: validate done in \d+\.\d\d s\n$/);
    expect(runCli([...args, '--quiet']).stderr).toBe('');
  });
});

describe('start-up', () => {
  it('--help loads no heavy dependency (commands import their work only when they run)', () => {
    const urls = importsOf(['--help']);
    for (const pkg of heavy) expect(loaded(urls, pkg), pkg).toBe(false);
  });

  it('validate on a CSV loads neither the XLSX reader nor the report renderers', () => {
    const urls = importsOf(['validate', s('kolding-2025.csv'), '--spec', s('kolding-2025.spec.json'), '--quiet']);
    for (const pkg of ['playwright-core', 'exceljs', 'vega', 'vega-lite', '@resvg/resvg-js', 'jszip']) expect(loaded(urls, pkg), pkg).toBe(false);
  });
});
