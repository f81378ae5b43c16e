/**
 * Working vectors reused from one call to the next. A Float64Array of more than a few dozen
 * values is an ArrayBuffer with its own backing store: allocating and later collecting one
 * costs about a microsecond, and a trial-sized OLS fit made some twenty of them (≈ 10 % of the
 * fit was garbage collection). Node runs a module's code on one thread, and the numeric
 * routines that use these never call out to other code while one is in use, so a slot is free
 * again when its routine returns. Never hand a scratch vector to a caller.
 *
 * Contents are stale: a user writes every element before reading it.
 */

/**
 * Above this many values (8 MB) a vector is allocated per call: the pool would keep the memory for
 * good. Below, it is reused: at 10⁵ rows the refinement's split of a 10⁵ × 7 design (two 5.6 MB
 * vectors) was allocated — and zero-filled, and collected — at every fit, ≈ 1 s of the N = 10⁵ MI
 * plan's 160 pooled ANCOVA fits (the limit was 2¹⁶). The pool then holds ≈ 17 MB at that size.
 */
const POOLED = 1 << 20;

const pool: Float64Array[] = [];

/** Slot numbers: each routine that holds vectors at the same time uses distinct slots. */
export const Slot = { SplitHi: 0, SplitLo: 1, Residual: 2, Correction: 3, ResidualHi: 4, ResidualLo: 5, Qty: 6, Sums: 7, Errs: 8 } as const;
export type Slot = (typeof Slot)[keyof typeof Slot];

/** A vector of exactly `length` values (stale contents) from slot `slot`. */
export function scratch(slot: Slot, length: number): Float64Array {
  if (length > POOLED) return new Float64Array(length);
  let buf = pool[slot];
  if (buf === undefined || buf.length < length) {
    buf = new Float64Array(Math.max(length, 256));
    pool[slot] = buf;
  }
  return buf.length === length ? buf : buf.subarray(0, length);
}
