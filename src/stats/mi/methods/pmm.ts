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
  const draw = normDraw(input.xObs, yObs, rng, input.gram);
  // Xβ̂ as the draw computed it: the same sums as linearPredictor(xObs, coef) but for the sign of
  // an exact zero, which neither the sort nor the matching can tell apart.
  const yhatObs = draw.fitted;
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
  if (n >= RADIX_MIN) return radixOrder(key);
  let a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let lo = 0; lo < n; lo += RUN) insertionSortRange(a, key, lo, Math.min(n, lo + RUN));
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

/** From this many keys on, the radix sort (linear passes) beats the merge sort (n log n random reads). */
export const RADIX_MIN = 1 << 12;

/** Digits of the high word: 11, 11 and 10 bits (2048 buckets keep the scattered writes in cache; 65,536 did not). */
const DIGITS: readonly (readonly [number, number])[] = [[0, 0x7ff], [11, 0x7ff], [22, 0x3ff]];
/** Counts of one digit; shared (sorting is synchronous). */
const counts = new Int32Array(1 << 11);
const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The same order as the merge sort, by a radix sort on the keys' bits: each key becomes an
 * unsigned 64-bit integer (hi, lo) with the order of the numbers (sign bit flipped for positive
 * keys, every bit for negative ones; −0 first made +0 so that it ties with 0). Three stable LSD
 * passes over hi (sign, exponent and 20 mantissa bits), starting from index order, leave each run
 * of equal hi in index order; a stable insertion sort by lo within the run then gives (key, index)
 * order — runs are short unless keys tie exactly, and exact ties do not move. At 10⁵ PMM donors
 * the merge sort's random reads were the largest share of an imputation.
 */
export function radixOrder(key: Float64Array): Int32Array {
  const n = key.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = key[i] + 0; // −0 + 0 = +0
  const u = new Uint32Array(f.buffer);
  const hiAt = littleEndian ? 1 : 0;
  let hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = u[2 * i + hiAt];
    const l = u[2 * i + 1 - hiAt];
    const negative = h >>> 31 === 1;
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = negative ? ~l >>> 0 : l;
    idx[i] = i;
  }
  let hi2 = new Uint32Array(n);
  let idx2 = new Int32Array(n);
  for (let pass = 0; pass < 3; pass++) {
    const [shift, mask] = DIGITS[pass];
    counts.fill(0);
    for (let r = 0; r < n; r++) counts[(hi[r] >>> shift) & mask]++;
    // A digit all keys share moves nothing.
    if (counts[(hi[0] >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let r = 0; r < n; r++) {
      const o = counts[(hi[r] >>> shift) & mask]++;
      hi2[o] = hi[r];
      idx2[o] = idx[r];
    }
    const th = hi;
    hi = hi2;
    hi2 = th;
    const ti = idx;
    idx = idx2;
    idx2 = ti;
  }
  // Runs of equal hi: insertion sort by lo (lo read through the original index), stable.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    const h = hi[start];
    const l0 = lo[idx[start]];
    let same = true;
    while (end < n && hi[end] === h) {
      if (lo[idx[end]] !== l0) same = false;
      end++;
    }
    // Exact ties (the usual long run: predicted means from discrete predictors) are already in index order.
    if (same) {
      start = end;
      continue;
    }
    if (end - start > 32) {
      // A long run (keys equal in their first 20 mantissa bits, e.g. sums that differ in the last
      // bit): a comparator sort, as insertion could take quadratic time.
      idx.subarray(start, end).sort((a, b) => lo[a] - lo[b] || a - b);
      start = end;
      continue;
    }
    insertionSortRange(idx, lo, start, end);
    start = end;
  }
  return idx;
}

/**
 * Sorts idx[from…to) by key[idx[i]], stably: an element moves left only past strictly larger keys
 * (so equal keys keep their index order). Insertion sort: for short runs only.
 */
function insertionSortRange(idx: Int32Array, key: Float64Array | Uint32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = idx[i];
    const kv = key[v];
    let j = i - 1;
    while (j >= from && key[idx[j]] > kv) {
      idx[j + 1] = idx[j];
      j--;
    }
    idx[j + 1] = v;
  }
}
