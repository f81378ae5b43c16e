import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const csv = join(repoRoot, 'data-samples', 'peer-trial.csv');
const spec = join(repoRoot, 'data-samples', 'peer-trial.spec.json');

describe('loadTrial keepItems', () => {
  it('false drops the instrument item columns after scoring; the table, scores and summary are unchanged', async () => {
    const kept = await loadTrial(csv, spec);
    const dropped = await loadTrial(csv, spec, { keepItems: false });
    const items = new Set(kept.instruments.flatMap((i) => i.itemColumns));
    expect(items.size).toBeGreaterThan(50);
    for (const c of items) {
      expect(kept.data.columns[c], c).toBeDefined();
      expect(dropped.data.columns[c], c).toBeUndefined();
    }
    const others = Object.keys(kept.data.columns).filter((c) => !items.has(c));
    expect(Object.keys(dropped.data.columns).sort()).toEqual(others.sort());
    for (const c of others) expect(dropped.data.columns[c]).toEqual(kept.data.columns[c]);
    expect(dropped.data.n).toBe(kept.data.n);
    expect(dropped.table.objects()).toEqual(kept.table.objects());
    expect(dropped.summary).toEqual(kept.summary);
    expect(dropped.scoring).toEqual(kept.scoring);
  });
});
