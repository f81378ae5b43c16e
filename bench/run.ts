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
import { load, timeProcess, type ProcessRun } from './process.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const filter = process.argv[2] ?? '';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rscript exists and EFFEKT_BENCH_R is not 0 (R's whole job for `npm start` takes minutes). */
function hasR(): boolean {
  return process.env.EFFEKT_BENCH_R !== '0' && spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** R's median elapsed and CPU (user + system) time per bench() call, in ms. */
function timeR(code: string, repeat: number, inner = 1): { ms: number; cpuMs: number } | null {
  const script = `suppressMessages({${code}\n})\nts <- replicate(${repeat}, system.time(for (k in seq_len(${inner})) bench())[c("elapsed", "user.self", "sys.self")])\ncat(median(ts[1, ]) * 1000 / ${inner}, median(ts[2, ] + ts[3, ]) * 1000 / ${inner}, "\\n")`;
  const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    process.stderr.write(`R failed: ${r.stderr.slice(-500)}\n`);
    return null;
  }
  const [ms, cpuMs] = (r.stdout.trim().split('\n').at(-1) ?? '').trim().split(/\s+/).map(Number);
  return Number.isFinite(ms) && Number.isFinite(cpuMs) ? { ms, cpuMs } : null;
}

const files = readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.ts')).sort();
const cases: BenchCase[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'cases', f)).href)) as { cases: BenchCase[] };
  cases.push(...mod.cases.filter((c) => c.name.includes(filter)));
}
const withR = hasR();
const rows: string[][] = [['case', 'effekt median ms', 'CPU ms', 'peak RSS MB', 'target ms', 'R median ms', 'R CPU ms', 'R / effekt', 'load']];
const started = `load at start ${load()} (1-min average, 2 cores)`;
process.stderr.write(`${started}\n`);

/** Median wall and CPU time (and largest peak RSS) of `repeat` child processes after an untimed warm-up. */
function timeCommand(argv: readonly string[], repeat: number, warmup: boolean): { ms: number; cpuMs: number | null; peakMb: number | null } {
  if (warmup) timeProcess(argv, root);
  const runs = Array.from({ length: repeat }, () => timeProcess(argv, root));
  const peaks = runs.map((r) => r.peakMb).filter((v): v is number => v !== null);
  const cpus = runs.map((r) => r.cpuMs).filter((v): v is number => v !== null);
  return { ms: median(runs.map((r) => r.ms)), cpuMs: cpus.length === runs.length ? median(cpus) : null, peakMb: peaks.length ? Math.max(...peaks) : null };
}
const fmt = (v: number | null) => (v === null ? '' : v.toFixed(v < 10 ? 3 : 1));

for (const c of cases) {
  const prepared = c.setup?.();
  const repeat = c.repeat ?? 5;
  const loadBefore = load();
  let ms: number;
  let peakMb: number | null = null;
  let cpuMs: number | null = null;
  if (c.command) {
    ({ ms, peakMb, cpuMs } = timeCommand(c.command, repeat, !c.noWarmup));
  } else {
    if (!c.run) throw new Error(`bench case ${c.name}: neither run nor command`);
    const inner = c.inner ?? 1;
    if (!c.noWarmup) for (let k = 0; k < inner; k++) await c.run(prepared); // warm-up (JIT)
    const times: number[] = [];
    const cpus: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      let child: ProcessRun | null = null;
      for (let k = 0; k < inner; k++) {
        const result = await c.run(prepared);
        if (c.runTimesChild) child = result as ProcessRun;
      }
      const used = process.cpuUsage(c0);
      if (child !== null) {
        times.push(child.ms);
        if (child.cpuMs !== null) cpus.push(child.cpuMs);
        if (child.peakMb !== null) peaks.push(child.peakMb);
      } else {
        times.push((performance.now() - t0) / inner);
        cpus.push((used.user + used.system) / 1000 / inner);
      }
    }
    ms = median(times);
    cpuMs = cpus.length === times.length ? median(cpus) : null;
    peakMb = peaks.length ? Math.max(...peaks) : null;
  }
  process.stderr.write(`effekt: ${c.name}: ${ms.toFixed(ms < 10 ? 2 : 0)} ms${cpuMs === null ? '' : `, CPU ${cpuMs.toFixed(cpuMs < 10 ? 2 : 0)} ms`}${peakMb === null ? '' : `, peak ${peakMb.toFixed(0)} MB`} (load ${load()})\n`);
  let rMs: number | null = null;
  let rCpuMs: number | null = null;
  if (withR && c.rCommand) {
    try {
      const rRun = timeCommand(['Rscript', ...c.rCommand], c.rRepeat ?? repeat, !c.noWarmup && (c.rRepeat ?? repeat) > 1);
      ({ ms: rMs, cpuMs: rCpuMs } = rRun);
      process.stderr.write(`R: ${c.name}: ${rMs.toFixed(0)} ms${rCpuMs === null ? '' : `, CPU ${rCpuMs.toFixed(0)} ms`} (load ${load()})\n`);
    } catch (e) {
      process.stderr.write(`R failed: ${(e as Error).message}\n`);
    }
  }
  else if (withR && c.r) ({ ms: rMs, cpuMs: rCpuMs } = timeR(c.r, Math.min(repeat, 3), c.rInner ?? 1) ?? { ms: null, cpuMs: null });
  const hasRCase = c.r !== undefined || c.rCommand !== undefined;
  const notes = [c.rNote, c.rRepeat !== undefined && c.rRepeat < repeat ? `R: ${c.rRepeat} run${c.rRepeat === 1 ? '' : 's'}` : undefined].filter(Boolean);
  rows.push([
    notes.length ? `${c.name} (${notes.join('; ')})` : c.name,
    fmt(ms),
    fmt(cpuMs),
    peakMb === null ? '' : peakMb.toFixed(0),
    c.targetMs === undefined ? '' : String(c.targetMs),
    rMs === null ? (hasRCase && !withR ? (process.env.EFFEKT_BENCH_R === '0' ? 'R skipped' : 'no Rscript') : '') : fmt(rMs),
    fmt(rCpuMs),
    // Wall-time ratio, and the CPU-time ratio, which the shared machine's load distorts less.
    rMs === null ? '' : `${(rMs / ms).toFixed(1)}×${rCpuMs !== null && cpuMs !== null ? ` (CPU ${(rCpuMs / cpuMs).toFixed(1)}×)` : ''}`,
    `${loadBefore}→${load()}`,
  ]);
  process.stderr.write(`done: ${c.name} (${ms.toFixed(0)} ms)\n`);
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
process.stdout.write(`${started}; at end ${load()}\n`);
for (const r of rows) process.stdout.write(`${r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')}\n`);
