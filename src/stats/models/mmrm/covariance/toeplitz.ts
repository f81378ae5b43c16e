/**
 * Homogeneous Toeplitz: one variance and a correlation per lag, ρ_1 … ρ_{T−1}. The correlations
 * are parameterised by partial autocorrelations φ_kk = tanh(θ_k) and mapped to ρ by the
 * Durbin–Levinson recursion: every φ in (−1, 1)^{T−1} gives a positive-definite Toeplitz
 * matrix and every such matrix has one φ (Barndorff-Nielsen & Schou 1973), so the optimiser
 * is unconstrained. (The same bijection is why nlme's corARMA(p = T − 1) is this structure.)
 */
import { clamp, fromSdCorr, meanCorrelation, type CovarianceStructure } from './types.ts';

/** Autocorrelations ρ_0 … ρ_m from partial autocorrelations φ_11 … φ_mm. */
export function pacfToAcf(pacf: ArrayLike<number>): Float64Array {
  const m = pacf.length;
  const rho = new Float64Array(m + 1);
  rho[0] = 1;
  let phi = new Float64Array(0);
  for (let k = 1; k <= m; k++) {
    const a = pacf[k - 1];
    // ρ_k = Σ_j φ_{k−1,j} ρ_{k−j} + φ_kk (1 − Σ_j φ_{k−1,j} ρ_j)
    let s1 = 0;
    let s2 = 0;
    for (let j = 1; j < k; j++) {
      s1 += phi[j - 1] * rho[k - j];
      s2 += phi[j - 1] * rho[j];
    }
    rho[k] = s1 + a * (1 - s2);
    const next = new Float64Array(k);
    for (let j = 1; j < k; j++) next[j - 1] = phi[j - 1] - a * phi[k - j - 1];
    next[k - 1] = a;
    phi = next;
  }
  return rho;
}

/** Partial autocorrelations from autocorrelations ρ_1 … ρ_m (NaN when not positive definite). */
export function acfToPacf(rho: ArrayLike<number>): Float64Array {
  const m = rho.length;
  const r = (k: number) => (k === 0 ? 1 : rho[k - 1]);
  const out = new Float64Array(m);
  let phi = new Float64Array(0);
  for (let k = 1; k <= m; k++) {
    let num = r(k);
    let den = 1;
    for (let j = 1; j < k; j++) {
      num -= phi[j - 1] * r(k - j);
      den -= phi[j - 1] * r(j);
    }
    const a = num / den;
    out[k - 1] = a;
    const next = new Float64Array(k);
    for (let j = 1; j < k; j++) next[j - 1] = phi[j - 1] - a * phi[k - j - 1];
    next[k - 1] = a;
    phi = next;
  }
  return out;
}

export const toeplitz: CovarianceStructure = {
  id: 'toeplitz',
  description: 'Toeplitz (one variance, a correlation per lag)',
  nTheta: (T) => T,
  sigma(theta, T) {
    const rho = pacfToAcf(Array.from({ length: T - 1 }, (_, k) => Math.tanh(theta[k + 1])));
    return fromSdCorr(new Float64Array(T).fill(Math.exp(theta[0])), T, (i, j) => rho[Math.abs(i - j)]);
  },
  start(S, T) {
    let v = 0;
    for (let i = 0; i < T; i++) v += S[i + i * T] / T;
    let pacf = acfToPacf(Array.from({ length: T - 1 }, (_, k) => meanCorrelation(S, T, k + 1)));
    // Lag means need not form a valid Toeplitz matrix; then start from AR(1).
    if (!pacf.every((a) => Math.abs(a) < 0.98)) pacf = Float64Array.from({ length: T - 1 }, (_, k) => (k === 0 ? clamp(meanCorrelation(S, T, 1), -0.9, 0.95) : 0));
    return Float64Array.from({ length: T }, (_, k) => (k === 0 ? 0.5 * Math.log(v) : Math.atanh(clamp(pacf[k - 1], -0.95, 0.95))));
  },
};
