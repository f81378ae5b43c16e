/**
 * One benchmark: a computation timed in effekt and, when an R counterpart is given and Rscript
 * exists, the same work in R. Either `run` (in this process) or `command` (a whole child process,
 * timed as a user feels it: start-up, module loading, the work, exit).
 */
export interface BenchCase {
  readonly name: string;
  /** Untimed preparation; its result is passed to run(). */
  readonly setup?: () => unknown;
  /** The timed work; a returned promise is awaited inside the timing. */
  readonly run?: (prepared: unknown) => unknown;
  /**
   * run() starts a child process and returns its own timing (a ProcessRun from process.ts): the
   * table then shows the child's wall, CPU and peak memory, not this process's (whose CPU is
   * only the waiting).
   */
  readonly runTimesChild?: boolean;
  /** A whole child process: argv (the executable first), run from the repository root. */
  readonly command?: readonly string[];
  readonly repeat?: number;
  /** Calls of run() inside one timing (for sub-millisecond work, as rInner for R); the time is divided by it. */
  readonly inner?: number;
  /** R code doing the same computation; timed by R itself (median of `repeat` runs, ms printed as the last line). */
  readonly r?: string;
  /** Times R repeats bench() inside one timing (for sub-millisecond work); the time is divided by it. */
  readonly rInner?: number;
  /** Rscript arguments for a whole-process R counterpart (timed like `command`). */
  readonly rCommand?: readonly string[];
  /** What the R counterpart does when it is not the same work (shown beside the case's name). */
  readonly rNote?: string;
  /** Runs of rCommand (default `repeat`); a job that takes R minutes on the shared box may be timed fewer times (said in the table's note). */
  readonly rRepeat?: number;
  /** Target from the issue, shown beside the result. */
  readonly targetMs?: number;
  /** Skip the warm-up run (for long single runs, e.g. the scale cases at N ≥ 10⁵). */
  readonly noWarmup?: boolean;
}
