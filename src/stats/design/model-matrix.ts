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

/** How one column of X is filled: constant 1, a numeric variable, a factor's indicators, or an interaction's products. */
type Fill =
  | { readonly kind: 'ones' }
  | { readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly kind: 'indicators'; readonly codes: Int32Array; readonly levels: number }
  | { readonly kind: 'product'; readonly term: Term };

export function modelMatrix(spec: DesignSpec): Design {
  const n = checkVariables(spec.variables);
  const byName = new Map(spec.variables.map((v) => [v.name, v]));
  const intercept = spec.intercept ?? true;
  const mains = new Set(spec.terms.filter((t) => t.length === 1).map((t) => t[0]));
  const names: string[] = [];
  const assign: number[] = [];
  // Each term's columns are written straight into X (no column per level or per factor copy):
  // a main effect as its values or as 1s at each row's level (X starts at 0), an interaction as
  // products of its variables' columns multiplied in R's order — the same values as before.
  const fills: { fill: Fill; first: number; count: number }[] = [];
  if (intercept) {
    names.push('(Intercept)');
    assign.push(0);
    fills.push({ fill: { kind: 'ones' }, first: 0, count: 1 });
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
    // Column names of the product of the variables' column sets, first variable varying fastest (R's order).
    let acc = [''];
    for (const name of term) {
      const vn = columnNames(byName.get(name)!);
      const next: string[] = [];
      for (const b of vn) for (const a of acc) next.push(a === '' ? b : `${a}:${b}`);
      acc = next;
    }
    const first = names.length;
    for (const nm of acc) {
      names.push(nm);
      assign.push(t + 1);
    }
    const v = byName.get(term[0])!;
    const fill: Fill = term.length > 1 ? { kind: 'product', term } : v.kind === 'numeric' ? { kind: 'numeric', values: v.values } : { kind: 'indicators', codes: v.codes, levels: v.levels.length };
    fills.push({ fill, first, count: acc.length });
  });
  const X = zeros(n, names.length);
  const data = X.data;
  for (const { fill, first, count } of fills) {
    const o = first * n;
    if (fill.kind === 'ones') data.fill(1, o, o + n);
    else if (fill.kind === 'numeric') data.set(fill.values, o);
    else if (fill.kind === 'indicators') {
      const codes = fill.codes;
      // Level l ≥ 1 is column first + l − 1; the reference level (0) has none.
      for (let i = 0; i < n; i++) if (codes[i] > 0) data[o + (codes[i] - 1) * n + i] = 1;
    } else writeProducts(fill.term.map((name) => byName.get(name)!), n, data, o);
  }
  return { X, columnNames: names, assign: Int32Array.from(assign), terms: spec.terms, intercept, variables: spec.variables, n };
}

/** The names of the columns one variable contributes: its own, or one per non-reference level. */
function columnNames(v: Variable): string[] {
  return v.kind === 'numeric' ? [v.name] : v.levels.slice(1).map((l) => `${v.name}${l}`);
}

/**
 * An interaction's columns written into `data` from offset `o`: products of its variables'
 * columns, first variable varying fastest (R's order). Each value is 1 · x₁ · x₂ · … multiplied
 * left to right, x being a numeric value or a level's 0/1 indicator — the products the column
 * by column construction formed — computed row by row straight into X, without a temporary
 * column per level and per partial product (at 10⁶ rows each was 8 MB).
 */
function writeProducts(vars: readonly Variable[], n: number, data: Float64Array, o: number): void {
  const m = vars.length;
  // Column k's part from each variable: its level (factor; k's mixed-radix digit + 1) or its values (numeric).
  const widths = vars.map((v) => (v.kind === 'numeric' ? 1 : v.levels.length - 1));
  const total = widths.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    const codes: (Int32Array | null)[] = [];
    const levels: number[] = [];
    const values: (Float64Array | null)[] = [];
    let rest = k;
    for (let t = 0; t < m; t++) {
      const v = vars[t];
      const digit = rest % widths[t];
      rest = (rest - digit) / widths[t];
      codes.push(v.kind === 'factor' ? v.codes : null);
      levels.push(digit + 1);
      values.push(v.kind === 'numeric' ? v.values : null);
    }
    const off = o + k * n;
    if (m === 2) {
      const [c0, c1] = codes;
      const [l0, l1] = levels;
      const [x0, x1] = values;
      for (let i = 0; i < n; i++) {
        const a = x0 !== null ? x0[i] : c0![i] === l0 ? 1 : 0;
        const b = x1 !== null ? x1[i] : c1![i] === l1 ? 1 : 0;
        data[off + i] = 1 * a * b;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let acc = 1;
        for (let t = 0; t < m; t++) {
          const x = values[t];
          acc *= x !== null ? x[i] : codes[t]![i] === levels[t] ? 1 : 0;
        }
        data[off + i] = acc;
      }
    }
  }
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
