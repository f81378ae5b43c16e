/**
 * F tests for the terms of a linear model, as car::Anova(type = 2 / 3) with treatment
 * contrasts and as anova() (type 1, sequential). Each is a comparison of nested column subsets
 * of one model matrix (Design.assign maps columns to terms), with the full model's residual
 * mean square in the denominator:
 *   type 1: terms added in formula order;
 *   type 2: term T against the model with every term not containing T (marginality respected);
 *   type 3: the full model against the full model without T's columns — with treatment
 *           contrasts this tests T at the reference levels of the factors it interacts with,
 *           which is what car reports; prefer type 2 for models with interactions.
 */
import { subMatrix, type Matrix } from '../linalg/matrix.ts';
import { qrDecompose, qrFitted } from '../linalg/qr.ts';
import { fDist } from '../dist/continuous.ts';
import type { Design } from '../design/model-matrix.ts';
import { StatsError } from '../errors.ts';

export interface TermTest {
  readonly term: string;
  readonly df: number;
  readonly sumSq: number;
  readonly f: number;
  readonly p: number;
}

export interface TermTestTable {
  readonly type: 1 | 2 | 3;
  readonly rows: readonly TermTest[];
  readonly residualDf: number;
  readonly residualSumSq: number;
}

function rssOf(X: Matrix, y: ArrayLike<number>, cols: readonly number[]): { rss: number; rank: number } {
  if (cols.length === 0) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i] ** 2;
    return { rss: s, rank: 0 };
  }
  const rows = Array.from({ length: X.rows }, (_, i) => i);
  const qr = qrDecompose(subMatrix(X, rows, cols));
  const fitted = qrFitted(qr, y);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - fitted[i]) ** 2;
  return { rss: s, rank: qr.rank };
}

export function termTests(design: Design, y: ArrayLike<number>, type: 1 | 2 | 3 = 2): TermTestTable {
  if (y.length !== design.n) throw new StatsError('LENGTH_MISMATCH', `y has ${y.length} values, the design ${design.n} rows`);
  const X = design.X;
  const all = Array.from({ length: X.cols }, (_, j) => j);
  const colsOf = (terms: readonly number[]) => all.filter((j) => design.assign[j] === 0 ? design.intercept : terms.includes(design.assign[j]));
  const termIds = design.terms.map((_, t) => t + 1);
  const full = rssOf(X, y, all);
  const dfRes = design.n - full.rank;
  if (dfRes <= 0) throw new StatsError('NOT_ESTIMABLE', 'no residual degrees of freedom');
  const msRes = full.rss / dfRes;
  const contains = (a: readonly string[], b: readonly string[]) => b.every((v) => a.includes(v));
  const rows: TermTest[] = design.terms.map((term, k) => {
    const t = k + 1;
    let reduced: number[];
    let withT: number[];
    if (type === 1) {
      reduced = termIds.filter((u) => u < t);
      withT = [...reduced, t];
    } else if (type === 2) {
      reduced = termIds.filter((u) => u !== t && !contains(design.terms[u - 1], term));
      withT = [...reduced, t];
    } else {
      reduced = termIds.filter((u) => u !== t);
      withT = termIds;
    }
    const r0 = rssOf(X, y, colsOf(reduced));
    const r1 = rssOf(X, y, colsOf(withT));
    const df = r1.rank - r0.rank;
    const ss = r0.rss - r1.rss;
    const f = ss / df / msRes;
    return { term: term.join(':'), df, sumSq: ss, f, p: df > 0 ? fDist.sf(f, df, dfRes) : Number.NaN };
  });
  return { type, rows, residualDf: dfRes, residualSumSq: full.rss };
}
