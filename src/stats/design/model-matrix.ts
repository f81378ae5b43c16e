/**
 * Model matrices as R's `model.matrix` builds them for hierarchical formulas: an intercept,
 * numeric covariates as they are, factors in treatment coding (first level = reference), and
 * interactions as products of their terms' columns. Column names follow R ("armPEER",
 * "armPEER:visitfu6", "baseline:visitfu6"); `assign` maps each column to its term as R's
 * attribute does (0 = intercept), which Type II/III tests and EMMs rely on.
 *
 * Only hierarchical formulas are accepted (every factor in an interaction also appears as a
 * main effect), where treatment coding of every factor is exactly R's choice.
 */
import type { Matrix } from '../linalg/matrix.ts';
import { zeros } from '../linalg/matrix.ts';
import { StatsError } from '../errors.ts';

export type Variable =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'factor'; readonly levels: readonly string[]; readonly codes: Int32Array };

export type Term = readonly string[];

export interface DesignSpec {
  readonly variables: readonly Variable[];
  /** Terms in formula order; an interaction lists its variables, e.g. ['arm', 'visit']. */
  readonly terms: readonly Term[];
  readonly intercept?: boolean;
}

export interface Design {
  readonly X: Matrix;
  readonly columnNames: readonly string[];
  /** Term index (1-based, as R) per column; 0 for the intercept. */
  readonly assign: Int32Array;
  readonly terms: readonly Term[];
  readonly intercept: boolean;
  readonly variables: readonly Variable[];
  readonly n: number;
}

/** The columns one variable contributes: its value, or one indicator per non-reference level. */
function variableColumns(v: Variable, n: number): { names: string[]; cols: Float64Array[] } {
  if (v.kind === 'numeric') return { names: [v.name], cols: [v.values] };
  const names: string[] = [];
  const cols: Float64Array[] = [];
  for (let l = 1; l < v.levels.length; l++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = v.codes[i] === l ? 1 : 0;
    names.push(`${v.name}${v.levels[l]}`);
    cols.push(c);
  }
  return { names, cols };
}

export function checkVariables(variables: readonly Variable[]): number {
  if (variables.length === 0) throw new StatsError('EMPTY_INPUT', 'a design needs at least one variable');
  const n = variables[0].kind === 'numeric' ? variables[0].values.length : variables[0].codes.length;
  for (const v of variables) {
    const len = v.kind === 'numeric' ? v.values.length : v.codes.length;
    if (len !== n) throw new StatsError('LENGTH_MISMATCH', `variable "${v.name}" has ${len} values, expected ${n}`);
    if (v.kind === 'numeric') {
      for (let i = 0; i < n; i++) if (!Number.isFinite(v.values[i])) throw new StatsError('NON_FINITE', `variable "${v.name}" has a non-finite value at row ${i}: remove or impute it before modelling`, { variable: v.name, row: i });
    } else {
      if (v.levels.length < 1) throw new StatsError('INVALID_ARGUMENT', `factor "${v.name}" has no levels`);
      for (let i = 0; i < n; i++) if (!(v.codes[i] >= 0 && v.codes[i] < v.levels.length)) throw new StatsError('INVALID_ARGUMENT', `factor "${v.name}" has an invalid level code ${v.codes[i]} at row ${i}`, { variable: v.name, row: i });
    }
  }
  return n;
}

export function modelMatrix(spec: DesignSpec): Design {
  const n = checkVariables(spec.variables);
  const byName = new Map(spec.variables.map((v) => [v.name, v]));
  const intercept = spec.intercept ?? true;
  const mains = new Set(spec.terms.filter((t) => t.length === 1).map((t) => t[0]));
  const names: string[] = [];
  const cols: Float64Array[] = [];
  const assign: number[] = [];
  if (intercept) {
    names.push('(Intercept)');
    cols.push(new Float64Array(n).fill(1));
    assign.push(0);
  }
  spec.terms.forEach((term, t) => {
    if (term.length === 0) throw new StatsError('INVALID_ARGUMENT', 'an empty term; use `intercept` for the constant');
    for (const name of term) {
      const v = byName.get(name);
      if (!v) throw new StatsError('INVALID_ARGUMENT', `term uses unknown variable "${name}"`);
      if (term.length > 1 && v.kind === 'factor' && !mains.has(name)) {
        throw new StatsError('INVALID_ARGUMENT', `interaction ${term.join(':')} needs the main effect of factor "${name}" (only hierarchical formulas are supported)`);
      }
    }
    // Product of the variables' column sets, first variable varying fastest (R's order).
    let acc: { names: string[]; cols: Float64Array[] } = { names: [''], cols: [new Float64Array(n).fill(1)] };
    for (const name of term) {
      const vc = variableColumns(byName.get(name)!, n);
      const next: { names: string[]; cols: Float64Array[] } = { names: [], cols: [] };
      for (let b = 0; b < vc.cols.length; b++) {
        for (let a = 0; a < acc.cols.length; a++) {
          const c = new Float64Array(n);
          for (let i = 0; i < n; i++) c[i] = acc.cols[a][i] * vc.cols[b][i];
          next.names.push(acc.names[a] === '' ? vc.names[b] : `${acc.names[a]}:${vc.names[b]}`);
          next.cols.push(c);
        }
      }
      acc = next;
    }
    for (let k = 0; k < acc.cols.length; k++) {
      names.push(acc.names[k]);
      cols.push(acc.cols[k]);
      assign.push(t + 1);
    }
  });
  const X = zeros(n, cols.length);
  cols.forEach((c, j) => X.data.set(c, j * n));
  return { X, columnNames: names, assign: Int32Array.from(assign), terms: spec.terms, intercept, variables: spec.variables, n };
}

/** Builds a factor variable from labels, with the given level order (first = reference). */
export function factor(name: string, labels: readonly string[], levels?: readonly string[]): Variable {
  const lv = levels ?? [...new Set(labels)].sort();
  const index = new Map(lv.map((l, i) => [l, i]));
  const codes = new Int32Array(labels.length);
  labels.forEach((l, i) => {
    const c = index.get(l);
    if (c === undefined) throw new StatsError('INVALID_ARGUMENT', `factor "${name}": value "${l}" at row ${i} is not one of its levels (${lv.join(', ')})`);
    codes[i] = c;
  });
  return { name, kind: 'factor', levels: lv, codes };
}

export function numeric(name: string, values: ArrayLike<number>): Variable {
  return { name, kind: 'numeric', values: Float64Array.from(values) };
}
