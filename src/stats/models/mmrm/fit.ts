/**
 * Fits the MMRM: a marginal linear model y_i ~ N(X_i β, Σ[s_i, s_i]) with no random effects,
 * by REML (default) or ML over the parameters of a covariance structure from the registry.
 * Aliased columns of X are found once by pivoted QR (as lm/gls) and left out; the optimiser
 * runs BFGS from empirical starting values, then from a diagonal start, then Nelder–Mead, each
 * finished by Newton steps, and every failed attempt is recorded. Convergence is always
 * reported, never assumed. Optionally Σ is separate per group (e.g. per arm): θ then stacks one
 * parameter vector per group.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { qrAliased, qrCoef, qrDecompose } from '../../linalg/qr.ts';
import { nullSpaceFromQr } from '../../emm/basis.ts';
import { StatsError } from '../../errors.ts';
import { covarianceStructure } from './covariance/registry.ts';
import type { CovarianceStructure } from './covariance/types.ts';
import { repeatedDataOf, subjectIndex, type RepeatedData, type SubjectIndex } from './data.ts';
import { evaluateGls, logLikGradient, xvdvx, type SigmaDerivative } from './likelihood.ts';
import { bfgs, hessianFromGradient, nelderMead, newtonPolish, solvePositive, type Minimum } from './optimize.ts';
import { diagonalOf, empiricalCovariance } from './start.ts';
import { betweenWithinSplit } from './df/between-within.ts';
import type { MmrmConvergence, MmrmFit, MmrmOptions } from './types.ts';

export interface MmrmInput {
  /** Long format: one row per observed subject × visit. */
  readonly X: Matrix;
  readonly columnNames: readonly string[];
  readonly y: ArrayLike<number>;
  readonly subject: ArrayLike<string | number>;
  /** Visit index per row (0 … visits.length − 1). */
  readonly visit: ArrayLike<number>;
  readonly visits: readonly string[];
  /** Optional: a separate Σ per group (e.g. per arm), constant within subject. */
  readonly covarianceGroup?: { readonly name: string; readonly levels: readonly string[]; readonly codes: ArrayLike<number> };
}

const GTOL = 1e-5;

/** Σ_g for each covariance group: θ holds the groups' parameter vectors one after another. */
export function groupSigmas(cov: CovarianceStructure, theta: Float64Array, T: number, nGroups: number): Float64Array[] {
  const m = cov.nTheta(T);
  return Array.from({ length: nGroups }, (_, g) => cov.sigma(theta.subarray(g * m, (g + 1) * m), T));
}

/** ∂Σ_g/∂θ_k by a fourth-order central difference of the (cheap, smooth) map θ → Σ. */
export function sigmaDerivatives(cov: CovarianceStructure, theta: Float64Array, T: number): SigmaDerivative[] {
  const m = cov.nTheta(T);
  return Array.from(theta, (_, k) => {
    const group = Math.floor(k / m);
    const own = theta.slice(group * m, (group + 1) * m);
    const j = k - group * m;
    const h = 1e-3 * Math.max(1, Math.abs(own[j]));
    const at = (d: number) => {
      const t = Float64Array.from(own);
      t[j] += d;
      return cov.sigma(t, T);
    };
    const p1 = at(h), m1 = at(-h), p2 = at(2 * h), m2 = at(-2 * h);
    return { group, D: p1.map((_, i) => (8 * (p1[i] - m1[i]) - (p2[i] - m2[i])) / (12 * h)) };
  });
}

/**
 * The null space of X from the fit's QR, keyed by the very matrix, so mmrmBasis on the design the
 * fit was made from need not decompose the long-format X a second time.
 */
const nullSpaces = new WeakMap<Matrix, Float64Array[]>();

export function fittedNullSpace(X: Matrix): Float64Array[] | undefined {
  return nullSpaces.get(X);
}

export function fitMmrm(input: MmrmInput, options: MmrmOptions = {}): MmrmFit {
  const opts = { covariance: options.covariance ?? 'unstructured', method: options.method ?? 'REML', df: options.df ?? 'satterthwaite' } as const;
  const cov = covarianceStructure(opts.covariance);
  const reml = opts.method === 'REML';
  const T = input.visits.length;
  const { X } = input;
  if (input.columnNames.length !== X.cols) throw new StatsError('LENGTH_MISMATCH', `${input.columnNames.length} column names for ${X.cols} columns`);
  const Xd = X.data;
  for (let i = 0; i < Xd.length; i++) if (!Number.isFinite(Xd[i])) throw new StatsError('NON_FINITE', `X has a non-finite value in column "${input.columnNames[Math.floor(i / X.rows)]}"`);
  const qr = qrDecompose(X);
  nullSpaces.set(X, nullSpaceFromQr(qr));
  const aliasedIdx = new Set(qrAliased(qr));
  const estimable = Int32Array.from({ length: X.cols }, (_, j) => j).filter((j) => !aliasedIdx.has(j));
  const grp = input.covarianceGroup;
  const nGroups = grp ? grp.levels.length : 1;
  // Fit the OLS residuals e = y − Xb₀ (then β = b₀ + β_e exactly, and ℓ is unchanged since it
  // depends on y only through y − Xβ̂): the sufficient statistics then never cancel, however large
  // y's mean. And divide by s, a power of 2 near SD(e) (exact): the unstructured off-diagonal
  // parameters carry y's unit, and a tolerance on the gradient should not.
  const b0 = qrCoef(qr, input.y);
  const n = X.rows;
  const e = Float64Array.from(input.y);
  for (const j of estimable) {
    const bj = b0[j];
    const off = j * n;
    for (let i = 0; i < n; i++) e[i] -= Xd[i + off] * bj;
  }
  const scale = yScale(e);
  for (let i = 0; i < n; i++) e[i] /= scale;
  const subjects = subjectIndex(input.subject);
  const data = repeatedDataOf(X, estimable, e, input.subject, subjects, input.visit, T, grp?.codes, nGroups);
  for (let g = 0; g < nGroups; g++) if (!data.patterns.some((P) => P.group === g)) throw new StatsError('EMPTY_GROUP', `covariance group ${grp!.name} = ${grp!.levels[g]} has no observations`);
  const r = data.p;
  if (data.nObs - (reml ? r : 0) <= 0) throw new StatsError('EMPTY_INPUT', `${data.nObs} observations for ${r} fixed effects`);

  const f = (theta: Float64Array) => {
    const ev = evaluateGls(data, groupSigmas(cov, theta, T, nGroups), reml);
    return ev ? -ev.logLik : Infinity;
  };
  const grad = (theta: Float64Array) => {
    const ev = evaluateGls(data, groupSigmas(cov, theta, T, nGroups), reml);
    if (!ev) return null;
    return logLikGradient(data, ev, sigmaDerivatives(cov, theta, T), reml).map((g) => -g);
  };

  const S0 = empiricalCovariance(data);
  const startFrom = (S: Float64Array) => {
    const one = cov.start(S, T);
    const out = new Float64Array(one.length * nGroups);
    for (let g = 0; g < nGroups; g++) out.set(one, g * one.length);
    return out;
  };
  const messages: string[] = [];
  let best: Minimum | null = null;
  let optimizer = '';
  const attempts: [string, () => Minimum][] = [
    ['bfgs', () => bfgs(f, grad, startFrom(S0), GTOL)],
    ['bfgs-diagonal-start', () => bfgs(f, grad, startFrom(diagonalOf(S0, T)), GTOL)],
    ['nelder-mead', () => {
      const nm = nelderMead(f, startFrom(diagonalOf(S0, T)));
      return { x: nm.x, value: nm.value, iterations: nm.iterations, gradientMax: Infinity, converged: false };
    }],
  ];
  for (const [name, run] of attempts) {
    let m = run();
    if (Number.isFinite(m.value)) {
      const polished = newtonPolish(f, grad, m.x, GTOL);
      if (polished.value <= m.value || polished.converged) m = { ...polished, iterations: m.iterations + polished.iterations };
    }
    if (!best || m.value < best.value) {
      best = m;
      optimizer = name;
    }
    if (m.converged) break;
    messages.push(`${name} did not converge (max |gradient| ${m.gradientMax.toPrecision(3)} after ${m.iterations} iterations)`);
  }
  const theta = best!.x;
  const ev = evaluateGls(data, groupSigmas(cov, theta, T, nGroups), reml);
  if (!ev) throw new StatsError('NOT_CONVERGED', `no positive-definite covariance found: ${messages.join('; ')}`);
  const H = hessianFromGradient(grad, theta);
  const nTh = theta.length;
  let thetaVcov: Float64Array | null = null;
  if (H) {
    const A = new Float64Array(nTh * nTh);
    let ok = true;
    for (let k = 0; k < nTh && ok; k++) {
      const e = new Float64Array(nTh);
      e[k] = 1;
      const col = solvePositive(H, e);
      if (!col) ok = false;
      else A.set(col, k * nTh);
    }
    if (ok) thetaVcov = A;
  }
  if (!thetaVcov) messages.push('the Hessian of the log-likelihood in the covariance parameters is not negative definite at the estimate');
  const convergence: MmrmConvergence = {
    converged: best!.converged && thetaVcov !== null,
    optimizer,
    iterations: best!.iterations,
    gradientMax: best!.gradientMax,
    hessianPositiveDefinite: thetaVcov !== null,
    messages,
  };
  return assemble(input, opts, data, estimable, theta, ev, thetaVcov, convergence, cov, scale, b0, subjects);
}

function yScale(y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i] / y.length;
  let v = 0;
  for (let i = 0; i < y.length; i++) v += (y[i] - m) ** 2 / Math.max(1, y.length - 1);
  return v > 0 && Number.isFinite(v) ? 2 ** Math.round(Math.log2(Math.sqrt(v))) : 1;
}

function assemble(
  input: MmrmInput, opts: Required<MmrmOptions>, data: RepeatedData, estimable: Int32Array, theta: Float64Array,
  ev: NonNullable<ReturnType<typeof evaluateGls>>, thetaVcov: Float64Array | null, convergence: MmrmConvergence, cov: CovarianceStructure, scale: number, b0: Float64Array, subjects: SubjectIndex,
): MmrmFit {
  const p = input.X.cols;
  const r = data.p;
  const T = data.T;
  const coef = new Float64Array(p).fill(Number.NaN);
  const vcov = new Float64Array(p * p).fill(Number.NaN);
  estimable.forEach((j, a) => {
    coef[j] = b0[j] + ev.beta[a] * scale;
    estimable.forEach((k, b) => (vcov[j + k * p] = ev.phi[a + b * r] * scale * scale));
  });
  const se = Float64Array.from({ length: p }, (_, j) => Math.sqrt(vcov[j + j * p]));
  const nPar = r + theta.length;
  const reml = opts.method === 'REML';
  // Back on y's scale: Φ·s², ∂(XᵀV⁻¹X)/∂θ / s² (θ itself is the scaled problem's), ℓ − (N − p) log s
  // (REML; N log s for ML) — the Jacobian of y → y / s.
  const dInfo = xvdvx(data, ev, sigmaDerivatives(cov, theta, T)).map((M) => M.map((v) => v / (scale * scale)));
  const phi = ev.phi.map((v) => v * scale * scale);
  const logLik = ev.logLik - (data.nObs - (opts.method === 'REML' ? r : 0)) * Math.log(scale);
  // The between/within split (a pass over X and a QR of its between-subject columns) matters
  // only to the between-within df: computed then, or on first use (mmrmBasis may ask for it).
  let split: ReturnType<typeof betweenWithinSplit> | null = null;
  const bw = () => (split ??= betweenWithinSplit(input.X, input.subject, estimable, data.nObs, data.nSubjects, subjects));
  if (opts.df === 'between-within') bw();
  return {
    method: 'mmrm',
    options: opts,
    convergence,
    logLik,
    AIC: -2 * logLik + 2 * nPar,
    BIC: -2 * logLik + nPar * Math.log(data.nObs - (reml ? r : 0)),
    nPar,
    nObs: data.nObs,
    nSubjects: data.nSubjects,
    visits: input.visits,
    columnNames: input.columnNames,
    coef,
    se,
    vcov: { rows: p, cols: p, data: vcov },
    aliased: Array.from({ length: p }, (_, j) => j).filter((j) => !estimable.includes(j)).map((j) => input.columnNames[j]),
    rank: r,
    theta,
    covarianceGroups: input.covarianceGroup ? { name: input.covarianceGroup.name, levels: input.covarianceGroup.levels } : null,
    yScale: scale,
    sigma: groupSigmas(cov, theta, T, data.nGroups).map((S) => ({ rows: T, cols: T, data: S.map((v) => v * scale * scale) })),
    dfInfo: {
      residual: data.nObs - r,
      get between() {
        return bw().between;
      },
      get within() {
        return bw().within;
      },
      get betweenColumn() {
        return bw().betweenColumn;
      },
      estimable,
      phi,
      dInfo,
      thetaVcov,
    },
  };
}
