/**
 * Empirical starting values: the OLS fit (Σ = I), then the pairwise covariance of its
 * residuals over the subjects observed at both visits. Pairwise estimates need not form a
 * positive-definite matrix, so the correlations are shrunk towards 0 until they do.
 */
import { cholesky } from '../../linalg/cholesky.ts';
import { StatsError } from '../../errors.ts';
import type { RepeatedData } from './data.ts';
import { evaluateGls, residualCrossProducts } from './likelihood.ts';

export function empiricalCovariance(data: RepeatedData): Float64Array {
  const T = data.T;
  const I = new Float64Array(T * T);
  for (let t = 0; t < T; t++) I[t + t * T] = 1;
  const ols = evaluateGls(data, Array.from({ length: data.nGroups }, () => I), false);
  if (!ols) throw new StatsError('RANK_DEFICIENT', 'the fixed-effects design is rank deficient');
  const R = residualCrossProducts(data, ols.beta);
  const sum = new Float64Array(T * T);
  const count = new Float64Array(T * T);
  data.patterns.forEach((P, q) => {
    const k = P.visits.length;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      sum[P.visits[a] + P.visits[b] * T] += R[q][a + b * k];
      count[P.visits[a] + P.visits[b] * T] += P.subjects;
    }
  });
  const S = new Float64Array(T * T);
  let pooled = 0;
  let pooledN = 0;
  for (let t = 0; t < T; t++) {
    pooled += sum[t + t * T];
    pooledN += count[t + t * T];
  }
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) {
    // A visit (pair) nobody has: pooled variance, no correlation.
    S[i + j * T] = count[i + j * T] > 0 ? sum[i + j * T] / count[i + j * T] : i === j ? pooled / pooledN : 0;
  }
  for (let t = 0; t < T; t++) if (!(S[t + t * T] > 0)) S[t + t * T] = pooled / pooledN > 0 ? pooled / pooledN : 1;
  for (let shrink = 0; shrink < 60; shrink++) {
    try {
      cholesky({ rows: T, cols: T, data: S });
      return S;
    } catch {
      for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) if (i !== j) S[i + j * T] *= 0.9;
    }
  }
  return diagonalOf(S, T);
}

export function diagonalOf(S: Float64Array, T: number): Float64Array {
  const D = new Float64Array(T * T);
  for (let t = 0; t < T; t++) D[t + t * T] = S[t + t * T];
  return D;
}
