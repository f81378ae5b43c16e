/**
 * 1:1 allocation by permuted blocks (random block sizes) stratified by site, as a real
 * allocation list would be: each site's list is consumed in order of inclusion, so its last
 * block may be incomplete. When exact arm totals are required (the twin reproduces the trial's
 * 145/151), whole allocation lists are redrawn from numbered sub-streams until they match — a
 * deterministic rejection step that keeps each list a genuine permuted-block list.
 */
import type { Rng } from '../../stats/random/rng.ts';
import { permutation } from '../../stats/random/rng.ts';

export interface Allocation {
  /** 1 = intervention, 0 = control, per participant in site order. */
  readonly arm: Uint8Array;
  readonly attempts: number;
}

function siteList(rng: Rng, n: number, blockSizes: readonly number[]): Uint8Array {
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const size = blockSizes[rng.int(blockSizes.length)];
    const order = permutation(rng, size);
    for (let j = 0; j < size && i < n; j++, i++) out[i] = order[j] < size / 2 ? 1 : 0;
  }
  return out;
}

export function allocate(rng: Rng, siteSizes: readonly number[], blockSizes: readonly number[], interventionTotal: number | null): Allocation {
  for (let attempt = 1; attempt <= 10_000; attempt++) {
    const r = rng.fork(`allocation-${attempt}`);
    const lists = siteSizes.map((n) => siteList(r, n, blockSizes));
    const arm = new Uint8Array(siteSizes.reduce((a, b) => a + b, 0));
    let k = 0;
    for (const l of lists) {
      arm.set(l, k);
      k += l.length;
    }
    const total = arm.reduce((a, b) => a + b, 0);
    if (interventionTotal === null || total === interventionTotal) return { arm, attempts: attempt };
  }
  throw new RangeError(`no permuted-block allocation reached ${interventionTotal} intervention participants in 10,000 attempts`);
}
