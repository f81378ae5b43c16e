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
import { countModelGroups, glmFit, type GlmFit, type GlmOptions } from './irls.ts';
import { perGroup, sumByRow, type RowGroups } from './row-groups.ts';

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
  return thetaMlOf(y, mu, weights, distinct(y), limit, eps, true);
}

/**
 * θ by Newton's method from the moment estimate. `counts` is distinct(y), computed once per fit
 * by glmNegBin (y does not change between its rounds); the SE (one more information pass) only
 * when asked for. Score and information at the same θ are summed in one pass, each in row order
 * with the same expressions as two separate passes; without weights the factor 1 is left out
 * (1·x = x exactly), so the values are the same to the last bit.
 */
function thetaMlOf(y: ArrayLike<number>, mu: ArrayLike<number>, weights: ArrayLike<number> | undefined, counts: { values: number[]; index: Uint32Array }, limit: number, eps: number, withSe: boolean): { theta: number; se: number } {
  const n = y.length;
  let sw = 0;
  if (weights) for (let i = 0; i < n; i++) sw += weights[i];
  else sw = n;
  let s0 = 0;
  if (weights) for (let i = 0; i < n; i++) s0 += weights[i] * (y[i] / mu[i] - 1) ** 2;
  else for (let i = 0; i < n; i++) s0 += (y[i] / mu[i] - 1) ** 2;
  let t = sw / s0;
  if (!(t > 0) || !Number.isFinite(t)) t = 1;
  // digamma(θ + y) and trigamma(θ + y) once per distinct count (a few hundred values at any n),
  // and the terms in θ alone once per pass: the same values added in the same order as per row.
  const { values, index } = counts;
  const dg = new Float64Array(values.length);
  const tg = new Float64Array(values.length);
  let score = 0;
  let info = 0;
  /** Score and information at θ = th, into `score` and `info`. */
  const both = (th: number): void => {
    for (let k = 0; k < values.length; k++) {
      dg[k] = digamma(th + values[k]);
      tg[k] = trigamma(th + values[k]);
    }
    const dth = digamma(th);
    const lth = Math.log(th);
    const tth = trigamma(th);
    const ith = 1 / th;
    let s = 0;
    let f = 0;
    if (weights) {
      for (let i = 0; i < n; i++) {
        const a = mu[i] + th;
        const c = y[i] + th;
        const k = index[i];
        s += weights[i] * (dg[k] - dth + lth + 1 - Math.log(a) - c / a);
        f += weights[i] * (-tg[k] + tth - ith + 2 / a - c / a ** 2);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const a = mu[i] + th;
        const c = y[i] + th;
        const k = index[i];
        s += dg[k] - dth + lth + 1 - Math.log(a) - c / a;
        f += -tg[k] + tth - ith + 2 / a - c / a ** 2;
      }
    }
    score = s;
    info = f;
  };
  /** The information alone (for the SE at the final θ). */
  const infoAt = (th: number): number => {
    for (let k = 0; k < values.length; k++) tg[k] = trigamma(th + values[k]);
    const tth = trigamma(th);
    const ith = 1 / th;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const a = mu[i] + th;
      const term = -tg[index[i]] + tth - ith + 2 / a - (y[i] + th) / a ** 2;
      f += weights ? weights[i] * term : term;
    }
    return f;
  };
  return newtonTheta(t, () => score / info, both, infoAt, limit, eps, withSe);
}

/**
 * The Newton iteration for θ shared by thetaMlOf and thetaMlGrouped: `both(θ)` computes the score
 * and information at θ, `step()` reads their ratio, `infoAt(θ)` the information alone (for the
 * SE at the final θ). A step past 0 is halved back into the domain (θ > 0).
 */
function newtonTheta(start: number, step: () => number, both: (th: number) => void, infoAt: (th: number) => number, limit: number, eps: number, withSe: boolean): { theta: number; se: number } {
  let t = start;
  for (let it = 0; it < limit; it++) {
    both(t);
    const del = step();
    t = t + del > 0 ? t + del : t / 2;
    if (!Number.isFinite(t) || t > 1e12) throw new StatsError('NOT_CONVERGED', 'the ML estimate of θ diverges: the counts show no overdispersion (use a Poisson model)');
    if (Math.abs(del) < eps * Math.max(1, t)) break;
  }
  return { theta: t, se: withSe ? Math.sqrt(1 / infoAt(t)) : Number.NaN };
}

/**
 * thetaMlOf over row groups (row-groups.ts): y, μ and the weights per group, every row's term
 * computed once per group by thetaMlOf's expressions and added in row order — the same θ and SE
 * to the last bit.
 */
function thetaMlGrouped(gy: Float64Array, gMu: Float64Array, weights: ArrayLike<number> | undefined, groups: RowGroups, limit: number, eps: number, withSe: boolean): { theta: number; se: number } {
  const n = groups.of.length;
  const G = groups.count;
  const gw = weights ? perGroup(weights, groups) : null;
  const sTerm = new Float64Array(G);
  const fTerm = new Float64Array(G);
  let sw = 0;
  if (weights) for (let i = 0; i < n; i++) sw += weights[i];
  else sw = n;
  if (gw) for (let g = 0; g < G; g++) sTerm[g] = gw[g] * (gy[g] / gMu[g] - 1) ** 2;
  else for (let g = 0; g < G; g++) sTerm[g] = (gy[g] / gMu[g] - 1) ** 2;
  const s0 = sumByRow(sTerm, groups.of);
  let t = sw / s0;
  if (!(t > 0) || !Number.isFinite(t)) t = 1;
  let score = 0;
  let info = 0;
  const of = groups.of;
  const both = (th: number): void => {
    const dth = digamma(th);
    const lth = Math.log(th);
    const tth = trigamma(th);
    const ith = 1 / th;
    for (let g = 0; g < G; g++) {
      const a = gMu[g] + th;
      const c = gy[g] + th;
      const dg = digamma(th + gy[g]);
      const tg = trigamma(th + gy[g]);
      if (gw) {
        sTerm[g] = gw[g] * (dg - dth + lth + 1 - Math.log(a) - c / a);
        fTerm[g] = gw[g] * (-tg + tth - ith + 2 / a - c / a ** 2);
      } else {
        sTerm[g] = dg - dth + lth + 1 - Math.log(a) - c / a;
        fTerm[g] = -tg + tth - ith + 2 / a - c / a ** 2;
      }
    }
    let s = 0;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const g = of[i];
      s += sTerm[g];
      f += fTerm[g];
    }
    score = s;
    info = f;
  };
  const infoAt = (th: number): number => {
    const tth = trigamma(th);
    const ith = 1 / th;
    for (let g = 0; g < G; g++) {
      const a = gMu[g] + th;
      const term = -trigamma(th + gy[g]) + tth - ith + 2 / a - (gy[g] + th) / a ** 2;
      fTerm[g] = gw ? gw[g] * term : term;
    }
    return sumByRow(fTerm, of);
  };
  return newtonTheta(t, () => score / info, both, infoAt, limit, eps, withSe);
}

/** `grouping` 'off' fits row by row (the tests compare both ways; the results are the same). */
export function glmNegBin(X: Matrix, y: ArrayLike<number>, options: Omit<GlmOptions, 'theta'> = {}, grouping: 'auto' | 'off' = 'auto'): NegBinFit {
  // The inner fits' null deviances are never read: only the last fit's, when asked for.
  const inner = { ...options, nullDeviance: false };
  // Found once for every fit (X, y, offset and weights do not change between them); null: row by row.
  const groups = grouping === 'off' ? null : countModelGroups('negbin-log', X, y, options.offset, options.weights);
  const gy = groups ? perGroup(y, groups) : null;
  const counts = groups ? null : distinct(y);
  const theta0 = (r: { fit: GlmFit; groupMu: Float64Array | null }, withSe = false) =>
    groups && r.groupMu ? thetaMlGrouped(gy!, r.groupMu, options.weights, groups, 100, 1e-12, withSe) : thetaMlOf(y, r.fit.mu, options.weights, counts ?? distinct(y), 100, 1e-12, withSe);
  let r = glmFit(X, y, 'poisson-log', inner, groups);
  let { theta } = theta0(r);
  let outer = 0;
  let devOld = Infinity;
  let thetaOld = Infinity;
  for (; outer < 50; outer++) {
    r = glmFit(X, y, 'negbin-log', { ...inner, theta, start: r.fit.coef }, groups);
    ({ theta } = theta0(r));
    if (Math.abs(devOld - r.fit.deviance) / (Math.abs(r.fit.deviance) + 0.1) < 1e-12 && Math.abs(theta - thetaOld) < 1e-10 * theta) break;
    devOld = r.fit.deviance;
    thetaOld = theta;
  }
  r = glmFit(X, y, 'negbin-log', { ...options, theta, start: r.fit.coef }, groups);
  const { se } = theta0(r, true);
  const fit = r.fit;
  const warnings = [...fit.warnings];
  if (outer >= 50) warnings.push('the alternation between β and θ did not settle in 50 rounds');
  return { ...fit, theta, thetaSe: se, outerIterations: outer + 1, warnings, converged: fit.converged && outer < 50 };
}
