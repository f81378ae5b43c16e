/**
 * Bounds of a linear form over a small polytope: minimise and maximise c·x subject to x ≥ 0 and
 * rows a·x (=, ≤, ≥) b. A dense two-phase simplex with Bland's rule (no cycling), in doubles:
 * the systems here are counts with coefficients 0/±1 and integer right-hand sides, tens of
 * variables per connected component, so round-off is far below the 1e-7 tolerance used when the
 * bounds are rounded to integers. The disclosure audit (audit.ts) uses it to ask, for every
 * count a reader cannot see, how far the published numbers pin it down.
 */

export type Sense = '=' | '<=' | '>=';

export interface Row {
  /** Sparse coefficients: variable index → coefficient. */
  readonly coef: ReadonlyMap<number, number>;
  readonly sense: Sense;
  readonly rhs: number;
}

const EPS = 1e-9;

interface Tableau {
  /** m rows × (cols + 1): the last column is the right-hand side. */
  t: Float64Array[];
  basis: number[];
  cols: number;
}

function pivot(tb: Tableau, r: number, c: number): void {
  const row = tb.t[r];
  const p = row[c];
  for (let j = 0; j <= tb.cols; j++) row[j] /= p;
  for (let i = 0; i < tb.t.length; i++) {
    if (i === r) continue;
    const f = tb.t[i][c];
    if (Math.abs(f) < EPS) continue;
    const ri = tb.t[i];
    for (let j = 0; j <= tb.cols; j++) ri[j] -= f * row[j];
  }
  tb.basis[r] = c;
}

/**
 * Minimises cost·x over the tableau's feasible set, moving only among `allowed` columns.
 * Returns the optimum, or -Infinity when unbounded.
 */
function simplex(tb: Tableau, cost: Float64Array, allowed: (j: number) => boolean): number {
  for (let iter = 0; iter < 5000; iter++) {
    // Reduced costs: c_j − c_B · column j.
    let enter = -1;
    for (let j = 0; j < tb.cols; j++) {
      if (!allowed(j)) continue;
      let d = cost[j];
      for (let i = 0; i < tb.t.length; i++) d -= cost[tb.basis[i]] * tb.t[i][j];
      if (d < -EPS) {
        enter = j; // Bland: the lowest index that improves.
        break;
      }
    }
    if (enter < 0) {
      let z = 0;
      for (let i = 0; i < tb.t.length; i++) z += cost[tb.basis[i]] * tb.t[i][tb.cols];
      return z;
    }
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < tb.t.length; i++) {
      const a = tb.t[i][enter];
      if (a > EPS) {
        const ratio = tb.t[i][tb.cols] / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && tb.basis[i] < tb.basis[leave])) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) return -Infinity;
    pivot(tb, leave, enter);
  }
  throw new Error('simplex did not converge in 5000 pivots');
}

export interface Polytope {
  /** Whether the rows have a solution with x ≥ 0. */
  readonly feasible: boolean;
  /** min and max of Σ w_j x_j (max may be Infinity). */
  bounds(weights: ReadonlyMap<number, number>): { readonly min: number; readonly max: number };
}

/** Phase 1 once; every bounds() call is a phase 2 from the same feasible basis. */
export function polytope(nVars: number, rows: readonly Row[]): Polytope {
  // Columns: the variables, one slack per inequality, one artificial per row.
  const slackOf = new Map<number, number>();
  let cols = nVars;
  rows.forEach((r, i) => {
    if (r.sense !== '=') slackOf.set(i, cols++);
  });
  const firstArtificial = cols;
  cols += rows.length;
  const t = rows.map((r, i) => {
    const row = new Float64Array(cols + 1);
    for (const [j, a] of r.coef) row[j] += a;
    const s = slackOf.get(i);
    if (s !== undefined) row[s] = r.sense === '<=' ? 1 : -1;
    row[cols] = r.rhs;
    if (row[cols] < 0) for (let j = 0; j <= cols; j++) row[j] = -row[j];
    row[firstArtificial + i] = 1;
    return row;
  });
  const tb: Tableau = { t, basis: rows.map((_, i) => firstArtificial + i), cols };
  const phase1 = new Float64Array(cols);
  for (let i = 0; i < rows.length; i++) phase1[firstArtificial + i] = 1;
  const infeasibility = rows.length ? simplex(tb, phase1, () => true) : 0;
  const feasible = infeasibility < 1e-7;
  if (feasible) {
    // Drive artificials out of the basis where possible (degenerate rows).
    for (let i = 0; i < tb.t.length; i++) {
      if (tb.basis[i] < firstArtificial) continue;
      for (let j = 0; j < firstArtificial; j++) {
        if (Math.abs(tb.t[i][j]) > EPS) {
          pivot(tb, i, j);
          break;
        }
      }
    }
  }
  const real = (j: number) => j < firstArtificial;
  const solve = (weights: ReadonlyMap<number, number>, sign: 1 | -1): number => {
    const copy: Tableau = { t: tb.t.map((r) => Float64Array.from(r)), basis: [...tb.basis], cols };
    const cost = new Float64Array(cols);
    for (const [j, w] of weights) cost[j] = sign * w;
    return sign * simplex(copy, cost, real);
  };
  return {
    feasible,
    bounds(weights) {
      if (!feasible) return { min: NaN, max: NaN };
      const min = solve(weights, 1);
      const max = solve(weights, -1);
      return { min, max: max === Infinity || max === -Infinity ? Infinity : max };
    },
  };
}
