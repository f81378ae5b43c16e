/**
 * The (restricted) log-likelihood of the marginal model y_i ~ N(X_i β, Σ_i), Σ_i = Σ[s_i, s_i],
 * with β profiled out (β̂ = Φ XᵀV⁻¹y, Φ = (XᵀV⁻¹X)⁻¹):
 *   ML:   ℓ = −½ [N log 2π + Σ_i log|Σ_i| + rᵀV⁻¹r]
 *   REML: ℓ = −½ [(N − p) log 2π + Σ_i log|Σ_i| + rᵀV⁻¹r + log|XᵀV⁻¹X|]   (nlme's gls value)
 * and its gradient in the covariance parameters θ, with V_k = ∂V/∂θ_k:
 *   ∂ℓ/∂θ_k = −½ tr(V⁻¹V_k) + ½ rᵀV⁻¹V_kV⁻¹r [+ ½ tr(Φ XᵀV⁻¹V_kV⁻¹X) for REML]
 * Every term is a pattern sum over the sufficient statistics of data.ts.
 */
import { cholesky, choleskyInverse, choleskyLogDet } from '../../linalg/cholesky.ts';
import { StatsError } from '../../errors.ts';
import type { RepeatedData } from './data.ts';

export interface GlsEvaluation {
  readonly logLik: number;
  readonly beta: Float64Array;
  /** Φ = (XᵀV⁻¹X)⁻¹, p × p column-major. */
  readonly phi: Float64Array;
  /** Σ_P⁻¹ per pattern (k × k). */
  readonly W: readonly Float64Array[];
}

/** Σ_P = Σ[s, s] → its inverse and log-determinant; null when Σ_P is not positive definite. */
function patternInverse(S: Float64Array, T: number, visits: Int32Array): { W: Float64Array; logDet: number } | null {
  const k = visits.length;
  const Sp = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) Sp[a + b * k] = S[visits[a] + visits[b] * T];
  try {
    const L = cholesky({ rows: k, cols: k, data: Sp });
    return { W: choleskyInverse(L).data, logDet: choleskyLogDet(L) };
  } catch (e) {
    if (e instanceof StatsError) return null;
    throw e;
  }
}

/** A derivative ∂Σ_g/∂θ_k: the group whose Σ it moves and the T × T matrix. */
export interface SigmaDerivative {
  readonly group: number;
  readonly D: Float64Array;
}

/** ℓ, β̂ and Φ at Σ (one T × T matrix per covariance group); null when Σ or XᵀV⁻¹X is not positive definite. */
export function evaluateGls(data: RepeatedData, S: readonly Float64Array[], reml: boolean): GlsEvaluation | null {
  const { p, T } = data;
  const xvx = new Float64Array(p * p);
  const xvy = new Float64Array(p);
  let yvy = 0;
  let logDet = 0;
  const Ws: Float64Array[] = [];
  for (const P of data.patterns) {
    const inv = patternInverse(S[P.group], T, P.visits);
    if (!inv) return null;
    const k = P.visits.length;
    Ws.push(inv.W);
    logDet += P.subjects * inv.logDet;
    for (let ab = 0; ab < k * k; ab++) {
      const w = inv.W[ab];
      yvy += w * P.e[ab];
      const d = ab * p;
      for (let i = 0; i < p; i++) xvy[i] += w * P.d[d + i];
      const c = ab * p * p;
      for (let i = 0; i < p * p; i++) xvx[i] += w * P.C[c + i];
    }
  }
  let LA;
  try {
    LA = cholesky({ rows: p, cols: p, data: xvx });
  } catch (e) {
    if (e instanceof StatsError) return null;
    throw e;
  }
  const phi = choleskyInverse(LA).data;
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let b = 0; b < p; b++) s += phi[a + b * p] * xvy[b];
    beta[a] = s;
  }
  let quad = yvy;
  for (let a = 0; a < p; a++) quad -= beta[a] * xvy[a];
  const N = data.nObs;
  const logLik = reml
    ? -0.5 * ((N - p) * Math.log(2 * Math.PI) + logDet + quad + choleskyLogDet(LA))
    : -0.5 * (N * Math.log(2 * Math.PI) + logDet + quad);
  return { logLik, beta, phi, W: Ws };
}

/** Per pattern: Σ_i r_i r_iᵀ (k × k) at β. */
export function residualCrossProducts(data: RepeatedData, beta: Float64Array): Float64Array[] {
  const p = data.p;
  return data.patterns.map((P) => {
    const k = P.visits.length;
    const R = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      const ab = a * k + b;
      const ba = b * k + a;
      let s = P.e[ab];
      for (let i = 0; i < p; i++) s -= beta[i] * (P.d[ab * p + i] + P.d[ba * p + i]);
      const c = ab * p * p;
      for (let j = 0; j < p; j++) {
        let t = 0;
        for (let i = 0; i < p; i++) t += P.C[c + i + j * p] * beta[i];
        s += t * beta[j];
      }
      R[a + b * k] = s;
    }
    return R;
  });
}

/** W_P D_P W_P for the pattern sub-matrix of a T × T derivative D. */
export function sandwich(W: Float64Array, D: Float64Array, T: number, visits: Int32Array): Float64Array {
  const k = visits.length;
  const DW = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += D[visits[a] + visits[c] * T] * W[c + b * k];
    DW[a + b * k] = s;
  }
  const M = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += W[a + c * k] * DW[c + b * k];
    M[a + b * k] = s;
  }
  return M;
}

/** XᵀV⁻¹V_kV⁻¹X = Σ_P Σ_ab (W D_k W)_P[a,b] C_P[a,b] for each derivative D_k. */
export function xvdvx(data: RepeatedData, ev: GlsEvaluation, dSigma: readonly SigmaDerivative[]): Float64Array[] {
  const { p, T } = data;
  return dSigma.map(({ group, D }) => {
    const out = new Float64Array(p * p);
    data.patterns.forEach((P, q) => {
      if (P.group !== group) return;
      const k = P.visits.length;
      const M = sandwich(ev.W[q], D, T, P.visits);
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
        const m = M[a + b * k];
        const c = (a * k + b) * p * p;
        for (let i = 0; i < p * p; i++) out[i] += m * P.C[c + i];
      }
    });
    return out;
  });
}

/** ∂ℓ/∂θ_k given the derivatives D_k = ∂Σ/∂θ_k. */
export function logLikGradient(data: RepeatedData, ev: GlsEvaluation, dSigma: readonly SigmaDerivative[], reml: boolean): Float64Array {
  const { p, T } = data;
  const R = residualCrossProducts(data, ev.beta);
  // tr(Φ C_P[a,b]) per pattern and visit pair, for the REML term.
  const trPhiC = reml
    ? data.patterns.map((P) => {
        const k = P.visits.length;
        const out = new Float64Array(k * k);
        for (let ab = 0; ab < k * k; ab++) {
          let s = 0;
          const c = ab * p * p;
          for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += ev.phi[i + j * p] * P.C[c + j + i * p];
          out[ab] = s;
        }
        return out;
      })
    : null;
  return Float64Array.from(dSigma, ({ group, D }) => {
    let g = 0;
    data.patterns.forEach((P, q) => {
      if (P.group !== group) return;
      const k = P.visits.length;
      const W = ev.W[q];
      const M = sandwich(W, D, T, P.visits);
      let trWD = 0;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) trWD += W[a + b * k] * D[P.visits[b] + P.visits[a] * T];
      g -= 0.5 * P.subjects * trWD;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
        // R and trPhiC are symmetric in (a, b), so the storage order does not matter here.
        g += 0.5 * M[a + b * k] * R[q][a + b * k];
        if (trPhiC) g += 0.5 * M[a + b * k] * trPhiC[q][a * k + b];
      }
    });
    return g;
  });
}
