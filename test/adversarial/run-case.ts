/**
 * Runs one adversarial case: prepares its folder, runs the command (in this process, or in a
 * child process with a memory cap for big inputs and kill -9), and returns what happened.
 * Assertions live in corpus.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import type { AdversarialCase, Generate } from './case.ts';

export const corpusDir = join(repoRoot, 'test/adversarial/corpus');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Resident memory of the process after the run (in-process) or its peak (child), MB. */
  readonly mb: number;
}

export interface Prepared {
  readonly dir: string;
  readonly caseDir: string;
  readonly out: string;
  readonly results: string;
  readonly argv: string[];
}

/** Every file under a folder (or the file itself) → SHA-256, for "left exactly as it was". */
export function snapshot(path: string): Record<string, string> | null {
  if (!existsSync(path)) return null;
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string) => {
    if (statSync(p).isDirectory()) {
      out[`${rel}/`] = 'dir';
      for (const f of readdirSync(p).sort()) walk(join(p, f), rel ? `${rel}/${f}` : f);
    } else out[rel] = createHash('sha256').update(readFileSync(p)).digest('hex');
  };
  walk(path, '');
  return out;
}

export function fill(s: string, p: Pick<Prepared, 'caseDir' | 'out' | 'results'>): string {
  return s.replaceAll('{case}', p.caseDir).replaceAll('{out}', p.out).replaceAll('{results}', p.results);
}

function generate(g: Generate, caseDir: string, baseline: { results: string; economics: string }): void {
  if (g.kind === 'big-cell') {
    const lines = readFileSync(join(caseDir, 'data.csv'), 'utf8').split('\n');
    const header = lines[0].split(',');
    const j = header.indexOf(g.column);
    const big = g.char.repeat(g.bytes);
    const targets = g.participant ? [g.row, g.row + 1] : [g.row];
    for (const i of targets) {
      const cells = lines[i + 1].split(',');
      cells[j] = big;
      lines[i + 1] = cells.join(',');
    }
    writeFileSync(join(caseDir, 'data.csv'), lines.join('\n'));
    return;
  }
  if (g.kind === 'results') {
    const r = JSON.parse(readFileSync(join(baseline.results, 'results.json'), 'utf8'));
    switch (g.mutate) {
      case 'version': r.schemaVersion = '2.0.0'; break;
      case 'estimate-string': r.outcomes[0].difference.estimate = 'x'; break;
      case 'emm-missing': delete r.outcomes[0].emm; break;
      case 'consort-null': r.consort.A.randomised = null; break;
      case 'arm-role': r.arms[0].role = 'placebo'; break;
      case 'extra-field': r.outcomes[0].injected = 1; break;
      case 'baseline-bad': r.baseline[0].byArm = 7; break;
      case 'no-arms': r.arms = [r.arms[0]]; break;
      case 'huge-title': r.trial.title.en = `Trial ${'T'.repeat(2_000_000)}`; break;
      default: throw new Error(`unknown results mutation ${g.mutate}`);
    }
    writeFileSync(join(caseDir, 'results.json'), JSON.stringify(r));
    return;
  }
  const e = JSON.parse(readFileSync(join(baseline.economics, 'economics.json'), 'utf8'));
  switch (g.mutate) {
    case 'cashflow-string': e.businessCase.cashFlow = 'x'; break;
    case 'other-sha': e.link.resultsSha256 = '0'.repeat(64); break;
    default: throw new Error(`unknown economics mutation ${g.mutate}`);
  }
  writeFileSync(join(caseDir, 'economics.json'), JSON.stringify(e));
}

function setup(c: AdversarialCase, p: Prepared, baseline: { results: string; economics: string }): void {
  switch (c.setup) {
    case undefined: return;
    case 'out-file': writeFileSync(p.out, 'a file the user keeps here\n'); return;
    case 'out-folder': mkdirSync(p.out); writeFileSync(join(p.out, 'keep.txt'), 'keep\n'); return;
    case 'tables-file': mkdirSync(p.out); writeFileSync(join(p.out, 'tables'), 'not a folder\n'); return;
    case 'user-results-csv': mkdirSync(p.out); writeFileSync(join(p.out, 'results.csv'), 'my,own\n1,2\n'); return;
    case 'previous': cpSync(baseline.results, p.out, { recursive: true }); return;
    case 'previous+notes': cpSync(baseline.results, p.out, { recursive: true }); writeFileSync(join(p.out, 'notes.txt'), 'my notes\n'); return;
    case 'previous-economics': cpSync(baseline.economics, p.out, { recursive: true }); return;
    case 'logo': mkdirSync(p.out); writeFileSync(join(p.out, 'logo.png'), 'PNG LOGO'); writeFileSync(join(p.out, 'report.pdf'), '%PDF user'); return;
  }
}

export function prepare(c: AdversarialCase, root: string, baseline: { results: string; economics: string }): Prepared {
  const dir = join(root, c.id);
  const caseDir = join(dir, 'case');
  mkdirSync(caseDir, { recursive: true });
  cpSync(join(corpusDir, '_base'), caseDir, { recursive: true });
  if (c.files.length) cpSync(join(corpusDir, c.id), caseDir, { recursive: true });
  const results = join(dir, 'analysis');
  cpSync(baseline.results, results, { recursive: true });
  const p = { dir, caseDir, out: join(dir, 'out'), results, argv: [] as string[] };
  if (c.generate) generate(c.generate, caseDir, baseline);
  setup(c, p, baseline);
  return { ...p, argv: c.argv.map((a) => fill(a, p)) };
}

/** main() with stdout/stderr captured and the case's environment. */
export async function runInProcess(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env, { CI: '1' });
  process.exitCode = undefined;
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  const t0 = performance.now();
  let code: number;
  try {
    code = await main(['node', 'effekt', ...argv]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, stdout, stderr, ms: performance.now() - t0, mb: process.memoryUsage().rss / 2 ** 20 };
}

/** The real entry point in a child process: old-space capped, peak memory measured by /usr/bin/time when present. */
export function runChild(argv: readonly string[], env: Readonly<Record<string, string>> = {}, heapMb = 1024): Run {
  const time = existsSync('/usr/bin/time');
  const cmd = [process.execPath, `--max-old-space-size=${heapMb}`, join(repoRoot, 'bin/effekt.js'), ...argv];
  const t0 = performance.now();
  const r = spawnSync(time ? '/usr/bin/time' : cmd[0], time ? ['-f', '__PEAK_KB=%M', ...cmd] : cmd.slice(1), { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, timeout: 180_000, maxBuffer: 64 * 2 ** 20 });
  const peak = /__PEAK_KB=(\d+)/.exec(r.stderr ?? '');
  const stderr = (r.stderr ?? '').replace(/(Command terminated by signal \d+\n)?__PEAK_KB=\d+\n?$/, '');
  const code = r.signal === 'SIGKILL' || /Command terminated by signal 9/.test(r.stderr ?? '') ? 137 : r.status ?? 1;
  return { code, stdout: r.stdout ?? '', stderr, ms: performance.now() - t0, mb: peak ? Number(peak[1]) / 1024 : NaN };
}

export { dirname };
