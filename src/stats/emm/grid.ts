/**
 * The reference grid: every combination of the model's factor levels, with each numeric
 * covariate at its mean over the fitted data (or a value given in `at`). Its model-matrix rows
 * come from the same builder as the fit, so interactions are coded identically.
 */
import type { Matrix } from '../linalg/matrix.ts';
import { modelMatrix, type Design, type Variable } from '../design/model-matrix.ts';

export interface ReferenceGrid {
  /** Factor names and, per grid row, each factor's level index. */
  readonly factors: readonly { readonly name: string; readonly levels: readonly string[] }[];
  readonly levelIndex: readonly Int32Array[];
  readonly numericAt: Readonly<Record<string, number>>;
  /** Number of fitted observations in each grid cell (for proportional weights). */
  readonly counts: Float64Array;
  readonly X: Matrix;
  readonly size: number;
}

export function referenceGrid(design: Design, at: Readonly<Record<string, number>> = {}): ReferenceGrid {
  const factors = design.variables.filter((v): v is Extract<Variable, { kind: 'factor' }> => v.kind === 'factor');
  const numerics = design.variables.filter((v): v is Extract<Variable, { kind: 'numeric' }> => v.kind === 'numeric');
  const numericAt: Record<string, number> = Object.create(null); // keyed by column names: no prototype keys
  for (const v of numerics) {
    let s = 0;
    for (let i = 0; i < v.values.length; i++) s += v.values[i];
    numericAt[v.name] = (Object.hasOwn(at, v.name) ? at[v.name] : undefined) ?? s / v.values.length;
  }
  const size = factors.reduce((a, f) => a * f.levels.length, 1);
  const levelIndex = factors.map(() => new Int32Array(size));
  for (let g = 0; g < size; g++) {
    let rem = g;
    factors.forEach((f, k) => {
      levelIndex[k][g] = rem % f.levels.length;
      rem = Math.floor(rem / f.levels.length);
    });
  }
  // Each row's cell index, one factor at a time over all rows (no closure per row and factor).
  const cell = new Float64Array(design.n);
  let stride = 1;
  for (const f of factors) {
    const codes = f.codes;
    for (let i = 0; i < design.n; i++) cell[i] += codes[i] * stride;
    stride *= f.levels.length;
  }
  const counts = new Float64Array(size);
  for (let i = 0; i < design.n; i++) counts[cell[i]]++;
  const gridVars: Variable[] = design.variables.map((v) =>
    v.kind === 'numeric'
      ? { name: v.name, kind: 'numeric', values: new Float64Array(size).fill(numericAt[v.name]) }
      : { name: v.name, kind: 'factor', levels: v.levels, codes: levelIndex[factors.indexOf(v)] },
  );
  const X = modelMatrix({ variables: gridVars, terms: design.terms, intercept: design.intercept }).X;
  return { factors: factors.map((f) => ({ name: f.name, levels: f.levels })), levelIndex, numericAt, counts, X, size };
}
