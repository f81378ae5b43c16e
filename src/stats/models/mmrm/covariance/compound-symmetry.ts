/**
 * Compound symmetry: one correlation ρ between every pair of visits, with one variance (cs) or
 * a variance per visit (csh). ρ = l + (1 − l)·logistic(θ) with l = −1/(T − 1), the bound below
 * which the matrix stops being positive definite.
 */
import { clamp, logistic, meanCorrelation } from './types.ts';
import { oneCorrelation, type CorrelationPart } from './one-correlation.ts';

const lower = (T: number) => (T > 1 ? -1 / (T - 1) : 0);

const part: CorrelationPart = {
  correlation: (t, T) => {
    const r = lower(T) + (1 - lower(T)) * logistic(t);
    return () => r;
  },
  start: (S, T) => {
    const l = lower(T);
    const r = clamp(meanCorrelation(S, T), l + 0.05 * (1 - l), 0.95);
    const u = (r - l) / (1 - l);
    return Math.log(u / (1 - u));
  },
};

export const cs = oneCorrelation('cs', 'compound symmetry (one variance)', part, false);
export const csh = oneCorrelation('csh', 'heterogeneous compound symmetry (a variance per visit)', part, true);
