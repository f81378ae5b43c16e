/**
 * Rows that are equal in every input of a GLM row (the design row, y, offset and prior weight),
 * grouped. Count models at registry scale have few distinct rows (a million participants, but a
 * few hundred combinations of arm, baseline count and count), and every per-row quantity of an
 * IRLS or θ step — η, μ, the working weights, the unit deviance, the θ score terms — is a
 * function of the row's inputs alone, so equal rows get equal values. Computing each once per
 * group and adding the groups' values back in row order (sum += term[group[i]]) adds the very
 * same numbers in the very same order as a pass over the rows: the results are identical to the
 * last bit, while the exp, log, digamma and division of each row are done once per group.
 *
 * Equality is bitwise (so +0 and −0 are different rows, as NaN never occurs: the inputs are
 * checked finite first).
 */

export interface RowGroups {
  /** Number of groups. */
  readonly count: number;
  /** The group of each row (0 … count − 1, numbered in order of first appearance). */
  readonly of: Int32Array;
  /** The first row of each group (its representative). */
  readonly first: Int32Array;
}

/** The 32-bit halves of a column of doubles (a Float64Array viewed, else a converted copy). */
function words(col: ArrayLike<number>): Uint32Array {
  const f = col instanceof Float64Array ? col : Float64Array.from(col);
  return new Uint32Array(f.buffer, f.byteOffset, f.length * 2);
}

/**
 * Groups the n rows of the given columns (each of length n) by bitwise equality, or null when
 * there are more than `maxGroups` groups (grouping would not pay).
 */
export function rowGroups(columns: readonly ArrayLike<number>[], n: number, maxGroups: number): RowGroups | null {
  const w = columns.map(words);
  const K = w.length;
  let cap = 1024;
  while (cap < 4 * Math.min(maxGroups, n)) cap *= 2;
  cap = Math.min(cap, 1 << 26);
  const mask = cap - 1;
  const table = new Int32Array(cap).fill(-1);
  const of = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const i2 = 2 * i;
    let h = 0x811c9dc5 | 0;
    for (let c = 0; c < K; c++) {
      const wc = w[c];
      h = Math.imul(h ^ wc[i2], 0x01000193);
      h = Math.imul(h ^ wc[i2 + 1], 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const g = table[slot];
      if (g < 0) {
        if (first.length >= maxGroups) return null;
        table[slot] = first.length;
        of[i] = first.length;
        first.push(i);
        break;
      }
      const r2 = 2 * first[g];
      let same = true;
      for (let c = 0; c < K && same; c++) {
        const wc = w[c];
        same = wc[i2] === wc[r2] && wc[i2 + 1] === wc[r2 + 1];
      }
      if (same) {
        of[i] = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { count: first.length, of, first: Int32Array.from(first) };
}

/** values[first[g]] for each group g, as a new array. */
export function perGroup(values: ArrayLike<number>, groups: RowGroups): Float64Array {
  const out = new Float64Array(groups.count);
  for (let g = 0; g < groups.count; g++) out[g] = values[groups.first[g]];
  return out;
}

/** Σ_i term[of[i]] over the rows in order: a pass over the rows adding each row's group value. */
export function sumByRow(term: Float64Array, of: Int32Array): number {
  let s = 0;
  for (let i = 0; i < of.length; i++) s += term[of[i]];
  return s;
}

/** out[i] = values[of[i]] for every row. */
export function spread(values: Float64Array, of: Int32Array, out: Float64Array, offset = 0): void {
  const n = of.length;
  for (let i = 0; i < n; i++) out[offset + i] = values[of[i]];
}
