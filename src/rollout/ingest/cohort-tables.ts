/**
 * What the store needs to know about the cohort to read its measurements later without the spec:
 * each outcome's name, kind (instrument score or count), direction and whether it is register
 * data, and the visits in order. Written on every ingest (the latest spec wins; a changed spec
 * between files is recorded in the ingest's spec hash).
 */
import type { RolloutSpec } from '../spec/load.ts';
import type { Store } from '../store/store.ts';
import { resolveInstruments } from '../../instruments/resolve.ts';

export async function recordCohort(s: Store, spec: RolloutSpec): Promise<void> {
  // Written once per spec: most ingests use the spec of the one before.
  const seen = await s.all(`SELECT value FROM store_meta WHERE key = 'cohort_spec_sha256'`);
  if (seen.length && seen[0].value === spec.sha256) return;
  await s.run(`INSERT OR REPLACE INTO store_meta VALUES ('cohort_spec_sha256', ?)`, [spec.sha256]);
  const instruments = resolveInstruments(spec.cohort);
  const registers = new Set(spec.registers.map((r) => r.outcome));
  for (const [i, o] of spec.cohort.outcomes.entries()) {
    const ins = o.kind === 'score' ? instruments.find((x) => x.id === o.instrument) : undefined;
    const higher = ins ? ins.definition.higherIsBetter : o.kind !== 'score' && o.direction === 'higher-is-better';
    await s.run(`INSERT OR REPLACE INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?)`, [o.id, o.name.da, o.name.en, o.kind === 'score' ? 'score' : 'count', higher, registers.has(o.id), i]);
  }
  for (const [i, v] of spec.cohort.visits.entries()) await s.run(`INSERT OR REPLACE INTO cohort_visits VALUES (?, ?, ?, ?)`, [v.id, i, v.name.da, v.name.en]);
}
