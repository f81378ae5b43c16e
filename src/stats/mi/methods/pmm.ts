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
  const w = workspace(nObs);
  // What a target reads, laid out by sorted position so that one cache line serves it (the
  // matching's time is memory latency: a target lands anywhere in 10⁵ rows):
  //   pair[2r] = the r-th smallest predicted mean, pair[2r + 1] = that row's observed value.
  // Where each target would go among the sorted means is the first position with mean ≥ target
  // (nObs when none) — unique, so any exact search finds the same. A binary search over 10⁵
  // means is 17 dependent reads, most of them cache misses; instead the means are cut into nObs
  // equal-width buckets by value and a target is searched only within its bucket (≈ 1–4 means).
  // bucket(x) = ⌊(x − min)·scale⌋ is non-decreasing in x (a difference and a product by a
  // positive constant round monotonically), so every mean of an earlier bucket is < target and
  // every mean of a later one is > target: the position lies in [bstart[b], bstart[b + 1]].
  const { pair } = w;
  const bstart = w.bucketStart;
  let min = 0;
  let max = 0;
  for (let i = 0; i < nObs; i++) {
    const v = yhatObs[i];
    if (i === 0 || v < min) min = v;
    if (i === 0 || v > max) max = v;
  }
  const nb = nObs;
  const scale = nb / (max - min);
  const bucketed = nObs > 1 && Number.isFinite(scale) && scale > 0;
  // The means spread over their range (the usual case): the buckets sort them too (see
  // bucketSortInto). Else — long runs of ties, a far outlier — the radix (or merge) sort.
  if (!(bucketed && bucketSortInto(yhatObs, yObs, min, scale, w))) {
    // The order lives in this thread's workspace: nothing below sorts again before it is read.
    const order = nObs >= RADIX_MIN ? radixOrderInto(yhatObs, w) : sortedOrder(yhatObs);
    for (let r = 0; r < nObs; r++) {
      const i = order[r];
      pair[2 * r] = yhatObs[i];
      pair[2 * r + 1] = yObs[i];
    }
    if (bucketed) {
      let b = 0;
      for (let r = 0; r < nObs; r++) {
        const kb = Math.min(nb - 1, Math.floor((pair[2 * r] - min) * scale));
        while (b <= kb) bstart[b++] = r;
      }
      while (b <= nb) bstart[b++] = nObs;
    }
  }
  const out = new Float64Array(yhatMis.length);
  for (let t = 0; t < yhatMis.length; t++) {
    const target = yhatMis[t];
    // Not above min (or NaN): position 0; above max: nObs; else a binary search in the bucket.
    let lo = 0;
    let hi = nObs;
    if (bucketed) {
      if (target > max) lo = nObs;
      else if (target > min) {
        const b = Math.min(nb - 1, Math.floor((target - min) * scale));
        lo = bstart[b];
        hi = bstart[b + 1];
      } else hi = 0;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pair[2 * mid] < target) lo = mid + 1;
      else hi = mid;
    }
    let left = lo - 1;
    let right = lo;
    const pick = rng.int(k);
    let chosen = -1;
    for (let c = 0; c <= pick; c++) {
      const takeLeft = right >= nObs || (left >= 0 && target - pair[2 * left] <= pair[2 * right] - target);
      chosen = takeLeft ? left-- : right++;
    }
    // A block of ties has a neighbour equal to the chosen mean (in the cache line just read);
    // only then is the block's extent looked up (see blockEdge).
    const v = pair[2 * chosen];
    if ((chosen > 0 && pair[2 * chosen - 2] === v) || (chosen + 1 < nObs && pair[2 * chosen + 2] === v)) {
      const first = blockEdge(pair, chosen, v, -1, nObs);
      chosen = first + rng.int(blockEdge(pair, chosen, v, 1, nObs) - first + 1);
    }
    out[t] = pair[2 * chosen + 1];
  }
  return out;
}

/**
 * The first (dir = −1) or last (dir = 1) position of the block of means equal to v around
 * position `at` (whose mean is v): exactly the positions with mean === v, as the means are sorted
 * (−0 and 0 compare equal). Found by galloping from `at` — steps of 1, 2, 4, … while the mean is
 * still v, then a binary search of the last step — so the usual block of a few ties costs a
 * read or two in the cache lines just read, and a block of thousands ≈ 2 log₂ of its length:
 * no per-position table of blocks (two passes and 2n integers per draw) is needed.
 */
function blockEdge(pair: Float64Array, at: number, v: number, dir: -1 | 1, n: number): number {
  let inside = at; // a position known to hold v
  let step = 1;
  let outside = at + dir; // a position beyond which v may end
  while (outside >= 0 && outside < n && pair[2 * outside] === v) {
    inside = outside;
    step *= 2;
    outside = inside + dir * step;
  }
  // The edge lies between inside (holds v) and outside (beyond the array or not v): bisect.
  let a = inside;
  let b = outside < 0 ? -1 : outside >= n ? n : outside;
  while (Math.abs(b - a) > 1) {
    const mid = (a + b) >> 1;
    if (pair[2 * mid] === v) a = mid;
    else b = mid;
  }
  return a;
}

/** Element moves per key bucketSortInto allows its insertion sorts (beyond, the radix sort is used). */
const MOVES_PER_KEY = 4;

/**
 * pair (see matchDonors) and bstart by a bucket sort on the means' values: count the rows per
 * bucket, lay them out by bucket in row order (stable), and sort each bucket by insertion — an
 * element moves left only past strictly larger means, so equal means (−0 and 0 among them) keep
 * row order: the order of the radix sort, (mean, row), which is unique. One pass of scattered
 * writes instead of the radix sort's two, and the buckets' starts are the counts' prefix sums.
 * Ties are already in row order and do not move, so a large bucket of equal means costs one
 * comparison per row; distinct means crowded into a few buckets (a far outlier stretching the
 * range) would take quadratic time: after MOVES_PER_KEY·n moves it gives up and returns false,
 * having written nothing the caller keeps.
 */
function bucketSortInto(yhatObs: Float64Array, yObs: Float64Array, min: number, scale: number, w: Workspace): boolean {
  const n = yhatObs.length;
  const nb = n;
  const { pair, bucketStart: bstart, cursor } = w;
  const bucketOf = w.idx2;
  bstart.fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(nb - 1, Math.floor((yhatObs[i] - min) * scale));
    bucketOf[i] = b;
    bstart[b + 1]++;
  }
  for (let b = 0; b < nb; b++) bstart[b + 1] += bstart[b];
  cursor.set(bstart.subarray(0, nb));
  // Each row's mean and observed value travel together: no gather by the order afterwards.
  for (let i = 0; i < n; i++) {
    const p = cursor[bucketOf[i]]++;
    pair[2 * p] = yhatObs[i];
    pair[2 * p + 1] = yObs[i];
  }
  let budget = MOVES_PER_KEY * n;
  for (let b = 0; b < nb; b++) {
    const from = bstart[b];
    const to = bstart[b + 1];
    for (let q = from + 1; q < to; q++) {
      const v = pair[2 * q];
      const yv = pair[2 * q + 1];
      let j = q - 1;
      while (j >= from && pair[2 * j] > v) {
        if (--budget < 0) return false;
        pair[2 * j + 2] = pair[2 * j];
        pair[2 * j + 3] = pair[2 * j + 1];
        j--;
      }
      pair[2 * j + 2] = v;
      pair[2 * j + 3] = yv;
    }
  }
  return true;
}

/**
 * Scratch arrays of matchDonors and its radix sort, kept per thread and grown as needed: a chain
 * calls it maxit × columns times with the same sizes, and fresh zeroed arrays each time were a
 * good part of PMM's garbage. Views over the shared buffers (pair: 2n entries;
 * bucketStart: n + 1; the rest: n).
 */
interface Workspace {
  readonly pair: Float64Array;
  readonly bucketStart: Int32Array;
  readonly cursor: Int32Array;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly idx: Int32Array;
  readonly hi2: Uint32Array;
  readonly idx2: Int32Array;
}

let pool: Workspace | null = null;
let poolSize = 0;

function workspace(n: number): Workspace {
  if (!pool || poolSize < n) {
    const c = Math.max(n, pool ? Math.ceil(poolSize * 1.25) : 0);
    pool = { pair: new Float64Array(2 * c), bucketStart: new Int32Array(c + 1), cursor: new Int32Array(c), hi: new Uint32Array(c), lo: new Uint32Array(c), idx: new Int32Array(c), hi2: new Uint32Array(c), idx2: new Int32Array(c) };
    poolSize = c;
  }
  if (poolSize === n) return pool;
  const p = pool;
  return { pair: p.pair.subarray(0, 2 * n), bucketStart: p.bucketStart.subarray(0, n + 1), cursor: p.cursor.subarray(0, n), hi: p.hi.subarray(0, n), lo: p.lo.subarray(0, n), idx: p.idx.subarray(0, n), hi2: p.hi2.subarray(0, n), idx2: p.idx2.subarray(0, n) };
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
/** Counts of the three digits (2048 slots each); shared (sorting is synchronous). */
const counts = new Int32Array(3 << 11);
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
  return radixOrderInto(key, { hi: new Uint32Array(n), lo: new Uint32Array(n), idx: new Int32Array(n), hi2: new Uint32Array(n), idx2: new Int32Array(n) });
}

/** radixOrder in the given arrays (each of the keys' length); returns one of w.idx and w.idx2. */
function radixOrderInto(key: Float64Array, w: Pick<Workspace, 'hi' | 'lo' | 'idx' | 'hi2' | 'idx2'>): Int32Array {
  const n = key.length;
  // The keys' bits read in place (a Float64Array's offset is a multiple of 8).
  const u = new Uint32Array(key.buffer, key.byteOffset, 2 * n);
  const hiAt = littleEndian ? 1 : 0;
  let hi = w.hi;
  const lo = w.lo;
  let idx = w.idx;
  // The three digits' counts are made in the same pass (LSD passes only permute the keys).
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    let h = u[2 * i + hiAt];
    const l = u[2 * i + 1 - hiAt];
    if (h === 0x80000000 && l === 0) h = 0; // −0 ties with +0
    const negative = h >>> 31 === 1;
    const x = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    hi[i] = x;
    lo[i] = negative ? ~l >>> 0 : l;
    idx[i] = i;
    counts[x & 0x7ff]++;
    counts[2048 + ((x >>> 11) & 0x7ff)]++;
    counts[4096 + (x >>> 22)]++;
  }
  let hi2 = w.hi2;
  let idx2 = w.idx2;
  for (let pass = 0; pass < 3; pass++) {
    const [shift, mask] = DIGITS[pass];
    const base = pass * 2048;
    // A digit all keys share moves nothing.
    if (counts[base + ((hi[0] >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    for (let r = 0; r < n; r++) {
      const o = counts[base + ((hi[r] >>> shift) & mask)]++;
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
