/**
 * Score residuals of a Cox model (each row's contribution to U(β)), as survival's coxscore2 /
 * agscore3 compute them, in O(n·p) instead of O(n²):
 *   L_i = ∫ (x_i − x̄(t)) dM_i(t) = δ_i (x_i − x̄(t_i)) − r_i Σ_{t ∈ (entry_i, time_i]} (x_i − x̄(t)) dΛ̂₀(t)
 * with dΛ̂₀(t) = d/S0 (Breslow). Under Efron ties each of the d fractional risk sets carries
 * hazard h_k = (d/d)/S0_k and mean x̄_k; a row that dies at t is in the k-th set with weight
 * 1 − k/d, its own term is the average (x_i − x̄_k)/d, and the others see the full Σ_k h_k.
 * Running sums H(t) = Σ h, XH(t) = Σ h·x̄ over event times turn each row's integral into two
 * look-ups. dfbeta = L·V gives the robust (sandwich) variance V_r = Dᵀ D, with D summed per
 * cluster (Lin & Wei 1989).
 */
import type { CoxData } from './data.ts';

/** n × p score residuals, column-major, for the centred covariates at linear predictor eta. */
export function scoreResiduals(cd: CoxData, eta: Float64Array, efron: boolean): Float64Array {
  const { n, p, x, time, event, entry, strataStart } = cd;
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) risk[i] = Math.exp(eta[i]);
  const out = new Float64Array(n * p);
  // Per stratum: event times ascending with cumulative sums, built from a backward risk-set sweep.
  for (let s = 0; s < cd.nStrata; s++) {
    const lo = strataStart[s], hi = strataStart[s + 1];
    const times: number[] = [];
    const hAll: number[] = [];        // Σ_k h_k (what non-dying rows at risk see)
    const xhAll: number[][] = [];     // Σ_k h_k x̄_k
    const hDead: number[] = [];       // Σ_k h_k (1 − k/d)
    const xhDead: number[][] = [];    // Σ_k h_k (1 − k/d) x̄_k
    const xbarDead: number[][] = [];  // Σ_k x̄_k / d
    const start = entry ? cd.byStart!.slice(lo, hi) : null;
    let k2 = 0;
    let denom = 0;
    const a = new Float64Array(p), a2 = new Float64Array(p);
    for (let k = lo; k < hi; ) {
      const t = time[k];
      let d = 0, e = 0;
      a2.fill(0);
      for (; k < hi && time[k] === t; k++) {
        const i = k;
        denom += risk[i];
        for (let j = 0; j < p; j++) a[j] += risk[i] * x[i + j * n];
        if (event[i] === 1) {
          d++;
          e += risk[i];
          for (let j = 0; j < p; j++) a2[j] += risk[i] * x[i + j * n];
        }
      }
      if (start && entry) {
        for (; k2 < start.length && entry[start[k2]] >= t; k2++) {
          const i = start[k2];
          denom -= risk[i];
          for (let j = 0; j < p; j++) a[j] -= risk[i] * x[i + j * n];
        }
      }
      if (d === 0) continue;
      const parts = efron && d > 1 ? d : 1;
      let hA = 0, hD = 0;
      const xA = new Array<number>(p).fill(0), xD = new Array<number>(p).fill(0), xb = new Array<number>(p).fill(0);
      for (let m = 0; m < parts; m++) {
        const down = m / parts;
        const s0 = denom - down * e;
        const h = d / parts / s0;
        hA += h;
        hD += h * (1 - down);
        for (let j = 0; j < p; j++) {
          const mean = (a[j] - down * a2[j]) / s0;
          xA[j] += h * mean;
          xD[j] += h * (1 - down) * mean;
          xb[j] += mean / parts;
        }
      }
      times.push(t); hAll.push(hA); xhAll.push(xA); hDead.push(hD); xhDead.push(xD); xbarDead.push(xb);
    }
    // Reverse to ascending time and accumulate.
    times.reverse(); hAll.reverse(); xhAll.reverse(); hDead.reverse(); xhDead.reverse(); xbarDead.reverse();
    const m = times.length;
    const H = new Float64Array(m + 1);
    const XH = new Float64Array((m + 1) * p);
    for (let r = 0; r < m; r++) {
      H[r + 1] = H[r] + hAll[r];
      for (let j = 0; j < p; j++) XH[(r + 1) * p + j] = XH[r * p + j] + xhAll[r][j];
    }
    // #event times ≤ v in this stratum.
    const upto = (v: number): number => {
      let l = 0, h = m;
      while (l < h) {
        const mid = (l + h) >>> 1;
        if (times[mid] <= v) l = mid + 1;
        else h = mid;
      }
      return l;
    };
    for (let k = lo; k < hi; k++) {
      const i = k;
      const r = risk[i];
      const top = upto(time[i]);
      const bottom = entry ? upto(entry[i]) : 0;
      // A death's own time is treated apart (Efron weights); other rows see the full hazard there.
      const dies = event[i] === 1;
      const last = dies ? top - 1 : top;
      for (let j = 0; j < p; j++) {
        const xi = x[i + j * n];
        let v = -r * (xi * (H[last] - H[bottom]) - (XH[last * p + j] - XH[bottom * p + j]));
        if (dies) v += xi - xbarDead[top - 1][j] - r * (xi * hDead[top - 1] - xhDead[top - 1][j]);
        out[i + j * n] = v;
      }
    }
  }
  return out;
}

/** Rows of `resid` (n × p) summed per cluster: m × p, column-major. */
export function collapse(resid: Float64Array, n: number, p: number, cluster: Int32Array, m: number): Float64Array {
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) out[cluster[i] + j * m] += resid[i + j * n];
  return out;
}

/** AᵀA for an m × p column-major A (p × p, column-major). */
export function crossprodCols(A: Float64Array, m: number, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let l = 0; l <= j; l++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += A[i + j * m] * A[i + l * m];
    out[j + l * p] = s;
    out[l + j * p] = s;
  }
  return out;
}
