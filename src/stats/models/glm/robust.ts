/**
 * Sandwich (HC0) covariance for GLMs with fixed dispersion, as sandwich::vcovHC(fit, "HC0"):
 * V = B·(Σ uᵢuᵢᵀ)·B with B = (XᵀWX)⁻¹ and score contributions uᵢ = xᵢ (yᵢ − μᵢ) μ′(ηᵢ)/V(μᵢ).
 * With a Poisson model for a binary outcome this is the "modified Poisson" risk ratio (Zou 2004);
 * it also gives robust SEs for log-binomial and logistic fits.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { StatsError } from '../../errors.ts';
import { family } from './family.ts';
import type { GlmFit } from './irls.ts';

export function glmSandwich(fit: GlmFit, X: Matrix, y: ArrayLike<number>): Matrix {
  const fam = family(fit.family, fit.options.theta ?? 1);
  if (!fam.fixedDispersion) throw new StatsError('INVALID_ARGUMENT', 'use the OLS HC estimators for a gaussian model');
  const n = X.rows;
  const p = X.cols;
  const est = Array.from({ length: p }, (_, j) => j).filter((j) => !Number.isNaN(fit.coef[j]));
  const B = fit.vcov.data; // dispersion is 1: vcov = (XᵀWX)⁻¹
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
