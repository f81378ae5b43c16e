/**
 * How many threads effekt's parallel work may use: EFFEKT_THREADS when it is a positive integer
 * (`EFFEKT_THREADS=1` keeps everything on one thread), else the machine's cores. One place for
 * the imputation helpers (mi/parallel.ts) and the CSV reader's parts (data/validate), so the
 * setting means the same everywhere; each caller applies its own upper limit.
 */
import { availableParallelism } from 'node:os';

export function threadsAvailable(): number {
  const env = Number(process.env.EFFEKT_THREADS);
  return Number.isInteger(env) && env >= 1 ? env : Math.max(1, availableParallelism());
}
