/**
 * First-order autoregressive: corr(visit i, visit j) = ρ^|i − j| over the visit index (so a
 * missed visit keeps its place), ρ = tanh(θ). One variance (ar1) or a variance per visit (ar1h).
 */
import { clamp, empiricalSd, fromSdCorr, meanCorrelation, type CovarianceStructure } from './types.ts';

const rhoTheta = (S: Float64Array, T: number) => Math.atanh(clamp(meanCorrelation(S, T, 1), -0.9, 0.95));

export const ar1: CovarianceStructure = {
  id: 'ar1',
  description: 'first-order autoregressive (one variance)',
  nTheta: (T) => (T > 1 ? 2 : 1),
  sigma(theta, T) {
    const r = T > 1 ? Math.tanh(theta[1]) : 0;
    return fromSdCorr(new Float64Array(T).fill(Math.exp(theta[0])), T, (i, j) => r ** Math.abs(i - j));
  },
  start(S, T) {
    let v = 0;
    for (let i = 0; i < T; i++) v += S[i + i * T] / T;
    return T > 1 ? Float64Array.of(0.5 * Math.log(v), rhoTheta(S, T)) : Float64Array.of(0.5 * Math.log(v));
  },
};

export const ar1h: CovarianceStructure = {
  id: 'ar1h',
  description: 'heterogeneous first-order autoregressive (a variance per visit)',
  nTheta: (T) => (T > 1 ? T + 1 : 1),
  sigma(theta, T) {
    const sd = Float64Array.from({ length: T }, (_, i) => Math.exp(theta[i]));
    const r = T > 1 ? Math.tanh(theta[T]) : 0;
    return fromSdCorr(sd, T, (i, j) => r ** Math.abs(i - j));
  },
  start(S, T) {
    const out = new Float64Array(T > 1 ? T + 1 : 1);
    empiricalSd(S, T).forEach((s, i) => (out[i] = Math.log(s)));
    if (T > 1) out[T] = rhoTheta(S, T);
    return out;
  },
};
