/** Independence: a variance per visit, no correlation (nlme: varIdent(~ 1 | visit) alone). */
import { empiricalSd, fromSdCorr, type CovarianceStructure } from './types.ts';

export const independence: CovarianceStructure = {
  id: 'independence',
  description: 'independence (a variance per visit)',
  nTheta: (T) => T,
  sigma: (theta, T) => fromSdCorr(Float64Array.from({ length: T }, (_, i) => Math.exp(theta[i])), T, () => 0),
  start: (S, T) => empiricalSd(S, T).map(Math.log),
};
