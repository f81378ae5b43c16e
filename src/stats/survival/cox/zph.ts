/**
 * The Grambsch–Therneau test of proportional hazards, as survival 3.x's `cox.zph`: a score test,
 * at (β̂, γ = 0), of the time-varying model β(t) = β + γ·g(t) for each term and globally.
 *
 * With g centred at its mean over the events, the expanded score for γ is U_γ = Σ_events g(t_i)
 * (x_i − x̄(t_i)) and the expanded information is the 2p × 2p matrix [I, I_g; I_g, I_gg] with the
 * per-time blocks weighted by 1, g and g² (Efron or Breslow as the fit). The test for a term with
 * columns J is T = ũᵀ Ĩ⁻¹ ũ with ũ = (0_p, U_γJ) over rows/columns (1…p, p + J) — the full
 * score-test form of survival ≥ 3.0, not the older approximation from scaled residuals.
 * Time transforms: "km" g(t) = 1 − Ŝ(t−) (Kaplan–Meier of all rows, ignoring strata),
 * "identity" t, "rank" the rank of t among all rows, "log" log t.
 * Scaled Schoenfeld residuals (for plots of β(t)) follow cox.zph too: r_i V̄⁻¹ + β̂ with
 * V̄ = I / (events in strata where the covariate varies).
 */
import { StatsError } from '../../errors.ts';
import { chiSquare } from '../../dist/continuous.ts';
import { cholesky, choleskySolve } from '../../linalg/cholesky.ts';
import { kaplanMeier } from '../kaplan-meier.ts';
import { type CoxInput, type CoxData, coxData, linearPredictor } from './data.ts';
import { sweep } from './sweep.ts';
import type { CoxResult } from './fit.ts';
import { scaledSchoenfeld, type ZphResiduals } from './zph-residuals.ts';

export type ZphTransform = 'km' | 'identity' | 'rank' | 'log';

export interface ZphTerm {
  readonly name: string;
  /** Column indices (0-based) of the term in the model matrix. */
  readonly columns: readonly number[];
}

export interface ZphOptions {
  readonly transform?: ZphTransform;
  /** Terms tested jointly (e.g. the dummy columns of a factor); default one per column. */
  readonly terms?: readonly ZphTerm[];
  /** Return the scaled Schoenfeld residuals (one row per event) for plotting. */
  readonly residuals?: boolean;
}

export interface ZphTestRow {
  readonly term: string;
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

export interface ZphResult {
  readonly method: 'cox-zph';
  readonly options: { readonly transform: ZphTransform; readonly ties: CoxResult['options']['ties'] };
  readonly tests: readonly ZphTestRow[];
  readonly global: ZphTestRow;
  /** With `residuals`: event times (by stratum, then time), g(t) before centring, and the scaled residuals per term. */
  readonly residuals: ZphResiduals | null;
}

/**
 * One term per formula term of a design from `modelMatrix(…, intercept: false)` — a factor's
 * dummy columns together, as cox.zph's default terms = TRUE groups them.
 */
export function zphTerms(design: { readonly assign: ArrayLike<number>; readonly terms: readonly (readonly string[])[] }): ZphTerm[] {
  return design.terms.map((t, k) => ({
    name: t.join(':'),
    columns: Array.from(design.assign).flatMap((a, j) => (a === k + 1 ? [j] : [])),
  })).filter((t) => t.columns.length > 0);
}

function rank(v: Float64Array): Float64Array {
  const n = v.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && v[idx[j + 1]] === v[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

function transformTimes(cd: CoxData, transform: ZphTransform): Float64Array {
  const t = cd.time;
  switch (transform) {
    case 'identity':
      return t.slice();
    case 'log':
      return t.map((v) => {
        if (!(v > 0)) throw new StatsError('INVALID_ARGUMENT', 'the "log" transform needs times > 0');
        return Math.log(v);
      });
    case 'rank':
      return rank(t);
    case 'km': {
      // 1 − Ŝ(t−): the Kaplan–Meier of all rows just before each row's time.
      const km = kaplanMeier({ time: t, event: cd.event, ...(cd.entry ? { entry: cd.entry } : {}) }, { confType: 'plain' }).curves[0];
      const out = new Float64Array(cd.n);
      for (let i = 0; i < cd.n; i++) {
        let lo = 0, hi = km.time.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (km.time[mid] < t[i]) lo = mid + 1;
          else hi = mid;
        }
        out[i] = 1 - (lo === 0 ? 1 : km.surv[lo - 1]);
      }
      return out;
    }
    default:
      throw new StatsError('INVALID_ARGUMENT', `transform must be "km", "identity", "rank" or "log", got ${JSON.stringify(transform)}`);
  }
}

/** uᵀ A⁻¹ u for the rows/columns `keep` of the 2p × 2p matrix A. */
function scoreStat(imat: Float64Array, q: number, u: Float64Array, keep: number[]): number {
  const m = keep.length;
  const sub = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a + b * m] = imat[keep[a] + keep[b] * q];
  const us = keep.map((k) => u[k]);
  let L;
  try {
    L = cholesky({ rows: m, cols: m, data: sub });
  } catch {
    throw new StatsError('NOT_ESTIMABLE', 'the information matrix of the time-varying model is singular (a covariate is constant over time within the risk sets?)');
  }
  const x = choleskySolve(L, us);
  return x.reduce((s, v, j) => s + v * us[j], 0);
}

export function coxZph(input: CoxInput, fit: CoxResult, options: ZphOptions = {}): ZphResult {
  const transform = options.transform ?? 'km';
  const cd = coxData(input);
  const p = cd.p;
  if (fit.coef.length !== p) throw new StatsError('LENGTH_MISMATCH', `the fit has ${fit.coef.length} coefficients but x has ${p} columns: pass the data the model was fitted to`);
  const terms = options.terms ?? cd.names.map((name, j) => ({ name, columns: [j] }));
  for (const t of terms) for (const c of t.columns) if (!(Number.isInteger(c) && c >= 0 && c < p)) throw new StatsError('INVALID_ARGUMENT', `term "${t.name}" names column ${c}, outside 0 … ${p - 1}`);
  const tt = transformTimes(cd, transform);
  let mean = 0;
  for (let i = 0; i < cd.n; i++) if (cd.event[i] === 1) mean += tt[i];
  mean /= cd.events;
  const g = tt.map((v) => v - mean);
  const eta = linearPredictor(cd, fit.coef);
  const schoen = options.residuals ? new Float64Array(cd.n * p) : null;
  const { u, imat } = sweep(cd, eta, fit.options.ties === 'efron', g, schoen);
  const q = 2 * p;
  const u0 = u.slice();
  u0.fill(0, 0, p);
  const base = Array.from({ length: p }, (_, j) => j);
  const row = (term: string, keep: number[], df: number): ZphTestRow => {
    const statistic = scoreStat(imat, q, u0, keep);
    return { term, statistic, df, p: chiSquare.sf(statistic, df) };
  };
  const tests = terms.map((t) => row(t.name, [...base, ...t.columns.map((c) => c + p)], t.columns.length));
  const global = row('GLOBAL', [...base, ...base.map((j) => j + p)], p);
  const residuals = schoen ? scaledSchoenfeld(cd, fit.coef, imat, q, schoen, tt, terms) : null;
  return { method: 'cox-zph', options: { transform, ties: fit.options.ties }, tests, global, residuals };
}
