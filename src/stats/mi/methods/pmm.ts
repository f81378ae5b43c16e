/**
 * Predictive mean matching (Little 1988; mice.impute.pmm with type-1 matching, van Buuren,
 * FIMD 2nd ed., Algorithm 3.3): predicted means of the observed rows use β̂, those of the rows
 * to impute use a posterior draw β*; each missing value is replaced by the observed value of one
 * donor drawn at random from the `donors` observed rows whose predicted means are closest.
 * Imputations are therefore always values that were observed.
 */
import type { Rng } from '../../random/rng.ts';
import { linearPredictor, normDraw } from './norm-draw.ts';
import type { MethodInput } from './norm.ts';

export function imputePmm(input: MethodInput): Float64Array {
  const { rng, yObs } = input;
  const draw = normDraw(input.xObs, yObs, rng);
  const yhatObs = linearPredictor(input.xObs, draw.coef);
  const yhatMis = linearPredictor(input.xMis, draw.beta);
  return matchDonors(yhatObs, yhatMis, yObs, input.donors, rng);
}

/**
 * For each target, the k observed rows with the nearest predicted means (found by expanding
 * from the target's position in the sorted predictions), one chosen uniformly. Rows with equal
 * predicted means are exchangeable: when the chosen position falls in a block of ties, the donor
 * is drawn uniformly from the whole block — the same distribution as mice's shuffling of the
 * observed rows before its partial sort, without a shuffle per call.
 */
export function matchDonors(yhatObs: Float64Array, yhatMis: Float64Array, yObs: Float64Array, donors: number, rng: Rng): Float64Array {
  const nObs = yhatObs.length;
  const k = Math.min(donors, nObs);
  const order = sortedOrder(yhatObs);
  const sorted = new Float64Array(nObs);
  for (let r = 0; r < nObs; r++) sorted[r] = yhatObs[order[r]];
  const out = new Float64Array(yhatMis.length);
  for (let t = 0; t < yhatMis.length; t++) {
    const target = yhatMis[t];
    // First position with sorted[pos] ≥ target.
    let lo = 0;
    let hi = nObs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    let left = lo - 1;
    let right = lo;
    const pick = rng.int(k);
    let chosen = -1;
    for (let c = 0; c <= pick; c++) {
      const takeLeft = right >= nObs || (left >= 0 && target - sorted[left] <= sorted[right] - target);
      chosen = takeLeft ? left-- : right++;
    }
    let first = chosen;
    let last = chosen;
    const v = sorted[chosen];
    while (first > 0 && sorted[first - 1] === v) first--;
    while (last < nObs - 1 && sorted[last + 1] === v) last++;
    if (last > first) chosen = first + rng.int(last - first + 1);
    out[t] = yObs[order[chosen]];
  }
  return out;
}

/** Rows of one insertion-sorted run before merging. */
const RUN = 32;

/**
 * Row indices ordered by key, ties by index — the order of `sort((a, b) => key[a] − key[b] || a − b)`,
 * which is unique, by a stable merge sort over typed arrays: the comparator sort called a closure
 * per comparison and was a third of PMM's time at 10³ participants. Keys must not be NaN
 * (predicted means are finite); −0 and 0 tie, as they do under the subtraction.
 */
export function sortedOrder(key: Float64Array): Int32Array {
  const n = key.length;
  let a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  // Insertion sort of each run: an element moves left only past strictly larger keys (stable).
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i];
      const kv = key[v];
      let j = i - 1;
      while (j >= lo && key[a[j]] > kv) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
  let b = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let o = lo;
      // The left run wins ties (its indices come first): stable.
      while (i < mid && j < hi) b[o++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
      while (i < mid) b[o++] = a[i++];
      while (j < hi) b[o++] = a[j++];
    }
    const t = a;
    a = b;
    b = t;
  }
  return a;
}
