/**
 * Sandwich (HC0) covariance for GLMs with fixed dispersion, as sandwich::vcovHC(fit, "HC0"):
 * V = B·(Σ uᵢuᵢᵀ)·B with B = (XᵀWX)⁻¹ and score contributions uᵢ = xᵢ (yᵢ − μᵢ) μ′(ηᵢ)/V(μᵢ).
 * With a Poisson model for a binary outcome this is the "modified Poisson" risk ratio (Zou 2004);
 * it also gives robust SEs for log-binomial and logistic fits. The bread is evaluated at the final
 * estimates (W = μ′(η)²/V(μ) at the MLE), not taken from the last IRLS iteration, whose weights lag
 * one step behind: for a non-canonical link (log-binomial) that lag showed at ~1e-7.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { inverseSPD } from '../../linalg/cholesky.ts';
import { StatsError } from '../../errors.ts';
import { family } from './family.ts';
import type { GlmFit } from './irls.ts';

export function glmSandwich(fit: GlmFit, X: Matrix, y: ArrayLike<number>): Matrix {
  const fam = family(fit.family, fit.options.theta ?? 1);
  if (!fam.fixedDispersion) throw new StatsError('INVALID_ARGUMENT', 'use the OLS HC estimators for a gaussian model');
  const n = X.rows;
  const p = X.cols;
  const est = Array.from({ length: p }, (_, j) => j).filter((j) => !Number.isNaN(fit.coef[j]));
  // B = (XᵀWX)⁻¹ over the estimable columns, W at the final μ (dispersion is 1).
  const k = est.length;
  const info = { rows: k, cols: k, data: new Float64Array(k * k) };
  for (let i = 0; i < n; i++) {
    const me = fam.muEta(fit.eta[i]);
    const w = (me * me) / fam.variance(fit.mu[i]);
    for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) info.data[a + b * k] += X.data[i + est[a] * n] * X.data[i + est[b] * n] * w;
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) info.data[b + a * k] = info.data[a + b * k];
  const inv = inverseSPD(info);
  const B = new Float64Array(p * p);
  est.forEach((ja, a) => est.forEach((jb, b) => (B[ja + jb * p] = inv.data[a + b * k])));
  const g = new Float64Array(n * p); // rows of X·B scaled by the score weight
  for (let i = 0; i < n; i++) {
    const w = ((y[i] - fit.mu[i]) * fam.muEta(fit.eta[i])) / fam.variance(fit.mu[i]);
    for (const b of est) {
      let s = 0;
      for (const a of est) s += X.data[i + a * n] * B[a + b * p];
      g[i + b * n] = s * w;
    }
  }
  const out = new Float64Array(p * p).fill(Number.NaN);
  for (const a of est) for (const b of est) {
    let s = 0;
    for (let i = 0; i < n; i++) s += g[i + a * n] * g[i + b * n];
    out[a + b * p] = s;
  }
  return { rows: p, cols: p, data: out };
}
