/** One benchmark: a computation timed in effekt and, when `r` is given and Rscript exists, the same work in R. */
export interface BenchCase {
  readonly name: string;
  /** Untimed preparation; its result is passed to run(). */
  readonly setup?: () => unknown;
  /** The timed work; a returned promise is awaited inside the timing. */
  readonly run: (prepared: unknown) => unknown;
  readonly repeat?: number;
  /** R code doing the same computation; timed by R itself (median of `repeat` runs, ms printed as the last line). */
  readonly r?: string;
  /** Times R repeats bench() inside one timing (for sub-millisecond work); the time is divided by it. */
  readonly rInner?: number;
  /** Target from the issue, shown beside the result. */
  readonly targetMs?: number;
}
