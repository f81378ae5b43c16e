/**
 * Compound symmetry: one correlation ρ between every pair of visits, with one variance (cs) or
 * a variance per visit (csh). ρ = l + (1 − l)·logistic(θ) with l = −1/(T − 1), the bound below
 * which the matrix stops being positive definite.
 */
import { clamp, empiricalSd, fromSdCorr, logistic, meanCorrelation, type CovarianceStructure } from './types.ts';

const lower = (T: number) => (T > 1 ? -1 / (T - 1) : 0);
const rho = (t: number, T: number) => lower(T) + (1 - lower(T)) * logistic(t);
function rhoTheta(S: Float64Array, T: number): number {
  const l = lower(T);
  const r = clamp(meanCorrelation(S, T), l + 0.05 * (1 - l), 0.95);
  const u = (r - l) / (1 - l);
  return Math.log(u / (1 - u));
}

export const cs: CovarianceStructure = {
  id: 'cs',
  description: 'compound symmetry (one variance)',
  nTheta: (T) => (T > 1 ? 2 : 1),
  sigma(theta, T) {
    const sd = Math.exp(theta[0]);
    const r = T > 1 ? rho(theta[1], T) : 0;
    return fromSdCorr(new Float64Array(T).fill(sd), T, () => r);
  },
  start(S, T) {
    let v = 0;
    for (let i = 0; i < T; i++) v += S[i + i * T] / T;
    return T > 1 ? Float64Array.of(0.5 * Math.log(v), rhoTheta(S, T)) : Float64Array.of(0.5 * Math.log(v));
  },
};

export const csh: CovarianceStructure = {
  id: 'csh',
  description: 'heterogeneous compound symmetry (a variance per visit)',
  nTheta: (T) => (T > 1 ? T + 1 : 1),
  sigma(theta, T) {
    const sd = Float64Array.from({ length: T }, (_, i) => Math.exp(theta[i]));
    const r = T > 1 ? rho(theta[T], T) : 0;
    return fromSdCorr(sd, T, () => r);
  },
  start(S, T) {
    const out = new Float64Array(T > 1 ? T + 1 : 1);
    empiricalSd(S, T).forEach((s, i) => (out[i] = Math.log(s)));
    if (T > 1) out[T] = rhoTheta(S, T);
    return out;
  },
};
