/**
 * The committed synthetic roll-out (data-samples/rollout) in a fresh store: the regular
 * deliveries, then the late and the corrected ones, as the README's demo does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initStore } from '../../src/rollout/init.ts';
import { openStore, type Store } from '../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestFile } from '../../src/rollout/ingest/ingest.ts';

export const sampleDir = (root: string) => join(root, 'data-samples/rollout');

export async function buildSampleStore(root: string, store: string, kinds: readonly string[] = ['regular', 'late', 'corrected']): Promise<void> {
  const dir = sampleDir(root);
  await initStore(store, join(dir, 'contract.json'));
  const spec = loadRolloutSpec(join(dir, 'rollout.spec.json'));
  const deliveries = (JSON.parse(readFileSync(join(dir, 'deliveries.json'), 'utf8')) as { deliveries: { name: string; kind: string }[] }).deliveries;
  const s: Store = await openStore(store);
  try {
    for (const kind of kinds) for (const d of deliveries.filter((x) => x.kind === kind)) await ingestFile(s, spec, join(dir, 'exports', d.name), { now: new Date(Date.UTC(2027, 0, 1)) });
  } finally {
    s.close();
  }
}
