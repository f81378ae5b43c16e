/**
 * Whole-process timing for `npm run bench`: a child process's wall time, CPU time and peak resident
 * set (GNU time's %U, %S and %M when /usr/bin/time exists; otherwise they are not shown), and the machine's
 * load while it ran — the box is shared, and a load above its 2 cores stretches every wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessRun {
  readonly ms: number;
  /** Peak resident set of the child in MB, when measurable. */
  readonly peakMb: number | null;
  /** CPU time of the child (user + system) in ms, when measurable: less stretched by the machine's load than wall time. */
  readonly cpuMs: number | null;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs argv to its end and times it; a non-zero exit throws with the tail of its stderr. */
export function timeProcess(argv: readonly string[], cwd: string): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-bench-'));
  const rss = join(dir, 'rss');
  const full = gnuTime === null ? [...argv] : [gnuTime, '-f', '%M %U %S', '-o', rss, ...argv];
  const t0 = performance.now();
  const r = spawnSync(full[0], full.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1700000000' } });
  const ms = performance.now() - t0;
  try {
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-800)}`);
    const [kb, user, sys] = gnuTime === null ? [NaN, NaN, NaN] : (readFileSync(rss, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    const cpu = (user + sys) * 1000;
    return { ms, peakMb: Number.isFinite(kb) ? kb / 1024 : null, cpuMs: Number.isFinite(cpu) ? cpu : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 1-minute load average, as `uptime` prints it. */
export function load(): string {
  return loadavg()[0].toFixed(1);
}
