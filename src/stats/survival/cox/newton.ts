/**
 * Newton–Raphson for the Cox partial likelihood as survival's coxfit6/agfit4 iterate: from β = 0,
 * step β ← β + I⁻¹U while the log-likelihood increases; when a step lowers it (or overflows),
 * step halving pulls the candidate back towards the last good β, more each time
 * (β_new ← (β_new + h·β)/(h + 1), h = 1, 2, …). Converged when |1 − ℓ_best/ℓ_new| ≤ ε.
 * The default ε = 1e-12 (R's is 1e-9, which leaves estimates correct to only ~8 digits).
 */
import { StatsError } from '../../errors.ts';
import { tryCholesky, choleskySolve, choleskyInverse } from '../../linalg/cholesky.ts';
import type { Matrix } from '../../linalg/matrix.ts';
import { type CoxData, linearPredictor } from './data.ts';
import { sweep, type SweepResult } from './sweep.ts';

export interface NewtonResult {
  readonly beta: Float64Array;
  readonly loglik0: number;
  readonly loglik: number;
  /** Score test at β = 0: U₀ᵀ I₀⁻¹ U₀. */
  readonly scoreTest: number;
  /** Inverse information at the final β. */
  readonly vcov: Matrix;
  /** Score at the final β (≈ 0), for the infinite-coefficient check. */
  readonly u: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly halved: boolean;
}

/** Relative pivot tolerance for the information's Cholesky factor (R's toler.chol ≈ 1.8e-12). */
const CHOL_TOL = Number.EPSILON ** 0.75;

function factor(imat: Float64Array, p: number): Matrix | null {
  return tryCholesky({ rows: p, cols: p, data: imat }, CHOL_TOL);
}

function finite(r: SweepResult): boolean {
  if (!Number.isFinite(r.loglik)) return false;
  for (const v of r.u) if (!Number.isFinite(v)) return false;
  for (const v of r.imat) if (!Number.isFinite(v)) return false;
  return true;
}

export function newtonRaphson(cd: CoxData, efron: boolean, maxIter: number, eps: number): NewtonResult {
  const p = cd.p;
  let beta = new Float64Array(p);
  const first = sweep(cd, linearPredictor(cd, beta), efron);
  const l0 = factor(first.imat, p);
  if (!l0) {
    // Find the first column that is constant or a combination of earlier ones.
    let bad = p - 1;
    for (let j = 1; j <= p; j++) {
      const sub = new Float64Array(j * j);
      for (let a = 0; a < j; a++) for (let b = 0; b < j; b++) sub[a + b * j] = first.imat[a + b * p];
      if (!factor(sub, j)) { bad = j - 1; break; }
    }
    throw new StatsError('RANK_DEFICIENT', `covariate "${cd.names[bad]}" is constant within the risk sets or a linear combination of earlier covariates: drop it`, { column: cd.names[bad] });
  }
  const step0 = choleskySolve(l0, first.u);
  let scoreTest = 0;
  for (let j = 0; j < p; j++) scoreTest += first.u[j] * step0[j];
  let best = first;
  let bestL = l0;
  let newBeta = beta.map((b, j) => b + step0[j]);
  let halving = 0;
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= maxIter; iter++) {
    const cur = sweep(cd, linearPredictor(cd, newBeta), efron);
    const l = finite(cur) ? factor(cur.imat, p) : null;
    if (l && Math.abs(1 - best.loglik / cur.loglik) <= eps) {
      beta = newBeta;
      best = cur;
      bestL = l;
      converged = true;
      break;
    }
    if (!l || cur.loglik < best.loglik) {
      halving++;
      const h = halving;
      newBeta = newBeta.map((b, j) => (b + h * beta[j]) / (h + 1));
    } else {
      halving = 0;
      best = cur;
      bestL = l;
      const step = choleskySolve(l, cur.u);
      beta = newBeta;
      newBeta = beta.map((b, j) => b + step[j]);
    }
  }
  return {
    beta,
    loglik0: first.loglik,
    loglik: best.loglik,
    scoreTest,
    vcov: choleskyInverse(bestL),
    u: best.u,
    iterations: Math.min(iter, maxIter),
    converged,
    halved: halving > 0,
  };
}
