/**
 * The roll-out at national scale (issue 16): 98 municipalities × 10 years, 30 groups of 8 a year
 * each plus a shared group per pair of neighbours — 239,120 citizens, 478,240 visit rows
 * (≈ 956,000 scored measurements and 478,000 register counts), one export per municipality and
 * year (980 CSV files, Danish Excel dialect). Targets: ingest all ≤ 20 s, status ≤ 2 s, settle
 * one period ≤ 5 s, store ≤ 200 MB (printed on stderr after the ingest).
 *
 * The exports are generated once (untimed; ≈ 1–2 minutes) into the system's temp folder and
 * reused by later runs. Each timed ingest starts from an empty store; status and settle run on
 * the store the first ingest left.
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
import { ingestFile } from '../../src/rollout/ingest/ingest.ts';
import { rolloutStatus } from '../../src/rollout/status/status.ts';
import { settle } from '../../src/rollout/settle/settle.ts';
import { writeSettlementNotes } from '../../src/report/rollout/write-settlement.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const DATA = join(tmpdir(), 'effekt-bench-rollout-98x10x30-v2');
const STORE = join(DATA, 'bench-store.duckdb');

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
    for (const f of files) await ingestFile(s, spec, f);
  } finally {
    s.close();
  }
}

async function ensureStore(): Promise<void> {
  if (!existsSync(STORE)) await ingestAll(STORE, await ensureData());
}

let ingestRuns = 0;
let settleStore = '';
let settleNext = 0;

export const cases: BenchCase[] = [
  {
    name: 'rollout: ingest 98 municipalities × 10 years (239,120 citizens, 980 files, one transaction each)',
    setup: () => ensureData(),
    run: async (p) => {
      const files = await (p as Promise<string[]>);
      const store = join(DATA, `ingest-${ingestRuns++}.duckdb`);
      await ingestAll(store, files);
      const mb = statSync(store).size / 1e6;
      process.stderr.write(`rollout bench: store ${mb.toFixed(1)} MB after ingest\n`);
      if (!existsSync(STORE)) copyFileSync(store, STORE);
      rmSync(store, { force: true });
    },
    repeat: 1,
    targetMs: 20_000,
  },
  {
    name: 'rollout: status (98 municipalities × 10 periods + totals, changes, shares, funnel limits)',
    setup: () => ensureStore(),
    run: async (p) => {
      await p;
      const s = await openStore(STORE);
      try {
        await rolloutStatus(s);
      } finally {
        s.close();
      }
    },
    repeat: 3,
    targetMs: 2000,
  },
  {
    name: 'rollout: settle one period (23,912 citizens, 98 municipalities × 3 metrics) + notes (HTML, CSV, XLSX; no PDF)',
    setup: async () => {
      await ensureStore();
      settleStore = join(DATA, 'settle-work.duckdb');
      copyFileSync(STORE, settleStore);
      settleNext = 0;
    },
    run: async (p) => {
      await p;
      const s = await openStore(settleStore);
      let result;
      try {
        const year = 2024 + settleNext++;
        result = (await settle(s, { period: String(year), date: `${year + 1}-03-01` })).result;
      } finally {
        s.close();
      }
      const out = join(DATA, 'notes');
      rmSync(out, { recursive: true, force: true });
      await writeSettlementNotes(out, result, { pdf: false });
    },
    repeat: 3,
    targetMs: 5000,
  },
];
