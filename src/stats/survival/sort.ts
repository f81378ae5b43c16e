/**
 * Row orders by time, fast: a comparator sort of 100,000 indices costs ~10× the arithmetic of a
 * Kaplan–Meier or a Cox iteration, so rows are ordered by an LSD radix sort on the IEEE-754 bits of
 * the times. For times ≥ 0 (all survival times here are; −0 is folded into +0) the bit patterns,
 * read as unsigned integers, sort exactly as the numbers do. Six stable passes over 11-bit digits
 * (a pass is skipped when every key shares its digit), then optionally one stable counting pass by
 * an integer code (strata). Ties keep their input order.
 */

/** Stable counting sort of `pos` by `keys[pos]` in [0, buckets); false (and no move) when all share one bucket. */
function pass(pos: Int32Array, keys: Int32Array | Uint32Array, buckets: number, out: Int32Array): boolean {
  const count = new Int32Array(buckets + 1);
  const m = pos.length;
  for (let k = 0; k < m; k++) count[keys[pos[k]] + 1]++;
  for (let b = 0; b < buckets; b++) if (count[b + 1] === m) return false;
  for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
  for (let k = 0; k < m; k++) out[count[keys[pos[k]]]++] = pos[k];
  return true;
}

/**
 * Rows `idx` (all rows when absent) ordered by `values` (≥ 0; ascending, or descending), within
 * ascending `groups` codes (0 … nGroups − 1) when given; ties keep their order in `idx`.
 */
export function orderByTime(values: Float64Array, options: { idx?: Int32Array; descending?: boolean; groups?: Int32Array; nGroups?: number } = {}): Int32Array {
  const idx = options.idx ?? null;
  const m = idx ? idx.length : values.length;
  const keys = new Float64Array(m);
  for (let k = 0; k < m; k++) keys[k] = values[idx ? idx[k] : k] + 0; // −0 → +0
  const bits = new Uint32Array(keys.buffer); // little-endian: [low word, high word] per key
  // The words travel with their positions, so each pass reads sequentially and only scatters.
  let lo = new Uint32Array(m), hi = new Uint32Array(m), pos = new Int32Array(m);
  let lo2 = new Uint32Array(m), hi2 = new Uint32Array(m), pos2 = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    lo[k] = bits[2 * k];
    hi[k] = bits[2 * k + 1];
    pos[k] = k;
  }
  const count = new Int32Array(2049);
  // 11-bit digits (a 2,048-bucket histogram stays in L1 cache): bits 0–10, 11–21, 22–31 of the low
  // word, then of the high word.
  for (const [high, shift, width] of [[false, 0, 11], [false, 11, 11], [false, 22, 10], [true, 0, 11], [true, 11, 11], [true, 22, 10]] as const) {
    const mask = (1 << width) - 1;
    const flip = options.descending ? mask : 0;
    const w = high ? hi : lo;
    count.fill(0);
    for (let k = 0; k < m; k++) count[(((w[k] >>> shift) & mask) ^ flip) + 1]++;
    let single = false;
    for (let b = 0; b <= mask; b++) if (count[b + 1] === m) single = true;
    if (single) continue; // every key shares this digit: the pass would not move anything
    for (let b = 0; b < mask; b++) count[b + 1] += count[b];
    for (let k = 0; k < m; k++) {
      const at = count[((w[k] >>> shift) & mask) ^ flip]++;
      lo2[at] = lo[k];
      hi2[at] = hi[k];
      pos2[at] = pos[k];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [pos, pos2] = [pos2, pos];
  }
  let tmp = pos2;
  const groups = options.groups;
  if (groups) {
    let nGroups = options.nGroups ?? 0;
    if (options.nGroups === undefined) for (let k = 0; k < m; k++) nGroups = Math.max(nGroups, groups[idx ? idx[k] : k] + 1);
    const gk = new Int32Array(m);
    for (let k = 0; k < m; k++) gk[k] = groups[idx ? idx[k] : k];
    if (pass(pos, gk, nGroups, tmp)) [pos, tmp] = [tmp, pos];
  }
  if (!idx) return pos;
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) out[k] = idx[pos[k]];
  return out;
}
