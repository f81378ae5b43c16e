/**
 * Repeated-measures data reduced to sufficient statistics per missingness pattern. Subjects
 * who share the set of visits they were observed at share Σ_P = Σ[s, s], so every likelihood
 * term is a sum over patterns of W_P = Σ_P⁻¹ against precomputed cross-products:
 *   XᵀV⁻¹X = Σ_P Σ_ab W_P[a,b] C_P[a,b],  C_P[a,b] = Σ_i x_{i,s_a} x_{i,s_b}ᵀ   (p × p)
 *   XᵀV⁻¹y = Σ_P Σ_ab W_P[a,b] d_P[a,b],  d_P[a,b] = Σ_i x_{i,s_a} y_{i,s_b}
 *   yᵀV⁻¹y = Σ_P Σ_ab W_P[a,b] e_P[a,b]
 * Each evaluation then costs O(patterns · T² · p²), independent of the number of subjects.
 */
import type { Matrix } from '../../linalg/matrix.ts';
import { StatsError } from '../../errors.ts';

export interface Pattern {
  /** Covariance group (0 when Σ is common to everyone). */
  readonly group: number;
  /** Visit indices observed, ascending. */
  readonly visits: Int32Array;
  readonly subjects: number;
  /** C[(a·k + b)·p² + i + j·p], k = visits.length. */
  readonly C: Float64Array;
  /** d[(a·k + b)·p + i]. */
  readonly d: Float64Array;
  /** e[a·k + b]. */
  readonly e: Float64Array;
}

export interface RepeatedData {
  readonly p: number;
  readonly T: number;
  readonly nObs: number;
  readonly nSubjects: number;
  /** Number of covariance groups (Σ separate per group, e.g. per arm). */
  readonly nGroups: number;
  readonly patterns: readonly Pattern[];
}

/**
 * Groups rows by subject (rows of one subject need not be adjacent) and by pattern. `subject`
 * is any label per row; `visit` the visit index (0 … T − 1) per row. A subject observed twice
 * at one visit is an error (the model has one value per subject and visit). `group` (optional,
 * 0 … nGroups − 1 per row, constant within subject) gives each group its own Σ.
 */
export function repeatedData(X: Matrix, y: ArrayLike<number>, subject: ArrayLike<string | number>, visit: ArrayLike<number>, T: number, group?: ArrayLike<number>, nGroups = 1): RepeatedData {
  const n = X.rows;
  const p = X.cols;
  if (y.length !== n || subject.length !== n || visit.length !== n) throw new StatsError('LENGTH_MISMATCH', `X has ${n} rows but y, subject and visit have ${y.length}, ${subject.length} and ${visit.length}`);
  if (n === 0) throw new StatsError('EMPTY_INPUT', 'no observations');
  const bySubject = new Map<string | number, number[]>();
  for (let r = 0; r < n; r++) {
    if (!Number.isFinite(y[r])) throw new StatsError('NON_FINITE', `y has a non-finite value at row ${r}: leave missing visits out instead`, { row: r });
    const v = visit[r];
    if (!(Number.isInteger(v) && v >= 0 && v < T)) throw new StatsError('INVALID_ARGUMENT', `visit index ${v} at row ${r} is not in 0 … ${T - 1}`, { row: r });
    const rows = bySubject.get(subject[r]) ?? [];
    rows.push(r);
    bySubject.set(subject[r], rows);
  }
  const groups = new Map<string, number[][]>();
  for (const [id, rows] of bySubject) {
    rows.sort((a, b) => visit[a] - visit[b]);
    for (let k = 1; k < rows.length; k++) if (visit[rows[k]] === visit[rows[k - 1]]) throw new StatsError('INVALID_ARGUMENT', `subject ${String(id)} has two rows at visit ${visit[rows[k]]}`, { subject: String(id) });
    const g = group ? group[rows[0]] : 0;
    if (!(Number.isInteger(g) && g >= 0 && g < nGroups)) throw new StatsError('INVALID_ARGUMENT', `covariance group ${g} of subject ${String(id)} is not in 0 … ${nGroups - 1}`, { subject: String(id) });
    if (group && rows.some((r) => group[r] !== g)) throw new StatsError('INVALID_ARGUMENT', `subject ${String(id)} is in more than one covariance group`, { subject: String(id) });
    const key = `${g}|${rows.map((r) => visit[r]).join(',')}`;
    const list = groups.get(key) ?? [];
    list.push(rows);
    groups.set(key, list);
  }
  const patterns: Pattern[] = [];
  for (const [key, members] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [g, vs] = key.split('|');
    const visits = Int32Array.from(vs.split(',').map(Number));
    const k = visits.length;
    const C = new Float64Array(k * k * p * p);
    const d = new Float64Array(k * k * p);
    const e = new Float64Array(k * k);
    for (const rows of members) {
      for (let a = 0; a < k; a++) {
        const ra = rows[a];
        for (let b = 0; b < k; b++) {
          const rb = rows[b];
          const ab = a * k + b;
          e[ab] += y[ra] * y[rb];
          for (let i = 0; i < p; i++) {
            const xa = X.data[ra + i * n];
            if (xa === 0) continue;
            d[ab * p + i] += xa * y[rb];
            const off = ab * p * p + i;
            for (let j = 0; j < p; j++) C[off + j * p] += xa * X.data[rb + j * n];
          }
        }
      }
    }
    patterns.push({ group: Number(g), visits, subjects: members.length, C, d, e });
  }
  return { p, T, nObs: n, nSubjects: bySubject.size, nGroups, patterns };
}
