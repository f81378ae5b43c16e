/**
 * The loops of one IRLS iteration over n rows: working response and weights, the linear predictor
 * and μ, the deviance, μ's validity. The log-link count families (Poisson, negative binomial —
 * the safety models at 10⁵–10⁶ rows) get loops that call the family's functions directly, so
 * V8 inlines them; through the registry's closures, which differ per family and per θ, every row
 * paid three or four un-inlined calls. Each value is computed by the same expression in the same
 * order as through the registry (column-wise sweeps add each row's terms in the same j order),
 * so the results are the same to the last bit.
 */
import type { Family } from './family.ts';
import { expFloor, negbinDevResid, negbinVariance, poissonDevResid } from './family.ts';

export interface Rows {
  readonly n: number;
  readonly p: number;
  /** Column-major n × p design. */
  readonly X: Float64Array;
  readonly y: ArrayLike<number>;
  readonly offset: ArrayLike<number>;
  readonly prior: ArrayLike<number>;
}

/** The kind of fast loop a family has, with θ for the negative binomial. */
export type Kernel = { readonly kind: 'generic'; readonly fam: Family } | { readonly kind: 'poisson' } | { readonly kind: 'negbin'; readonly theta: number };

export function kernelOf(fam: Family, theta: number): Kernel {
  if (fam.id === 'poisson-log') return { kind: 'poisson' };
  if (fam.id === 'negbin-log') return { kind: 'negbin', theta };
  return { kind: 'generic', fam };
}

/**
 * IRLS working quantities: wz = z·√w and the weighted design wx = X·√w (column-major), with w in `w`.
 * `muIsExpEta`: μ was set as expFloor(η) (by linearPredictor or from starting coefficients), so the
 * log link's dμ/dη = expFloor(η) is μ itself and is not computed again.
 */
export function irlsWork(k: Kernel, r: Rows, eta: Float64Array, mu: Float64Array, w: Float64Array, wz: Float64Array, wx: Float64Array, muIsExpEta = false): void {
  const { n, p, y, offset, prior } = r;
  if (k.kind === 'generic') {
    const fam = k.fam;
    for (let i = 0; i < n; i++) {
      const me = fam.muEta(eta[i]);
      const z = eta[i] - offset[i] + (y[i] - mu[i]) / me;
      const wi = Math.sqrt((prior[i] * me * me) / fam.variance(mu[i]));
      wz[i] = z * wi;
      w[i] = wi;
    }
  } else if (k.kind === 'negbin') {
    const theta = k.theta;
    if (muIsExpEta) {
      for (let i = 0; i < n; i++) {
        const me = mu[i];
        const z = eta[i] - offset[i] + (y[i] - me) / me;
        const wi = Math.sqrt((prior[i] * me * me) / negbinVariance(me, theta));
        wz[i] = z * wi;
        w[i] = wi;
      }
    } else for (let i = 0; i < n; i++) {
      const me = expFloor(eta[i]);
      const z = eta[i] - offset[i] + (y[i] - mu[i]) / me;
      const wi = Math.sqrt((prior[i] * me * me) / negbinVariance(mu[i], theta));
      wz[i] = z * wi;
      w[i] = wi;
    }
  } else if (muIsExpEta) {
    for (let i = 0; i < n; i++) {
      const me = mu[i];
      const z = eta[i] - offset[i] + (y[i] - me) / me;
      const wi = Math.sqrt((prior[i] * me * me) / me);
      wz[i] = z * wi;
      w[i] = wi;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const me = expFloor(eta[i]);
      const z = eta[i] - offset[i] + (y[i] - mu[i]) / me;
      const wi = Math.sqrt((prior[i] * me * me) / mu[i]);
      wz[i] = z * wi;
      w[i] = wi;
    }
  }
  const X = r.X;
  for (let j = 0; j < p; j++) {
    const o = j * n;
    for (let i = 0; i < n; i++) wx[o + i] = X[o + i] * w[i];
  }
}

/** η = offset + X·b over the non-aliased (non-NaN) coefficients, and μ = linkinv(η). */
export function linearPredictor(k: Kernel, r: Rows, b: Float64Array, eta: Float64Array, mu: Float64Array): void {
  const { n, p, X, offset } = r;
  for (let i = 0; i < n; i++) eta[i] = offset[i];
  for (let j = 0; j < p; j++) {
    const bj = b[j];
    if (Number.isNaN(bj)) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) eta[i] += X[o + i] * bj;
  }
  if (k.kind === 'generic') {
    const inv = k.fam.linkinv;
    for (let i = 0; i < n; i++) mu[i] = inv(eta[i]);
  } else {
    for (let i = 0; i < n; i++) mu[i] = expFloor(eta[i]);
  }
}

/** Σ prior·unit deviance, summed in row order. */
export function devianceOf(k: Kernel, r: Rows, mu: Float64Array): number {
  const { n, y, prior } = r;
  let d = 0;
  if (k.kind === 'negbin') {
    const theta = k.theta;
    for (let i = 0; i < n; i++) d += prior[i] * negbinDevResid(y[i], mu[i], theta);
  } else if (k.kind === 'poisson') {
    for (let i = 0; i < n; i++) d += prior[i] * poissonDevResid(y[i], mu[i]);
  } else {
    const dr = k.fam.devResid;
    for (let i = 0; i < n; i++) d += prior[i] * dr(y[i], mu[i]);
  }
  return d;
}

/** Each row's term of devianceOf's sum, prior·unit deviance, into `out` (the same expressions). */
export function devianceTerms(k: Kernel, r: Rows, mu: Float64Array, out: Float64Array): void {
  const { n, y, prior } = r;
  if (k.kind === 'negbin') {
    const theta = k.theta;
    for (let i = 0; i < n; i++) out[i] = prior[i] * negbinDevResid(y[i], mu[i], theta);
  } else if (k.kind === 'poisson') {
    for (let i = 0; i < n; i++) out[i] = prior[i] * poissonDevResid(y[i], mu[i]);
  } else {
    const dr = k.fam.devResid;
    for (let i = 0; i < n; i++) out[i] = prior[i] * dr(y[i], mu[i]);
  }
}

/** Whether every μ lies in the family's domain (μ > 0 for the count families). */
export function validMu(k: Kernel, mu: Float64Array): boolean {
  if (k.kind === 'generic') return mu.every(k.fam.validMu);
  for (let i = 0; i < mu.length; i++) if (!(mu[i] > 0)) return false;
  return true;
}
