import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../../src/rollout/init.ts';
import { openStore } from '../../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../../src/rollout/spec/load.ts';
import { ingestFiles } from '../../../src/rollout/ingest/ingest.ts';
import { rolloutStatus } from '../../../src/rollout/status/status.ts';
import { RolloutInputError } from '../../../src/rollout/errors.ts';
import { decodeWindows1252 } from '../../../src/data/load/cp1252.ts';
import { encodeWindows1252 } from '../../../src/data/write/csv.ts';

const repoRoot = join(import.meta.dirname, '../../..');
const S = join(repoRoot, 'data-samples/rollout');

describe('rollout status: a change too large for the exact sums', () => {
  it('is refused with a named error and a fix, not a DuckDB conversion error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-status-overflow-'));
    try {
      // One export whose first follow-up row claims 5,000,000 psychiatric contacts (the sample spec sets no maximum for the count).
      const lines = decodeWindows1252(readFileSync(join(S, 'exports/aabenraa-2024H1.csv'))).split('\r\n');
      const h = lines[0].split(';');
      const at = lines.findIndex((l, i) => i > 0 && l.split(';')[h.indexOf('besøg')] !== 'baseline' && l !== '');
      const row = lines[at].split(';');
      row[h.indexOf('psyk_kontakter')] = '5000000';
      lines[at] = row.join(';');
      const file = join(dir, 'aabenraa-2024H1.csv');
      writeFileSync(file, encodeWindows1252(lines.join('\r\n')));
      const store = join(dir, 'store.duckdb');
      await initStore(store, join(S, 'contract.json'));
      const s = await openStore(store);
      try {
        await ingestFiles(s, loadRolloutSpec(join(S, 'rollout.spec.json')), [file]);
        const failure = await rolloutStatus(s).then(() => null, (e: unknown) => e);
        expect(failure).toBeInstanceOf(RolloutInputError);
        const text = (failure as RolloutInputError).userMessage();
        expect(text).toMatch(/beyond ±1e\+6/);
        expect(text).toMatch(/psych_contacts/);
        expect(text).toMatch(/Fix: check the exported values/);
      } finally {
        s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
