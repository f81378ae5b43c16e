/**
 * Cox proportional hazards regression, as survival's `coxph` (Efron or Breslow ties, strata,
 * counting-process data, robust/cluster variance). Reports the likelihood-ratio, Wald and score
 * tests of all coefficients (and the robust score test with a robust variance), hazard ratios with
 * Wald limits exp(β ± z·se), and how the iteration ended; never a silent non-converged estimate.
 *
 * Robust variance (Lin & Wei 1989): V_r = Dᵀ D with D the dfbeta residuals L·V summed per
 * cluster (each row its own cluster without ids); the Wald test then uses V_r, and the robust
 * score test is U₀ᵀ (L₀ᵀ L₀)⁻¹ U₀ with the cluster-summed score residuals L₀ at β = 0.
 */
import { StatsError, assertConfLevel } from '../../errors.ts';
import { chiSquare, normal } from '../../dist/continuous.ts';
import { cholesky, choleskySolve } from '../../linalg/cholesky.ts';
import { zFor } from '../confidence.ts';
import { type CoxInput, coxData, linearPredictor, clusterIndex } from './data.ts';
import { newtonRaphson } from './newton.ts';
import { scoreResiduals, collapse, crossprodCols } from './score-residuals.ts';

export type CoxTies = 'efron' | 'breslow';

export interface CoxOptions {
  readonly ties?: CoxTies;
  /** Sandwich variance; implied by a `cluster` in the input. */
  readonly robust?: boolean;
  readonly confLevel?: number;
  readonly maxIter?: number;
  /** Convergence: relative change in the log partial likelihood. */
  readonly eps?: number;
}

export interface CoxCoefficient {
  readonly name: string;
  readonly estimate: number;
  /** The SE used for z, p and the limits: robust when the variance is robust. */
  readonly se: number;
  /** Model-based SE from the information matrix. */
  readonly naiveSe: number;
  readonly z: number;
  readonly p: number;
  readonly hazardRatio: number;
  readonly lower: number;
  readonly upper: number;
}

export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

export interface CoxResult {
  readonly method: 'cox-ph';
  readonly options: {
    readonly ties: CoxTies;
    readonly variance: 'model' | 'robust';
    readonly confLevel: number;
    readonly maxIter: number;
    readonly eps: number;
    readonly countingProcess: boolean;
    readonly strata: readonly string[];
  };
  readonly n: number;
  readonly events: number;
  readonly clusters: number | null;
  readonly coefficients: readonly CoxCoefficient[];
  readonly coef: readonly number[];
  /** The variance used (robust when robust), p × p. */
  readonly vcov: readonly (readonly number[])[];
  readonly naiveVcov: readonly (readonly number[])[];
  readonly means: readonly number[];
  readonly logLik: { readonly null: number; readonly fitted: number };
  readonly tests: { readonly likelihoodRatio: ChiSquareTest; readonly wald: ChiSquareTest; readonly score: ChiSquareTest; readonly robustScore: ChiSquareTest | null };
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

function test(statistic: number, df: number): ChiSquareTest {
  return { statistic, df, p: chiSquare.sf(statistic, df) };
}

function toRows(a: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => a[i + j * p]));
}

/** bᵀ V⁻¹ b. */
function quadInv(V: Float64Array, b: ArrayLike<number>, p: number): number {
  const x = choleskySolve(cholesky({ rows: p, cols: p, data: V }), b);
  let s = 0;
  for (let j = 0; j < p; j++) s += x[j] * b[j];
  return s;
}

export function coxPH(input: CoxInput, options: CoxOptions = {}): CoxResult {
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') throw new StatsError('INVALID_ARGUMENT', `ties must be "efron" or "breslow", got ${JSON.stringify(ties)}`);
  const confLevel = assertConfLevel(options.confLevel ?? 0.95);
  const maxIter = options.maxIter ?? 30;
  const eps = options.eps ?? 1e-12;
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) throw new StatsError('INVALID_ARGUMENT', `maxIter must be a positive integer, got ${maxIter}`);
  if (!(eps > 0 && eps < 1)) throw new StatsError('INVALID_ARGUMENT', `eps must lie in (0, 1), got ${eps}`);
  const robust = options.robust === true || input.cluster !== undefined;
  const cd = coxData(input);
  const { p, n } = cd;
  const efron = ties === 'efron';
  const fit = newtonRaphson(cd, efron, maxIter, eps);
  const naive = fit.vcov.data;
  const warnings: string[] = [];
  if (!fit.converged) warnings.push(`the Newton–Raphson iteration did not converge in ${maxIter} iterations: estimates are the last improving step`);
  // R's check for a coefficient running off to ±∞ (monotone likelihood): the next Newton step
  // is still large relative to the coefficient although the likelihood has converged.
  const TOL_INF = Math.sqrt(1e-9);
  for (let j = 0; j < p; j++) {
    let stepJ = 0;
    for (let l = 0; l < p; l++) stepJ += fit.u[l] * naive[l + j * p];
    if (!Number.isFinite(fit.u[j]) || (Math.abs(stepJ) > eps && Math.abs(stepJ) > TOL_INF * Math.abs(fit.beta[j]))) {
      warnings.push(`the likelihood converged before "${cd.names[j]}": its coefficient may be infinite (monotone likelihood, e.g. no events in one group)`);
    }
  }
  let V = naive;
  let robustScore: ChiSquareTest | null = null;
  let clusters: number | null = null;
  if (robust) {
    const cl0 = clusterIndex(input.cluster, n);
    clusters = cl0.count;
    // Cluster of each row in sweep order.
    const index = new Int32Array(n);
    for (let k = 0; k < n; k++) index[k] = cl0.index[cd.order[k]];
    const cl = { index, count: cl0.count };
    const L = scoreResiduals(cd, linearPredictor(cd, fit.beta), efron);
    // dfbeta = L·V (n × p), summed per cluster.
    const D = new Float64Array(n * p);
    for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) {
      const v = naive[l + j * p];
      for (let i = 0; i < n; i++) D[i + j * n] += L[i + l * n] * v;
    }
    V = crossprodCols(collapse(D, n, p, cl.index, cl.count), cl.count, p);
    const L0 = collapse(scoreResiduals(cd, new Float64Array(n), efron), n, p, cl.index, cl.count);
    const u0 = new Float64Array(p);
    for (let j = 0; j < p; j++) for (let i = 0; i < cl.count; i++) u0[j] += L0[i + j * cl.count];
    try {
      robustScore = test(quadInv(crossprodCols(L0, cl.count, p), u0, p), p);
    } catch {
      warnings.push('the robust score test is not available: the score residuals at β = 0 are collinear');
    }
  }
  const z = zFor(confLevel);
  const coefficients = cd.names.map((name, j) => {
    const b = fit.beta[j];
    const se = Math.sqrt(V[j + j * p]);
    const zz = b / se;
    return { name, estimate: b, se, naiveSe: Math.sqrt(naive[j + j * p]), z: zz, p: 2 * normal.sf(Math.abs(zz)), hazardRatio: Math.exp(b), lower: Math.exp(b - z * se), upper: Math.exp(b + z * se) };
  });
  return {
    method: 'cox-ph',
    options: { ties, variance: robust ? 'robust' : 'model', confLevel, maxIter, eps, countingProcess: cd.entry !== null, strata: cd.strataLabels },
    n,
    events: cd.events,
    clusters,
    coefficients,
    coef: Array.from(fit.beta),
    vcov: toRows(V, p),
    naiveVcov: toRows(naive, p),
    means: Array.from(cd.means),
    logLik: { null: fit.loglik0, fitted: fit.loglik },
    tests: {
      likelihoodRatio: test(2 * (fit.loglik - fit.loglik0), p),
      wald: test(quadInv(V, fit.beta, p), p),
      score: test(fit.scoreTest, p),
      robustScore,
    },
    iterations: fit.iterations,
    converged: fit.converged,
    warnings,
  };
}
