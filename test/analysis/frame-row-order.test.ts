import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as aq from 'arquero';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import { repoRoot } from '../helpers/fixtures.ts';

// The frame numbers participants by sorted id whatever the row order: a file sorted by id takes
// the run-numbering path, any other order the sort-and-map path; both must give the same frame.
const trial = await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json'), { keepItems: false });

function reordered(order: (n: number) => number[]) {
  const rows = trial.table.objects();
  const table = aq.from(order(rows.length).map((r) => rows[r]));
  return buildFrame({ ...trial, table });
}

describe('frame: row order', () => {
  const sorted = buildFrame(trial);
  it.each([
    ['reversed', (n: number) => Array.from({ length: n }, (_, r) => n - 1 - r)],
    ['visit-major', (n: number) => [0, 1, 2].flatMap((k) => Array.from({ length: n / 3 }, (_, i) => 3 * i + k))],
  ])('%s rows give the same participants, values and covariates', (_name, order) => {
    expect(trial.table.numRows() % 3).toBe(0);
    const other = reordered(order);
    expect(other.ids).toEqual(sorted.ids);
    expect(Array.from(other.arm)).toEqual(Array.from(sorted.arm));
    for (const [k, o] of sorted.outcomes.entries()) o.values.forEach((v, j) => expect(Array.from(other.outcomes[k].values[j]), `${o.id} visit ${j}`).toEqual(Array.from(v)));
    for (const [k, c] of sorted.covariates.entries()) expect(Array.from(other.covariates[k].values)).toEqual(Array.from(c.values));
    expect(other.strata.map((s) => Array.from(s.values))).toEqual(sorted.strata.map((s) => Array.from(s.values)));
  });
});
