/**
 * Negative binomial regression with log link (Venables & Ripley's MASS::glm.nb): alternate an
 * IRLS fit at fixed θ with the maximum-likelihood θ given μ (Newton's method on the score,
 * as MASS::theta.ml), until the deviance and θ settle. Reports θ, its SE, and rate ratios exp(β)
 * with Wald CIs. θ is iterated to full precision (MASS::glm.nb stops theta.ml at ε^¼, so its
 * estimates differ from the exact ML ones in the 5th–7th digit; the tests use a refined R reference).
 */
import digamma from '@stdlib/math-base-special-digamma';
import trigamma from '@stdlib/math-base-special-trigamma';
import type { Matrix } from '../../linalg/matrix.ts';
import { StatsError } from '../../errors.ts';
import { glm, type GlmFit, type GlmOptions } from './irls.ts';

export interface NegBinFit extends GlmFit {
  readonly theta: number;
  readonly thetaSe: number;
  readonly outerIterations: number;
}

/** The distinct values of y (first-seen order) and each row's index into them. */
function distinct(y: ArrayLike<number>): { values: number[]; index: Uint32Array } {
  const at = new Map<number, number>();
  const values: number[] = [];
  const index = new Uint32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let k = at.get(y[i]);
    if (k === undefined) {
      k = values.length;
      values.push(y[i]);
      at.set(y[i], k);
    }
    index[i] = k;
  }
  return { values, index };
}

export function thetaMl(y: ArrayLike<number>, mu: ArrayLike<number>, weights?: ArrayLike<number>, limit = 100, eps = 1e-12): { theta: number; se: number } {
  const n = y.length;
  const w = weights ?? new Float64Array(n).fill(1);
  const sw = Array.from(w).reduce((a, b) => a + b, 0);
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += w[i] * (y[i] / mu[i] - 1) ** 2;
  let t = sw / s0;
  if (!(t > 0) || !Number.isFinite(t)) t = 1;
  // digamma(θ + y) and trigamma(θ + y) once per distinct count (a few hundred values at any n),
  // and the terms in θ alone once per pass: the same values added in the same order as per row.
  const { values, index } = distinct(y);
  const dg = new Float64Array(values.length);
  const score = (th: number) => {
    for (let k = 0; k < values.length; k++) dg[k] = digamma(th + values[k]);
    const dth = digamma(th);
    const lth = Math.log(th);
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * (dg[index[i]] - dth + lth + 1 - Math.log(th + mu[i]) - (y[i] + th) / (mu[i] + th));
    return s;
  };
  const info = (th: number) => {
    for (let k = 0; k < values.length; k++) dg[k] = trigamma(th + values[k]);
    const tth = trigamma(th);
    const ith = 1 / th;
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * (-dg[index[i]] + tth - ith + 2 / (mu[i] + th) - (y[i] + th) / (mu[i] + th) ** 2);
    return s;
  };
  for (let it = 0; it < limit; it++) {
    const del = score(t) / info(t);
    // A Newton step past 0 is halved back into the domain (θ > 0).
    t = t + del > 0 ? t + del : t / 2;
    if (!Number.isFinite(t) || t > 1e12) throw new StatsError('NOT_CONVERGED', 'the ML estimate of θ diverges: the counts show no overdispersion (use a Poisson model)');
    if (Math.abs(del) < eps * Math.max(1, t)) break;
  }
  return { theta: t, se: Math.sqrt(1 / info(t)) };
}

export function glmNegBin(X: Matrix, y: ArrayLike<number>, options: Omit<GlmOptions, 'theta'> = {}): NegBinFit {
  // The inner fits' null deviances are never read: only the last fit's, when asked for.
  const inner = { ...options, nullDeviance: false };
  let fit = glm(X, y, 'poisson-log', inner);
  let { theta } = thetaMl(y, fit.mu, options.weights);
  let outer = 0;
  let devOld = Infinity;
  let thetaOld = Infinity;
  for (; outer < 50; outer++) {
    fit = glm(X, y, 'negbin-log', { ...inner, theta, start: fit.coef });
    ({ theta } = thetaMl(y, fit.mu, options.weights));
    if (Math.abs(devOld - fit.deviance) / (Math.abs(fit.deviance) + 0.1) < 1e-12 && Math.abs(theta - thetaOld) < 1e-10 * theta) break;
    devOld = fit.deviance;
    thetaOld = theta;
  }
  fit = glm(X, y, 'negbin-log', { ...options, theta, start: fit.coef });
  const { se } = thetaMl(y, fit.mu, options.weights);
  const warnings = [...fit.warnings];
  if (outer >= 50) warnings.push('the alternation between β and θ did not settle in 50 rounds');
  return { ...fit, theta, thetaSe: se, outerIterations: outer + 1, warnings, converged: fit.converged && outer < 50 };
}
