/**
 * Covariance of the standardised (g-computation) arm risks p̂_a = (1/n) Σᵢ μ̂ᵢ(a), two ways:
 *
 *  'ge-hc0'  (Ge et al. 2011) — the delta method over the coefficients: V = G·V_β·Gᵀ with the HC0
 *            sandwich V_β (sandwich::vcovHC(type = "HC0")) and G_a = (1/n) Σᵢ μ̂ᵢ(a)(1 − μ̂ᵢ(a)) xᵢ(a)ᵀ.
 *            It treats the covariates as fixed: it is the variance of the conditional (sample-average)
 *            effect and misses the covariates' sampling variation.
 *  'ye-2023' (Ye, Bannick, Yi & Shao 2023, eq. as in the paper) — the unconditional variance for the
 *            population-average effect under simple randomisation:
 *              n·V_aa = var_a(Y − μ̂(a)) / π_a + 2·cov_a(Y, μ̂(a)) − var(μ̂(a)),
 *              n·V_ab = cov_a(Y, μ̂(b)) + cov_b(Y, μ̂(a)) − cov(μ̂(a), μ̂(b)),
 *            var_a/cov_a over the participants randomised to a, var/cov over all n (denominators n − 1),
 *            π_a = n_a/n. Under stratified permuted-block randomisation (Ye, Shao, Yi & Zhao 2023,
 *            JASA; Ω_z = 0 for permuted blocks) it subtracts Σ_z (n_z/n)·R_z(diag π − ππᵀ)R_z,
 *            R_z = diag( mean residual of arm a in stratum z / π_a ).
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { StatsError } from '../../errors.ts';
import type { FactorVariable } from './arm-model.ts';

export type MarginalVariance = 'ye-2023' | 'ge-hc0';

/** Ge et al.: G V_β Gᵀ over the estimable coefficients (aliased ones carry NaN in V_β and are skipped). */
export function geCovariance(X: Matrix, armColumns: readonly number[], counterfactual: readonly Float64Array[], vcovBeta: Matrix, coef: Float64Array): number[][] {
  const n = X.rows;
  const p = X.cols;
  const k = counterfactual.length;
  const est = [...Array(p).keys()].filter((j) => !Number.isNaN(coef[j]));
  const armCols = new Set(armColumns.filter((j) => j >= 0));
  const G = counterfactual.map((mu, a) => {
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const w = mu[i] * (1 - mu[i]);
      for (const j of est) {
        // xᵢ(a): the row with the arm indicators set to arm a.
        const x = armCols.has(j) ? (armColumns[a] === j ? 1 : 0) : X.data[i + j * n];
        g[j] += w * x;
      }
    }
    return g.map((v) => v / n);
  });
  const V: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) {
    let s = 0;
    for (const i of est) for (const j of est) s += G[a][i] * vcovBeta.data[i + j * p] * G[b][j];
    V[a][b] = s;
    V[b][a] = s;
  }
  return V;
}

function cov(x: ArrayLike<number>, y: ArrayLike<number>, idx: readonly number[]): number {
  const m = idx.length;
  let mx = 0;
  let my = 0;
  for (const i of idx) {
    mx += x[i];
    my += y[i];
  }
  mx /= m;
  my /= m;
  let s = 0;
  for (const i of idx) s += (x[i] - mx) * (y[i] - my);
  return s / (m - 1);
}

/** Ye et al.: the unconditional covariance, with the stratified-randomisation reduction when strata are given. */
export function yeCovariance(y: ArrayLike<number>, arm: FactorVariable, counterfactual: readonly Float64Array[], fitted: ArrayLike<number>, strata: readonly FactorVariable[] | null, warnings: string[]): number[][] {
  const n = y.length;
  const k = arm.levels.length;
  const all = [...Array(n).keys()];
  const inArm = arm.levels.map((_, a) => all.filter((i) => arm.codes[i] === a));
  inArm.forEach((idx, a) => {
    if (idx.length < 2) throw new StatsError('NOT_ESTIMABLE', `arm "${arm.levels[a]}" has ${idx.length} participant(s); the unconditional variance needs at least 2 per arm`, { arm: arm.levels[a] });
  });
  const pi = inArm.map((idx) => idx.length / n);
  const V: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    const mu = counterfactual[a];
    const resid = Float64Array.from(all, (i) => y[i] - mu[i]);
    V[a][a] = cov(resid, resid, inArm[a]) / pi[a] + 2 * cov(y, mu, inArm[a]) - cov(mu, mu, all);
    for (let b = 0; b < a; b++) {
      const v = cov(y, counterfactual[b], inArm[a]) + cov(y, mu, inArm[b]) - cov(mu, counterfactual[b], all);
      V[a][b] = v;
      V[b][a] = v;
    }
  }
  if (strata && strata.length > 0) {
    // Strata cells: the combinations of all stratification factors that occur.
    const cellOf = all.map((i) => strata.map((s) => s.codes[i]).join('\u0000'));
    const cells = [...new Set(cellOf)];
    for (const cell of cells) {
      const members = all.filter((i) => cellOf[i] === cell);
      const r = arm.levels.map((_, a) => {
        const m = members.filter((i) => arm.codes[i] === a);
        if (m.length === 0) {
          warnings.push(`stratum ${strata.map((s, j) => `${s.name} = ${s.levels[Number(cell.split('\u0000')[j])]}`).join(', ')} has no participant in arm "${arm.levels[a]}": its mean residual is taken as 0 in the stratified-randomisation variance reduction`);
          return 0;
        }
        return m.reduce((s, i) => s + (y[i] - fitted[i]), 0) / m.length / pi[a];
      });
      const w = members.length / n;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) V[a][b] -= w * r[a] * ((a === b ? pi[a] : 0) - pi[a] * pi[b]) * r[b];
    }
  }
  return V.map((row) => row.map((v) => v / n));
}
