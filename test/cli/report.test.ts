import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, type CliRun } from './run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { chromiumAvailable } from '../../src/report/index.ts';
import { economicsFile, resultsFile } from '../report/inputs.ts';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

/** runCli with extra environment variables. */
function runCliEnv(args: readonly string[], env: Record<string, string>): CliRun {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/effekt.js'), ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CI: '1', ...env } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

describe('effekt report', () => {
  it('writes index.html, charts and (with Chromium) report.pdf; byte-identical HTML/SVG/vl.json/PNG on a re-run', () => {
    const a = join(tmp('effekt-rep-a-'), 'out');
    const b = join(tmp('effekt-rep-b-'), 'out');
    const args = ['report', '--results', resultsFile, '--economics', economicsFile, '--lang', 'da', '--date', '2026-11-25', '--quiet'];
    const r = runCli([...args, '--out', a]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote the Danish report (12 charts');
    expect(runCli([...args, '--out', b, '--no-pdf']).code).toBe(0);
    const files = readdirSync(join(a, 'charts')).sort();
    expect(files).toHaveLength(36);
    for (const f of files) expect(readFileSync(join(a, 'charts', f)).equals(readFileSync(join(b, 'charts', f))), f).toBe(true);
    expect(readFileSync(join(a, 'index.html')).equals(readFileSync(join(b, 'index.html')))).toBe(true);
    if (chromiumAvailable()) {
      const pdf = readFileSync(join(a, 'report.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // Same inputs and date → the same PDF bytes (its dates are the report date, not the clock).
      const c = join(tmp('effekt-rep-c-'), 'out');
      expect(runCli([...args, '--out', c]).code).toBe(0);
      expect(readFileSync(join(c, 'report.pdf')).equals(pdf)).toBe(true);
      expect(pdf.toString('latin1')).toContain("/CreationDate (D:20261125000000+00'00')");
    } else {
      expect(r.stdout).toContain('PDF skipped: Chromium not found');
    }
    expect(existsSync(join(b, 'report.pdf'))).toBe(false);
    // Three reports (two printed by Chromium) on a machine whose cores may be shared: a generous limit, not a speed assertion.
  }, 360_000);

  it('a missing Chromium skips the PDF with a notice, not an error', () => {
    const out = join(tmp('effekt-rep-nochrome-'), 'out');
    const r = runCliEnv(['report', '--results', resultsFile, '--lang', 'en', '--out', out], { EFFEKT_CHROMIUM: '/nonexistent/chromium' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PDF skipped: Chromium not found at /nonexistent/chromium');
    expect(r.stdout).toContain('no report date given');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'charts', 'economics-psa.svg'))).toBe(false);
  });

  it('a Chromium that cannot print is a clear error (exit 1), not a bug report, and leaves no report half-written', () => {
    const out = join(tmp('effekt-rep-badchrome-'), 'out');
    const r = runCliEnv(['report', '--results', resultsFile, '--lang', 'en', '--out', out, '--quiet'], { EFFEKT_CHROMIUM: '/bin/false' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^effekt: the PDF could not be printed: Chromium \(\/bin\/false\) did not start: Chromium ended \(exit code 1\).*Fix: check that `\/bin\/false --headless --version` runs.*--no-pdf\n$/s);
    expect(r.stderr).not.toContain('bug in effekt');
    expect(existsSync(out)).toBe(false);
  });

  const bad: Array<[string, (dir: string) => string[], RegExp]> = [
    ['a results folder without results.json', (d) => ['--results', d, '--lang', 'da'], /results\.json: file not found\. Fix: point --results at the folder written by `effekt analyze/],
    ['results.json of another schema version', (d) => {
      const f = join(d, 'results.json');
      writeFileSync(f, JSON.stringify({ ...JSON.parse(readFileSync(resultsFile, 'utf8')), schemaVersion: '2.0.0' }));
      return ['--results', f, '--lang', 'da'];
    }, /at schemaVersion: schema version "2\.0\.0" is not supported \(this effekt reads 1\.x\)/],
    ['an economics file that is not economics.json', (d) => {
      const f = join(d, 'economics.json');
      writeFileSync(f, JSON.stringify({ schemaVersion: '1.1.0', scenario: {} }));
      return ['--results', resultsFile, '--economics', f, '--lang', 'en'];
    }, /economics\.json at businessCase\.cashFlow: expected the yearly cash flow\. Fix: pass the economics\.json written by `effekt economics/],
    ['economics.json linked to another results file', (d) => {
      const f = join(d, 'results.json');
      writeFileSync(f, JSON.stringify({ ...JSON.parse(readFileSync(resultsFile, 'utf8')), seed: 1 }));
      return ['--results', d, '--economics', economicsFile, '--lang', 'en'];
    }, /economics\.json at link\.resultsSha256: economics\.json was linked to results\.json \(SHA-256 [0-9a-f]{12}…\), trial peer-twin, not results\.json \(SHA-256 [0-9a-f]{12}…\)\. Fix: re-run `effekt economics --scenario <file> --results /],
    ['--out pointing at an existing file', (d) => {
      writeFileSync(join(d, 'out'), 'not a folder');
      return ['--results', resultsFile, '--lang', 'da'];
    }, /--out .*out is an existing file, not a folder\. Fix: give a folder for the output/],
    ['--lang other than da|en', () => ['--results', resultsFile, '--lang', 'de'], /--lang must be "da" or "en", got "de"/],
    ['a date that is not YYYY-MM-DD', () => ['--results', resultsFile, '--lang', 'da', '--date', '25.11.2026'], /--date: report date must be YYYY-MM-DD/],
  ];
  for (const [what, args, message] of bad) {
    it(`${what}: exit 2, the file and the fix named, nothing written`, () => {
      const d = tmp('effekt-rep-bad-');
      const out = join(d, 'out');
      const r = runCli(['report', ...args(d), '--out', out, '--no-pdf']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      if (what.startsWith('--out')) expect(readFileSync(out, 'utf8')).toBe('not a folder');
      else expect(existsSync(out)).toBe(false);
    });
  }
});
