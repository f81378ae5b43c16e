/**
 * Scaled Schoenfeld residuals as cox.zph returns them for plotting β(t) (Grambsch & Therneau
 * 1994): each event's residual r_i = x_i − x̄(t_i), scaled by V̄⁻¹ where V̄ = I(β̂)/m and m counts
 * the events in strata where the covariate varies, plus β̂. A multi-column term is collapsed to
 * one column r_i·β̂_J (and shifted by 1 instead of β̂). Within a stratum, columns that are constant
 * there are null. Events are ordered by stratum, then time (ties: input order for right-censored
 * data, reversed for counting-process data — as survival orders them).
 */
import { solveLower, solveLowerTranspose, cholesky } from '../../linalg/cholesky.ts';
import type { CoxData } from './data.ts';
import type { ZphTerm } from './zph.ts';

export interface ZphResiduals {
  readonly terms: readonly string[];
  readonly time: readonly number[];
  readonly x: readonly number[];
  /** One array per term, one value per event. */
  readonly y: readonly (readonly (number | null)[])[];
}

export function scaledSchoenfeld(cd: CoxData, coef: readonly number[], imat: Float64Array, q: number, schoen: Float64Array, tt: Float64Array, terms: readonly ZphTerm[]): ZphResiduals {
  const { n, p, x, strata, event, time, order } = cd;
  const counting = cd.entry !== null;
  const ev: number[] = [];
  for (let i = 0; i < n; i++) if (event[i] === 1) ev.push(i);
  ev.sort((a, b) => strata[a] - strata[b] || time[a] - time[b] || (counting ? order[b] - order[a] : order[a] - order[b]));
  // used[s][j]: events in stratum s when column j varies there, else 0.
  const S = cd.nStrata;
  const used = Array.from({ length: S }, () => new Float64Array(p));
  const eventsIn = new Float64Array(S);
  for (const i of ev) eventsIn[strata[i]]++;
  const first = new Float64Array(S * p).fill(Number.NaN);
  const varies = Array.from({ length: S }, () => new Uint8Array(p));
  for (let i = 0; i < n; i++) {
    const s = strata[i];
    for (let j = 0; j < p; j++) {
      const v = x[i + j * n];
      if (Number.isNaN(first[s * p + j])) first[s * p + j] = v;
      else if (v !== first[s * p + j]) varies[s][j] = 1;
    }
  }
  for (let s = 0; s < S; s++) for (let j = 0; j < p; j++) used[s][j] = varies[s][j] ? eventsIn[s] : 0;
  // V̄ = I / pairwise event counts.
  let vmean = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, l) => {
    let w = 0;
    for (let s = 0; s < S; s++) w += Math.min(used[s][j], used[s][l]);
    return imat[j + l * q] / (w === 0 ? 1 : w);
  }));
  let resid = ev.map((i) => Array.from({ length: p }, (_, j) => schoen[i + j * n]));
  let usedT = used.map((u) => Array.from(u));
  const collapse = terms.some((t) => t.columns.length > 1);
  const k = collapse ? terms.length : p;
  if (collapse) {
    const T = Array.from({ length: p }, () => new Float64Array(terms.length));
    terms.forEach((t, c) => { for (const j of t.columns) T[j][c] = t.columns.length === 1 ? 1 : coef[j]; });
    resid = resid.map((r) => Array.from({ length: k }, (_, c) => r.reduce((s, v, j) => s + v * T[j][c], 0)));
    vmean = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
      let s = 0;
      for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) s += T[j][a] * vmean[j][l] * T[l][b];
      return s;
    }));
    usedT = used.map((u) => terms.map((t) => u[t.columns[0]]));
  }
  const y: (number | null)[][] = resid.map((r) => r.slice());
  let row = 0;
  for (let s = 0; s < S; s++) {
    const rowsS = eventsIn[s];
    const K = usedT[s].map((u, c) => (u > 0 ? c : -1)).filter((c) => c >= 0);
    if (K.length > 0) {
      const sub = { rows: K.length, cols: K.length, data: Float64Array.from(K.flatMap((b) => K.map((a) => vmean[a][b]))) };
      const L = cholesky(sub);
      for (let e = row; e < row + rowsS; e++) {
        const sol = solveLowerTranspose(L, solveLower(L, K.map((c) => resid[e][c])));
        for (let c = 0; c < k; c++) y[e][c] = null;
        K.forEach((c, a) => { y[e][c] = sol[a]; });
      }
    }
    row += rowsS;
  }
  const shift = collapse ? terms.map((t) => (t.columns.length === 1 ? coef[t.columns[0]] : 1)) : coef;
  for (const r of y) for (let c = 0; c < k; c++) if (r[c] !== null) r[c] = (r[c] as number) + shift[c];
  return {
    terms: collapse ? terms.map((t) => t.name) : [...cd.names],
    time: ev.map((i) => time[i]),
    x: ev.map((i) => tt[i]),
    y: Array.from({ length: k }, (_, c) => y.map((r) => r[c])),
  };
}
