/**
 * GLM families as a registry (McCullagh & Nelder 1989): link, inverse link and its derivative,
 * variance function, unit deviance and starting values, for binomial-logit, binomial-log
 * (log-binomial), poisson-log, negative binomial (fixed θ) and gaussian-identity.
 */
export type FamilyId = 'binomial-logit' | 'binomial-log' | 'poisson-log' | 'negbin-log' | 'gaussian-identity';

export interface Family {
  readonly id: FamilyId;
  readonly linkinv: (eta: number) => number;
  /** dμ/dη */
  readonly muEta: (eta: number) => number;
  readonly link: (mu: number) => number;
  readonly variance: (mu: number) => number;
  readonly devResid: (y: number, mu: number) => number;
  readonly start: (y: number) => number;
  /** Whether the dispersion is fixed at 1 (z tests) or estimated (t tests). */
  readonly fixedDispersion: boolean;
  readonly validMu: (mu: number) => boolean;
}

const ylogy = (y: number, mu: number) => (y > 0 ? y * Math.log(y / mu) : 0);
const EPS = 2.220446049250313e-16;

// The log-link count families' pieces as plain functions: the IRLS kernels (kernels.ts) call them
// directly, so the hot loops inline them, and the registry below wraps the same functions.
/** Inverse log link (and its derivative), kept ≥ ε as R's poisson()/negative.binomial() do. */
export const expFloor = (eta: number): number => Math.max(Math.exp(eta), EPS);
export const negbinVariance = (mu: number, theta: number): number => mu + (mu * mu) / theta;
export const poissonDevResid = (y: number, mu: number): number => 2 * (ylogy(y, mu) - (y - mu));
export const negbinDevResid = (y: number, mu: number, theta: number): number => 2 * (ylogy(y, mu) - (y + theta) * Math.log((y + theta) / (mu + theta)));

export function family(id: FamilyId, theta = 1): Family {
  switch (id) {
    case 'binomial-logit':
      return {
        id, fixedDispersion: true,
        linkinv: (eta) => {
          // R's clamping keeps μ strictly inside (0, 1).
          const t = eta < -30 ? EPS : eta > 30 ? 1 / EPS : Math.exp(eta);
          return t / (1 + t);
        },
        muEta: (eta) => {
          const o = Math.exp(-Math.abs(eta));
          return Math.max(o / (1 + o) ** 2, EPS);
        },
        link: (mu) => Math.log(mu / (1 - mu)),
        variance: (mu) => mu * (1 - mu),
        devResid: (y, mu) => 2 * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
        start: (y) => (y + 0.5) / 2,
        validMu: (mu) => mu > 0 && mu < 1,
      };
    case 'binomial-log':
      return {
        id, fixedDispersion: true,
        linkinv: (eta) => Math.max(Math.exp(eta), EPS),
        muEta: (eta) => Math.max(Math.exp(eta), EPS),
        link: (mu) => Math.log(mu),
        variance: (mu) => mu * (1 - mu),
        devResid: (y, mu) => 2 * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
        start: (y) => (y + 0.5) / 2,
        validMu: (mu) => mu > 0 && mu < 1,
      };
    case 'poisson-log':
      return {
        id, fixedDispersion: true,
        linkinv: expFloor,
        muEta: expFloor,
        link: (mu) => Math.log(mu),
        variance: (mu) => mu,
        devResid: poissonDevResid,
        start: (y) => y + 0.1,
        validMu: (mu) => mu > 0,
      };
    case 'negbin-log':
      return {
        id, fixedDispersion: true,
        linkinv: expFloor,
        muEta: expFloor,
        link: (mu) => Math.log(mu),
        variance: (mu) => negbinVariance(mu, theta),
        devResid: (y, mu) => negbinDevResid(y, mu, theta),
        start: (y) => y + (y === 0 ? 1 / 6 : 0),
        validMu: (mu) => mu > 0,
      };
    case 'gaussian-identity':
      return {
        id, fixedDispersion: false,
        linkinv: (eta) => eta,
        muEta: () => 1,
        link: (mu) => mu,
        variance: () => 1,
        devResid: (y, mu) => (y - mu) ** 2,
        start: (y) => y,
        validMu: () => true,
      };
  }
}
