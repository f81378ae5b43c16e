/**
 * One pass over the risk sets of a Cox model: the log partial likelihood ℓ(β), its gradient U
 * and the information I = −∂²ℓ, for Breslow or Efron ties, strata and counting-process data.
 *
 * Times are walked backwards within each stratum, so the risk set R(t) = {entry < t ≤ time}
 * grows by the rows ending at t and loses the rows that entered at or after t. With r_i = exp(x_iβ),
 * at a time with deaths D (|D| = d) and, for Efron, the k-th of d fractional risk sets
 *   S0_k = Σ_R r_i − (k/d) Σ_D r_i,   S1_k, S2_k likewise for r_i x_i and r_i x_i x_iᵀ  (k = 0 … d−1)
 *   ℓ += Σ_D x_iβ − Σ_k log S0_k,   U += Σ_D x_i − Σ_k S1_k/S0_k,   I += Σ_k (S2_k/S0_k − x̄_k x̄_kᵀ)
 * (Breslow: the single term k = 0 taken d times). Efron's sums are accumulated the way survival's
 * coxfit6 does (deaths added in d equal portions), so rounding follows R's closely.
 *
 * With a time weight g (one value per row, used at the rows' event times) the pass also returns
 * the score and information of the expanded model (x, g(t)·x) at γ = 0 — the ingredients of the
 * Grambsch–Therneau test of proportional hazards (cox.zph) — as blocks [I, gI; gI, g²I].
 */
import type { CoxData } from './data.ts';

export interface SweepResult {
  readonly loglik: number;
  /** Score, length q (= p, or 2p with a time weight). */
  readonly u: Float64Array;
  /** Information, q × q column-major, symmetric. */
  readonly imat: Float64Array;
}

/**
 * `schoen`, when given (n × p, column-major), receives each death row's Schoenfeld residual
 * x_i − x̄(t) (under Efron, x̄ is the average of the d fractional-risk-set means, as cox.zph uses).
 */
/** a += r·x_i, c += r·x_i x_iᵀ (lower triangle, c[j·p + l] for l ≤ j) from the row-major covariates. */
function accumulate(xr: Float64Array, i: number, p: number, r: number, a: Float64Array, c: Float64Array): void {
  const o = i * p;
  for (let j = 0; j < p; j++) {
    const rx = r * xr[o + j];
    a[j] += rx;
    const cj = j * p;
    for (let l = 0; l <= j; l++) c[cj + l] += rx * xr[o + l];
  }
}

export function sweep(cd: CoxData, eta: Float64Array, efron: boolean, g: Float64Array | null = null, schoen: Float64Array | null = null): SweepResult {
  const { p, n, xr, time, event, entry, byStart, strataStart } = cd;
  const q = g ? 2 * p : p;
  const u = new Float64Array(q);
  const imat = new Float64Array(q * q);
  const a = new Float64Array(p), a2 = new Float64Array(p);
  const cmat = new Float64Array(p * p), cmat2 = new Float64Array(p * p);
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) risk[i] = Math.exp(eta[i]);
  const dead = new Int32Array(n);
  const meanSum = new Float64Array(p);
  let loglik = 0;
  for (let s = 0; s < cd.nStrata; s++) {
    const end = strataStart[s + 1];
    let denom = 0;
    // Rows currently at risk: when it falls to 0 the running sums are reset to exact zeros (as
    // survival's agfit4 does), so subtraction leaves no rounding residue behind.
    let nRisk = 0;
    a.fill(0);
    cmat.fill(0);
    let k2 = strataStart[s];
    for (let k = strataStart[s]; k < end; ) {
      const t = time[k];
      let ndead = 0, denom2 = 0, tw = 0;
      for (; k < end && time[k] === t; k++) {
        const i = k;
        const r = risk[i];
        nRisk++;
        if (event[i] === 0) {
          denom += r;
          accumulate(xr, i, p, r, a, cmat);
        } else {
          ndead++;
          dead[ndead - 1] = i;
          denom2 += r;
          loglik += eta[i];
          accumulate(xr, i, p, r, a2, cmat2);
          for (let j = 0; j < p; j++) u[j] += xr[i * p + j];
          if (g) {
            tw = g[i];
            for (let j = 0; j < p; j++) u[j + p] += tw * xr[i * p + j];
          }
        }
      }
      if (entry && byStart) {
        // Rows that entered at or after t are no longer at risk at t.
        for (; k2 < end && entry[byStart[k2]] >= t; k2++) {
          const i = byStart[k2];
          if (--nRisk === 0) {
            denom = 0;
            a.fill(0);
            cmat.fill(0);
            continue;
          }
          denom -= risk[i];
          accumulate(xr, i, p, -risk[i], a, cmat);
        }
      }
      if (ndead === 0) continue;
      const parts = efron && ndead > 1 ? ndead : 1;
      const w = ndead / parts;
      for (let j = 0; j < p; j++) meanSum[j] = 0;
      const inv = 1 / parts;
      for (let m = 0; m < parts; m++) {
        denom += denom2 * inv;
        loglik -= w * Math.log(denom);
        const id = 1 / denom;
        for (let j = 0; j < p; j++) {
          a[j] += a2[j] * inv;
          const mean = a[j] * id;
          meanSum[j] += mean * inv;
          u[j] -= w * mean;
          if (g) u[j + p] -= tw * w * mean;
          const cj = j * p;
          for (let l = 0; l <= j; l++) {
            cmat[cj + l] += cmat2[cj + l] * inv;
            const v = w * (cmat[cj + l] - mean * a[l]) * id;
            imat[l + j * q] += v;
            if (g) {
              imat[l + (j + p) * q] += tw * v;
              imat[l + p + (j + p) * q] += tw * tw * v;
              if (l !== j) imat[j + (l + p) * q] += tw * v;
            }
          }
        }
      }
      if (schoen) for (let m = 0; m < ndead; m++) for (let j = 0; j < p; j++) schoen[dead[m] + j * n] = xr[dead[m] * p + j] - meanSum[j];
      for (let j = 0; j < p; j++) a2[j] = 0;
      for (let j = 0; j < p * p; j++) cmat2[j] = 0;
    }
  }
  // Fill the symmetric halves.
  for (let j = 0; j < q; j++) for (let l = 0; l < j; l++) imat[j + l * q] = imat[l + j * q];
  return { loglik, u, imat };
}
