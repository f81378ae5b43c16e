/**
 * Between-within df (SAS DDFM=BETWITHIN; R mmrm "Between-Within"): the residual df split into a
 * between-subject part, n_subjects − rank(X_between), for columns constant within every subject
 * (intercept, arm, baseline, strata), and a within-subject part, N − n_subjects − (rank(X) −
 * rank(X_between)), for the columns that vary within subjects (visit and its interactions).
 * A contrast gets the smallest df among the columns it involves.
 */
import type { Matrix } from '../../../linalg/matrix.ts';
import { qrDecompose } from '../../../linalg/qr.ts';
import type { MmrmDfInfo } from '../types.ts';
import { subjectIndex, type SubjectIndex } from '../data.ts';

export function betweenWithinSplit(X: Matrix, subject: ArrayLike<string | number>, estimable: Int32Array, nObs: number, nSubjects: number, index?: SubjectIndex): { between: number; within: number; betweenColumn: boolean[] } {
  const n = X.rows;
  const { code, firstRow } = index ?? subjectIndex(subject);
  // Each row's subject's first row, once, rather than a lookup per row and column.
  const first = new Int32Array(n);
  for (let i = 0; i < n; i++) first[i] = firstRow[code[i]];
  const betweenColumn = Array.from({ length: X.cols }, (_, j) => {
    const off = j * n;
    for (let i = 0; i < n; i++) if (X.data[i + off] !== X.data[first[i] + off]) return false;
    return true;
  });
  const cols = Array.from(estimable).filter((j) => betweenColumn[j]);
  let rankBetween = 0;
  if (cols.length > 0) {
    const Xb = new Float64Array(n * cols.length);
    cols.forEach((j, c) => Xb.set(X.data.subarray(j * n, (j + 1) * n), c * n));
    rankBetween = qrDecompose({ rows: n, cols: cols.length, data: Xb }).rank;
  }
  return { between: nSubjects - rankBetween, within: nObs - nSubjects - (estimable.length - rankBetween), betweenColumn };
}

export function betweenWithinDf(info: MmrmDfInfo, l: Float64Array): number {
  let df = Infinity;
  for (const j of info.estimable) if (l[j] !== 0) df = Math.min(df, info.betweenColumn[j] ? info.between : info.within);
  return Number.isFinite(df) ? df : info.residual;
}
