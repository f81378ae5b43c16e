/**
 * Satterthwaite df for l′β̂ (Satterthwaite 1946; Fai & Cornelius 1996):
 *   df = 2 (l′Φl)² / (g′Ag),  g_k = ∂(l′Φ(θ)l)/∂θ_k = (Φl)′ XᵀV⁻¹V_kV⁻¹X (Φl),
 * A = the inverse observed information of θ (−∂²ℓ/∂θ², REML or ML as fitted). g is analytic
 * given ∂Σ/∂θ; A comes from central differences of the analytic gradient. emmeans computes the
 * same quantity for gls on nlme's parameterisation; to first order it does not depend on it.
 */
import type { MmrmDfInfo } from '../types.ts';
import { StatsError } from '../../../errors.ts';

export function satterthwaiteDf(info: MmrmDfInfo, l: Float64Array): number {
  const A = info.thetaVcov;
  if (!A) throw new StatsError('NOT_CONVERGED', 'Satterthwaite df need a positive-definite information matrix of the covariance parameters; the fit has none');
  const r = info.estimable.length;
  const lr = Float64Array.from(info.estimable, (j) => l[j]);
  const pl = new Float64Array(r);
  let v = 0;
  for (let a = 0; a < r; a++) {
    let s = 0;
    for (let b = 0; b < r; b++) s += info.phi[a + b * r] * lr[b];
    pl[a] = s;
    v += lr[a] * s;
  }
  const g = info.dInfo.map((M) => {
    let s = 0;
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) s += pl[a] * M[a + b * r] * pl[b];
    return s;
  });
  const k = g.length;
  let den = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) den += g[i] * A[i + j * k] * g[j];
  return (2 * v * v) / den;
}
