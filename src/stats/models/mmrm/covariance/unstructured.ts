/**
 * Unstructured: Σ = LLᵀ with L lower triangular; θ = log of L's diagonal, then L's
 * off-diagonal elements row by row (the log-Cholesky parameterisation of Pinheiro & Bates
 * 1996). T(T + 1)/2 parameters, positive definite for every θ.
 */
import { cholesky } from '../../../linalg/cholesky.ts';
import type { CovarianceStructure } from './types.ts';

export const unstructured: CovarianceStructure = {
  id: 'unstructured',
  description: 'unstructured (log-Cholesky)',
  nTheta: (T) => (T * (T + 1)) / 2,
  sigma(theta, T) {
    const L = new Float64Array(T * T);
    let k = T;
    for (let i = 0; i < T; i++) {
      L[i + i * T] = Math.exp(theta[i]);
      for (let j = 0; j < i; j++) L[i + j * T] = theta[k++];
    }
    const S = new Float64Array(T * T);
    for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = 0; m <= j; m++) s += L[i + m * T] * L[j + m * T];
      S[i + j * T] = s;
      S[j + i * T] = s;
    }
    return S;
  },
  start(S, T) {
    const L = cholesky({ rows: T, cols: T, data: S }).data;
    const out = new Float64Array((T * (T + 1)) / 2);
    let k = T;
    for (let i = 0; i < T; i++) {
      out[i] = Math.log(L[i + i * T]);
      for (let j = 0; j < i; j++) out[k++] = L[i + j * T];
    }
    return out;
  },
};
