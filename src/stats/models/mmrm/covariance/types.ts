/**
 * A covariance structure over T visits: how many parameters θ it has, Σ(θ) (T × T, column-major)
 * and starting θ from an empirical covariance. θ is unconstrained — log standard deviations and
 * transformed correlations — so Σ(θ) is positive definite for every θ and the optimiser never
 * has to respect bounds.
 */
export type CovarianceId = 'unstructured' | 'cs' | 'csh' | 'ar1' | 'ar1h' | 'toeplitz' | 'independence';

export interface CovarianceStructure {
  readonly id: CovarianceId;
  readonly description: string;
  readonly nTheta: (T: number) => number;
  readonly sigma: (theta: ArrayLike<number>, T: number) => Float64Array;
  /** θ from an empirical (positive-definite) covariance S. */
  readonly start: (S: Float64Array, T: number) => Float64Array;
}

/** Σ = D R D from standard deviations and a correlation function of the two visits. */
export function fromSdCorr(sd: ArrayLike<number>, T: number, corr: (i: number, j: number) => number): Float64Array {
  const S = new Float64Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) S[i + j * T] = sd[i] * sd[j] * (i === j ? 1 : corr(i, j));
  return S;
}

export function empiricalSd(S: Float64Array, T: number): Float64Array {
  return Float64Array.from({ length: T }, (_, i) => Math.sqrt(S[i + i * T]));
}

/** Mean correlation of the pairs of visits at lag `lag` (all lags when 0). */
export function meanCorrelation(S: Float64Array, T: number, lag = 0): number {
  let s = 0;
  let m = 0;
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) {
    if (lag > 0 && j - i !== lag) continue;
    s += S[i + j * T] / Math.sqrt(S[i + i * T] * S[j + j * T]);
    m++;
  }
  return m === 0 ? 0 : s / m;
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
