/**
 * First-order autoregressive: corr(visit i, visit j) = ρ^|i − j| over the visit index (so a
 * missed visit keeps its place), ρ = tanh(θ). One variance (ar1) or a variance per visit (ar1h).
 */
import { clamp, meanCorrelation } from './types.ts';
import { oneCorrelation, type CorrelationPart } from './one-correlation.ts';

const part: CorrelationPart = {
  correlation: (t) => {
    const r = Math.tanh(t);
    return (i, j) => r ** Math.abs(i - j);
  },
  start: (S, T) => Math.atanh(clamp(meanCorrelation(S, T, 1), -0.9, 0.95)),
};

export const ar1 = oneCorrelation('ar1', 'first-order autoregressive (one variance)', part, false);
export const ar1h = oneCorrelation('ar1h', 'heterogeneous first-order autoregressive (a variance per visit)', part, true);
