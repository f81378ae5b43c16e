/**
 * Options of multiple imputation by chained equations, validated once and echoed in every
 * result (defaults as the analysis plan: m = 50, maxit = 10, 5 PMM donors).
 */
import { StatsError } from '../errors.ts';

/** Imputation model per column; '' = not imputed (complete, or a predictor only). */
export type MiMethod = 'pmm' | 'norm' | 'logreg' | '';

export interface MiOptions {
  /** Number of imputations (default 50). */
  readonly m?: number;
  /** Iterations of the chained-equations sampler per imputation (default 10). */
  readonly maxit?: number;
  /** Donors for predictive mean matching (default 5). */
  readonly donors?: number;
  /** Unsigned 32-bit seed; imputation k draws from the stream `fork("imputation:k")` of it. */
  readonly seed: number;
  /** Threads for the m imputations (default: EFFEKT_THREADS, else every core; see parallel.ts). Results do not depend on it. */
  readonly threads?: number;
  /** Called after each completed imputation (library use is silent). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ResolvedMiOptions {
  readonly m: number;
  readonly maxit: number;
  readonly donors: number;
  readonly seed: number;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StatsError('INVALID_ARGUMENT', `imputation option ${name} must be an integer in ${min}…${max}, got ${value}`, { option: name, value });
  }
  return value;
}

export function resolveMiOptions(options: MiOptions): ResolvedMiOptions {
  return Object.freeze({
    m: integerIn('m', options.m ?? 50, 1, 10_000),
    maxit: integerIn('maxit', options.maxit ?? 10, 1, 1000),
    donors: integerIn('donors', options.donors ?? 5, 1, 1000),
    seed: integerIn('seed', options.seed, 1, 0xffffffff),
  });
}
