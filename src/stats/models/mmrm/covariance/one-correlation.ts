/**
 * Structures with one correlation parameter (the last θ) and either one variance (θ₀ = log SD)
 * or a variance per visit (θ₀…θ_{T−1} = log SDs): compound symmetry and AR(1), homogeneous and
 * heterogeneous. Each structure only says how θ maps to the correlation of visits i and j and how
 * to start θ from an empirical covariance; the variance part is shared here.
 */
import { empiricalSd, fromSdCorr, type CovarianceId, type CovarianceStructure } from './types.ts';

export interface CorrelationPart {
  /** corr(i, j) for a correlation parameter t over T visits. */
  readonly correlation: (t: number, T: number) => (i: number, j: number) => number;
  /** Starting t from an empirical covariance (T > 1). */
  readonly start: (S: Float64Array, T: number) => number;
}

export function oneCorrelation(id: CovarianceId, description: string, part: CorrelationPart, heterogeneous: boolean): CovarianceStructure {
  const nVar = (T: number) => (heterogeneous ? T : 1);
  return {
    id,
    description,
    nTheta: (T) => (T > 1 ? nVar(T) + 1 : nVar(T)),
    sigma(theta, T) {
      const sd = Float64Array.from({ length: T }, (_, i) => Math.exp(theta[heterogeneous ? i : 0]));
      const corr = T > 1 ? part.correlation(theta[nVar(T)], T) : () => 0;
      return fromSdCorr(sd, T, corr);
    },
    start(S, T) {
      const out = new Float64Array(T > 1 ? nVar(T) + 1 : nVar(T));
      if (heterogeneous) empiricalSd(S, T).forEach((s, i) => (out[i] = Math.log(s)));
      else {
        let v = 0;
        for (let i = 0; i < T; i++) v += S[i + i * T] / T;
        out[0] = 0.5 * Math.log(v);
      }
      if (T > 1) out[nVar(T)] = part.start(S, T);
      return out;
    },
  };
}
