/**
 * `npm run bench`: times every case in bench/cases/*.ts (median of several runs) and, when
 * Rscript is on the PATH, the same computation in R, printing the R/effekt ratio.
 * Speed is measured here, never in timed tests. `npm run bench -- <filter>` runs matching cases.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from './bench-case.ts';

const here = dirname(fileURLToPath(import.meta.url));
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
const rows: string[][] = [['case', 'effekt median ms', 'target ms', 'R median ms', 'R / effekt']];
for (const c of cases) {
  const prepared = c.setup?.();
  const repeat = c.repeat ?? 5;
  await c.run(prepared); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await c.run(prepared);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  const rMs = withR && c.r ? timeR(c.r, Math.min(repeat, 3), c.rInner ?? 1) : null;
  rows.push([c.name, ms.toFixed(1), c.targetMs === undefined ? '' : String(c.targetMs), rMs === null ? (c.r ? 'no Rscript' : '') : rMs.toFixed(1), rMs === null ? '' : `${(rMs / ms).toFixed(1)}×`]);
  process.stderr.write(`done: ${c.name}\n`);
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
for (const r of rows) process.stdout.write(`${r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')}\n`);
