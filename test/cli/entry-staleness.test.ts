/**
 * bin/effekt.js runs dist/ only while it is current (issue 14 item 1: start-up without walking
 * src/). A scratch package holds a copy of the entry point, a dist/ whose main prints "dist" and
 * a src/ whose main prints "src"; each way a build goes stale must send the command to the sources.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.ts';

let dir: string;
const builtAt = Date.now() - 60_000;
const before = new Date(builtAt - 60_000);
const after = new Date(builtAt + 30_000);

function write(rel: string, text: string, time = before): void {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  utimesSync(p, time, time);
}

function age(rel: string, time: Date): void {
  utimesSync(join(dir, rel), time, time);
}

function runs(env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [join(dir, 'bin/effekt.js')], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'effekt-entry-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(repoRoot, 'bin/effekt.js'), join(dir, 'bin/effekt.js'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  write('package.json', '{"type":"module"}');
  write('package-lock.json', '{}');
  write('src/cli/main.ts', "export async function main(): Promise<number> { process.stdout.write('src\\n'); return 0; }\n");
  write('src/stats/x.ts', 'export const x = 1;\n');
  write('dist/cli/main.js', "export async function main() { process.stdout.write('dist\\n'); return 0; }\n");
  const sources = ['src', 'src/cli', 'src/stats', 'src/cli/main.ts', 'src/stats/x.ts'];
  write('dist/.build.json', JSON.stringify({ builtAt, files: 2, sources }));
  for (const d of ['src/cli', 'src/stats', 'src']) age(d, before);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/effekt.js chooses dist/ or the sources', () => {
  it('runs dist/ when nothing changed after the build', () => {
    expect(runs()).toBe('dist');
  });
  it('runs the sources when forced', () => {
    expect(runs({ EFFEKT_FROM_SOURCE: '1' })).toBe('src');
  });
  it('a source file edited in place after the build', () => {
    age('src/stats/x.ts', after);
    expect(runs()).toBe('src');
  });
  it('a file added to a folder (the folder time changes)', () => {
    write('src/stats/y.ts', 'export const y = 2;\n', after);
    age('src/stats', after);
    expect(runs()).toBe('src');
  });
  it('a listed file that is gone, even with old folder times', () => {
    unlinkSync(join(dir, 'src/stats/x.ts'));
    age('src/stats', before);
    expect(runs()).toBe('src');
  });
  it('installed packages changed after the build (dist/_vendor bundles them)', () => {
    age('package-lock.json', after);
    expect(runs()).toBe('src');
  });
  it('no build record, or one from the earlier build script without the source list', () => {
    write('dist/.build.json', JSON.stringify({ builtAt, files: 2 }));
    expect(runs()).toBe('src');
    rmSync(join(dir, 'dist/.build.json'));
    expect(runs()).toBe('src');
  });
  it('an installed copy without src/ trusts dist/', () => {
    rmSync(join(dir, 'src'), { recursive: true });
    expect(runs()).toBe('dist');
  });
});
