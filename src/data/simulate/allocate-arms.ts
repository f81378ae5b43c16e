/**
 * Allocation to k arms by permuted blocks stratified by site, for trials with more than two arms
 * (the two-arm twin keeps allocate.ts, whose draws its committed files depend on). A block of
 * size m·k holds each arm m times in random order; block sizes are drawn from the list. Each
 * site's list is consumed in order of inclusion, so its last block may be incomplete. When exact
 * arm totals are required, whole allocation lists are redrawn from numbered sub-streams until
 * they match — a deterministic rejection step that keeps each list a genuine permuted-block list.
 */
import type { Rng } from '../../stats/random/rng.ts';
import { permutation } from '../../stats/random/rng.ts';

export interface ArmAllocation {
  /** Arm index (0…k−1) per participant, in site order. */
  readonly arm: Uint8Array;
  readonly attempts: number;
}

function siteList(rng: Rng, n: number, k: number, blockSizes: readonly number[]): Uint8Array {
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const size = blockSizes[rng.int(blockSizes.length)];
    const order = permutation(rng, size);
    for (let j = 0; j < size && i < n; j++, i++) out[i] = order[j] % k;
  }
  return out;
}

export function allocateArms(rng: Rng, siteSizes: readonly number[], k: number, blockSizes: readonly number[], armTotals: readonly number[] | null): ArmAllocation {
  if (k < 2 || k > 255) throw new RangeError(`k must be 2…255 arms, got ${k}`);
  const bad = blockSizes.find((b) => !Number.isInteger(b) || b < k || b % k !== 0);
  if (bad !== undefined) throw new RangeError(`block size ${bad} is not a positive multiple of the ${k} arms`);
  if (armTotals !== null && armTotals.length !== k) throw new RangeError(`${armTotals.length} arm totals for ${k} arms`);
  for (let attempt = 1; attempt <= 10_000; attempt++) {
    const r = rng.fork(`allocation-${attempt}`);
    const arm = new Uint8Array(siteSizes.reduce((a, b) => a + b, 0));
    let at = 0;
    for (const n of siteSizes) {
      arm.set(siteList(r, n, k, blockSizes), at);
      at += n;
    }
    if (armTotals === null) return { arm, attempts: attempt };
    const totals = new Array<number>(k).fill(0);
    for (const a of arm) totals[a]++;
    if (totals.every((t, i) => t === armTotals[i])) return { arm, attempts: attempt };
  }
  throw new RangeError(`no permuted-block allocation reached the arm totals ${armTotals!.join('/')} in 10,000 attempts`);
}
