/**
 * The roll-out at national scale (issue 16): 98 municipalities × 10 years, 30 groups of 8 a year
 * each plus a shared group per pair of neighbours — 239,120 citizens, 478,240 visit rows
 * (≈ 956,000 scored measurements and 478,000 register counts), one export per municipality and
 * year (980 CSV files, Danish Excel dialect). Targets: ingest all ≤ 20 s, status ≤ 2 s, settle
 * one period ≤ 5 s, store ≤ 200 MB (printed on stderr after the ingest).
 *
 * Every step is timed as a user meets it: a whole `effekt` process (bin/effekt.js on a freshly
 * built dist/, start-up and exit included), under GNU time when it exists — its wall, CPU (user +
 * system, every thread) and peak memory are printed on stderr, because on the shared machine the
 * CPU time is the fairer figure; the table shows the child's figures, not the bench process's.
 * The exports are generated once (untimed; ≈ 1 minute) into the system's temp folder and reused by
 * later runs. Each timed ingest starts from an empty store (made by `initStore` in this process,
 * before the timing); status and settle run on the store the first ingest left.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';
import { simulateRollout } from '../../src/rollout/simulate/write-rollout.ts';
import { scaleOptions } from '../../src/rollout/simulate/options.ts';
import { initStore } from '../../src/rollout/init.ts';
import { openStore } from '../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestFiles } from '../../src/rollout/ingest/ingest.ts';
import { spawnSync } from 'node:child_process';
import { load, timeProcess, type ProcessRun } from '../process.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const DATA = join(tmpdir(), 'effekt-bench-rollout-98x10x30-v2');
// Store schema 2 (lean visit rows); a store left by an older bench run is not reused.
const STORE = join(DATA, 'bench-store-v2.duckdb');

async function ensureData(): Promise<string[]> {
  const marker = join(DATA, 'complete.json');
  if (!existsSync(marker)) {
    rmSync(DATA, { recursive: true, force: true });
    mkdirSync(join(DATA, 'exports'), { recursive: true });
    const sim = await simulateRollout(scaleOptions(98, 10, 30), {
      trialResults: readFileSync(join(root, 'data-samples/rollout/trial-results.json')),
      businessCase: readFileSync(join(root, 'data-samples/rollout/business-case.json')),
    });
    for (const f of sim.files) writeFileSync(join(DATA, f.name), f.content);
    writeFileSync(marker, JSON.stringify({ citizens: sim.citizens.length, files: sim.deliveries.map((d) => d.name) }));
    process.stderr.write(`rollout bench data: ${sim.citizens.length} citizens in ${sim.deliveries.length} files at ${DATA}\n`);
  }
  return (JSON.parse(readFileSync(marker, 'utf8')) as { files: string[] }).files.map((f) => join(DATA, 'exports', f));
}

async function ingestAll(store: string, files: readonly string[]): Promise<void> {
  rmSync(store, { force: true });
  rmSync(`${store}.wal`, { force: true });
  await initStore(store, join(DATA, 'contract.json'));
  const spec = loadRolloutSpec(join(DATA, 'rollout.spec.json'));
  const s = await openStore(store);
  try {
    await ingestFiles(s, spec, files);
  } finally {
    s.close();
  }
}

let built = false;
/** Builds dist/ once, untimed (each case's setup): a stale dist/ would silently run the sources through tsx. */
function ensureBuilt(): void {
  if (built) return;
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  built = true;
}

/** `effekt …` as a child process on the compiled dist/, timed as a user meets it (wall, CPU of every thread, peak memory). */
function effekt(what: string, args: readonly string[]): ProcessRun {
  if (!built) throw new Error('bench: dist/ not built in setup');
  const run = timeProcess([process.execPath, join(root, 'bin/effekt.js'), ...args], root);
  const cpu = run.cpuMs === null ? '' : `, ${(run.cpuMs / 1000).toFixed(1)} s CPU`;
  const peak = run.peakMb === null ? '' : `, ${run.peakMb.toFixed(0)} MB peak`;
  process.stderr.write(`rollout bench: ${what}: ${(run.ms / 1000).toFixed(2)} s wall${cpu}${peak} (load ${load()})\n`);
  return run;
}

async function ensureStore(): Promise<void> {
  if (!existsSync(STORE)) await ingestAll(STORE, await ensureData());
}

let ingestRuns = 0;
let settleStore = '';
let settleNext = 0;

export const cases: BenchCase[] = [
  {
    name: 'rollout: ingest 98 municipalities × 10 years (239,120 citizens, 980 files, each all or nothing; up to 32 per transaction)',
    setup: () => {
      ensureBuilt();
      return ensureData();
    },
    run: async (p) => {
      const files = await (p as Promise<string[]>);
      // Named by process: the data folder is shared, and a bench run of someone else on the machine must not remove this store mid-run.
      const store = join(DATA, `ingest-${process.pid}-${ingestRuns++}.duckdb`);
      rmSync(store, { force: true });
      rmSync(`${store}.wal`, { force: true });
      await initStore(store, join(DATA, 'contract.json'));
      const timed = effekt('ingest 980 files', ['rollout', 'ingest', ...files, '--spec', join(DATA, 'rollout.spec.json'), '--store', store]);
      const mb = statSync(store).size / 1e6;
      process.stderr.write(`rollout bench: store ${mb.toFixed(1)} MB after ingest\n`);
      if (!existsSync(STORE)) copyFileSync(store, STORE);
      rmSync(store, { force: true });
      return timed;
    },
    runTimesChild: true,
    repeat: 1,
    // One process over 980 files is its own warm-up.
    noWarmup: true,
    targetMs: 20_000,
  },
  {
    name: 'rollout: status (98 municipalities × 10 periods + totals, changes, shares, funnel limits)',
    setup: () => {
      ensureBuilt();
      return ensureStore();
    },
    run: async (p) => {
      await p;
      return effekt('status --json', ['rollout', 'status', '--store', STORE, '--json']);
    },
    runTimesChild: true,
    repeat: 3,
    targetMs: 2000,
  },
  {
    name: 'rollout: settle one period (23,912 citizens, 98 municipalities × 3 metrics) + notes (HTML, CSV, XLSX; no PDF)',
    setup: async () => {
      ensureBuilt();
      await ensureStore();
      settleStore = join(DATA, `settle-work-${process.pid}.duckdb`);
      copyFileSync(STORE, settleStore);
      settleNext = 0;
      // Per-process copies (the data folder is shared by everyone's bench runs) go when this run ends.
      const work = settleStore;
      process.once('exit', () => {
        for (const f of [work, `${work}.wal`, join(DATA, `notes-${process.pid}`)]) rmSync(f, { recursive: true, force: true });
      });
    },
    run: async (p) => {
      await p;
      const year = 2024 + settleNext++;
      const out = join(DATA, `notes-${process.pid}`);
      rmSync(out, { recursive: true, force: true });
      return effekt(`settle ${year} + notes`, ['rollout', 'settle', '--store', settleStore, '--period', String(year), '--date', `${year + 1}-03-01`, '--out', out, '--no-pdf']);
    },
    runTimesChild: true,
    repeat: 3,
    targetMs: 5000,
  },
];
