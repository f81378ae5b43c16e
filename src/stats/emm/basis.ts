/**
 * The emmeans idea: a fitted linear model only has to provide a basis — coefficients b, their
 * covariance V, a df function for a linear combination l′b, the design (for the reference
 * grid) and the null-space of X (for estimability). Marginal means and every contrast are then
 * new l over the same grid, so OLS, MMRM, GLM and MI-pooled fits plug in the same way.
 */
import type { Matrix } from '../linalg/matrix.ts';
import type { Design } from '../design/model-matrix.ts';
import type { QR } from '../linalg/qr.ts';

export interface LinearBasis {
  readonly coefNames: readonly string[];
  /** NaN for aliased coefficients. */
  readonly coef: Float64Array;
  readonly vcov: Matrix;
  readonly df: (l: Float64Array) => number;
  readonly dfMethod: string;
  readonly design: Design;
  /** Basis of the null space of X: l is estimable iff l·z = 0 for every z. */
  readonly nullSpace: readonly Float64Array[];
}

/**
 * Null-space vectors from a pivoted QR: an aliased column x_j = X₁c with R₁₁c = R₁₂[:, j], so
 * z = (c on the estimable columns, −1 at j) satisfies Xz = 0.
 */
export function nullSpaceFromQr(qr: QR): Float64Array[] {
  const n = qr.qr.rows;
  const p = qr.qr.cols;
  const r = qr.rank;
  const a = qr.qr.data;
  const out: Float64Array[] = [];
  for (let k = r; k < p; k++) {
    const c = new Float64Array(r);
    for (let i = r - 1; i >= 0; i--) {
      let s = a[i + k * n];
      for (let j = i + 1; j < r; j++) s -= a[i + j * n] * c[j];
      c[i] = s / a[i + i * n];
    }
    const z = new Float64Array(p);
    for (let i = 0; i < r; i++) z[qr.pivot[i]] = c[i];
    z[qr.pivot[k]] = -1;
    out.push(z);
  }
  return out;
}

export function isEstimable(basis: LinearBasis, l: Float64Array, tol = 1e-8): boolean {
  for (const z of basis.nullSpace) {
    let s = 0;
    let norm = 0;
    for (let j = 0; j < l.length; j++) {
      s += l[j] * z[j];
      norm += Math.abs(l[j]);
    }
    if (Math.abs(s) > tol * Math.max(1, norm)) return false;
  }
  return true;
}
