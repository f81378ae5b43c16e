/**
 * `npm run bench`: times every case in bench/cases/*.ts (median of several runs after a warm-up)
 * and, when Rscript is on the PATH, the same computation in R, printing the R/effekt ratio.
 * In-process cases time a function; whole-process cases (`command`) time a child process as a
 * user feels it and show its peak RSS. The 1-minute load average is printed with each case: the
 * machine is shared, and wall times stretch with load. Speed is measured here, never in timed
 * tests. `npm run bench -- <filter>` runs the cases whose name contains <filter>.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from './bench-case.ts';
import { load, timeProcess } from './process.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const filter = process.argv[2] ?? '';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function hasR(): boolean {
  return spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
}

function timeR(code: string, repeat: number, inner = 1): number | null {
  const script = `suppressMessages({${code}\n})\nts <- replicate(${repeat}, system.time(for (k in seq_len(${inner})) bench())[["elapsed"]])\ncat(median(ts) * 1000 / ${inner}, "\\n")`;
  const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    process.stderr.write(`R failed: ${r.stderr.slice(-500)}\n`);
    return null;
  }
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  const ms = Number(last);
  return Number.isFinite(ms) ? ms : null;
}

const files = readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.ts')).sort();
const cases: BenchCase[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'cases', f)).href)) as { cases: BenchCase[] };
  cases.push(...mod.cases.filter((c) => c.name.includes(filter)));
}
const withR = hasR();
const rows: string[][] = [['case', 'effekt median ms', 'peak RSS MB', 'target ms', 'R median ms', 'R / effekt', 'load']];
const started = `load at start ${load()} (1-min average, 2 cores)`;
process.stderr.write(`${started}\n`);

/** Median wall time (and largest peak RSS) of `repeat` child processes after an untimed warm-up. */
function timeCommand(argv: readonly string[], repeat: number, warmup: boolean): { ms: number; peakMb: number | null } {
  if (warmup) timeProcess(argv, root);
  const runs = Array.from({ length: repeat }, () => timeProcess(argv, root));
  const peaks = runs.map((r) => r.peakMb).filter((v): v is number => v !== null);
  return { ms: median(runs.map((r) => r.ms)), peakMb: peaks.length ? Math.max(...peaks) : null };
}

for (const c of cases) {
  const prepared = c.setup?.();
  const repeat = c.repeat ?? 5;
  const loadBefore = load();
  let ms: number;
  let peakMb: number | null = null;
  if (c.command) {
    ({ ms, peakMb } = timeCommand(c.command, repeat, !c.noWarmup));
  } else {
    if (!c.run) throw new Error(`bench case ${c.name}: neither run nor command`);
    if (!c.noWarmup) await c.run(prepared); // warm-up (JIT)
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      await c.run(prepared);
      times.push(performance.now() - t0);
    }
    ms = median(times);
  }
  process.stderr.write(`effekt: ${c.name}: ${ms.toFixed(0)} ms${peakMb === null ? '' : `, peak ${peakMb.toFixed(0)} MB`} (load ${load()})\n`);
  let rMs: number | null = null;
  if (withR && c.rCommand) {
    try {
      rMs = timeCommand(['Rscript', ...c.rCommand], c.rRepeat ?? repeat, !c.noWarmup && (c.rRepeat ?? repeat) > 1).ms;
    } catch (e) {
      process.stderr.write(`R failed: ${(e as Error).message}\n`);
    }
  }
  else if (withR && c.r) rMs = timeR(c.r, Math.min(repeat, 3), c.rInner ?? 1);
  const hasRCase = c.r !== undefined || c.rCommand !== undefined;
  rows.push([
    c.rRepeat !== undefined && c.rRepeat < repeat ? `${c.name} (R: ${c.rRepeat} run${c.rRepeat === 1 ? '' : 's'})` : c.name,
    ms.toFixed(1),
    peakMb === null ? '' : peakMb.toFixed(0),
    c.targetMs === undefined ? '' : String(c.targetMs),
    rMs === null ? (hasRCase && !withR ? 'no Rscript' : '') : rMs.toFixed(1),
    rMs === null ? '' : `${(rMs / ms).toFixed(1)}×`,
    `${loadBefore}→${load()}`,
  ]);
  process.stderr.write(`done: ${c.name} (${ms.toFixed(0)} ms)\n`);
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
process.stdout.write(`${started}; at end ${load()}\n`);
for (const r of rows) process.stdout.write(`${r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')}\n`);
