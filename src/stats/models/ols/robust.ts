/**
 * Heteroskedasticity-consistent covariance (White; MacKinnon & White 1985), as
 * `sandwich::vcovHC`: V = (XᵀX)⁻¹ Xᵀ diag(ω) X (XᵀX)⁻¹ with ω_i = e_i² (HC0),
 * e_i² n/(n − k) (HC1), e_i²/(1 − h_i) (HC2), e_i²/(1 − h_i)² (HC3); k = rank, h = leverages.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import type { OlsFit } from './ols.ts';

export type HcType = 'HC0' | 'HC1' | 'HC2' | 'HC3';

export function vcovHC(fit: OlsFit, X: Matrix, type: HcType = 'HC3'): Matrix {
  const n = X.rows;
  const p = X.cols;
  const est = Array.from({ length: p }, (_, j) => j).filter((j) => !Number.isNaN(fit.coef[j]));
  const bread = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) bread[a + b * p] = fit.vcov.data[a + b * p] / fit.sigma ** 2;
  // Rows of X (XᵀX)⁻¹ restricted to estimable columns; leverage h_i = x_i (XᵀX)⁻¹ x_iᵀ.
  const g = new Float64Array(n * p);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const b of est) {
      let s = 0;
      for (const a of est) s += X.data[i + a * n] * bread[a + b * p];
      g[i + b * n] = s;
    }
    let hi = 0;
    for (const a of est) hi += g[i + a * n] * X.data[i + a * n];
    h[i] = hi;
  }
  const out = new Float64Array(p * p).fill(Number.NaN);
  const k = fit.rank;
  for (const a of est) {
    for (const b of est) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const e2 = fit.residuals[i] ** 2;
        const w = type === 'HC0' ? e2 : type === 'HC1' ? (e2 * n) / (n - k) : type === 'HC2' ? e2 / (1 - h[i]) : e2 / (1 - h[i]) ** 2;
        s += g[i + a * n] * w * g[i + b * n];
      }
      out[a + b * p] = s;
    }
  }
  return { rows: p, cols: p, data: out };
}
