/**
 * Writes test/reference/rollout-cohort.csv: the synthetic roll-out's cohort as the store holds
 * it after every delivery (one row per citizen who started: municipality, the period of the
 * group's end, start and end value of each outcome, and for each payment metric whether it was
 * achieved) — the data test/reference/rollout.R computes the status statistics from.
 * Run from the repo root: npx tsx test/reference/rollout-cohort.ts && Rscript test/reference/rollout.R
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/rollout/store/store.ts';
import { loadStoredContract } from '../../src/rollout/store/contract-tables.ts';
import { cohortView, storedOutcomes } from '../../src/rollout/metrics/citizen-values.ts';
import { buildSampleStore } from '../rollout/sample-store.ts';

export async function rolloutCohortCsv(root: string): Promise<string> {
  const store = join(mkdtempSync(join(tmpdir(), 'effekt-rollout-ref-')), 'store.duckdb');
  await buildSampleStore(root, store);
  const s = await openStore(store);
  try {
    const { contract } = await loadStoredContract(s);
    const outcomes = await storedOutcomes(s);
    const view = cohortView(contract.metrics, outcomes, { baseline: contract.source.visits.baseline, followUp: contract.source.visits.followUp });
    const cols = [...outcomes.flatMap((o, i) => [[`b${i}`, `${o.id}_start`], [`f${i}`, `${o.id}_end`]]), ...contract.metrics.map((m, k) => [`r${k}`, `${m.id}_achieved`])];
    const rows = await s.all(`WITH x AS (${view.sql}) SELECT municipality, period, ${cols.map(([c]) => c).join(', ')} FROM x WHERE has_baseline_row ORDER BY municipality, period, pid`);
    const lines = [['municipality', 'period', ...cols.map(([, n]) => n)].join(',')];
    for (const r of rows) {
      lines.push([r.municipality, r.period, ...cols.map(([c]) => (c.startsWith('r') ? (r[c] === 'achieved' ? 1 : 0) : r[c] === null ? 'NA' : String(r[c])))].join(','));
    }
    return `${lines.join('\n')}\n`;
  } finally {
    s.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith('rollout-cohort.ts')) {
  writeFileSync('test/reference/rollout-cohort.csv', await rolloutCohortCsv(process.cwd()));
  process.stdout.write('wrote test/reference/rollout-cohort.csv\n');
}
