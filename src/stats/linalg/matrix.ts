/**
 * Dense matrices over Float64Array, stored column-major (as LAPACK and R do) so that
 * a column is a contiguous slice — the access pattern of Householder QR and of model matrices.
 */
import { StatsError } from '../errors.ts';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Column-major: element (i, j) is data[i + j * rows]. */
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i + i * n] = 1;
  return m;
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i + j * m.rows];
}

export function set(m: Matrix, i: number, j: number, v: number): void {
  m.data[i + j * m.rows] = v;
}

export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = zeros(r, c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new StatsError('LENGTH_MISMATCH', `row ${i} has ${rows[i].length} columns, expected ${c}`);
    for (let j = 0; j < c; j++) m.data[i + j * r] = rows[i][j];
  }
  return m;
}

export function fromColumns(cols: ArrayLike<number>[]): Matrix {
  const c = cols.length;
  const r = c === 0 ? 0 : cols[0].length;
  const m = zeros(r, c);
  for (let j = 0; j < c; j++) {
    if (cols[j].length !== r) throw new StatsError('LENGTH_MISMATCH', `column ${j} has ${cols[j].length} rows, expected ${r}`);
    m.data.set(cols[j] as ArrayLike<number>, j * r);
  }
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < m.cols; j++) row.push(m.data[i + j * m.rows]);
    out.push(row);
  }
  return out;
}

export function column(m: Matrix, j: number): Float64Array {
  return m.data.slice(j * m.rows, (j + 1) * m.rows);
}

export function row(m: Matrix, i: number): Float64Array {
  const out = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) out[j] = m.data[i + j * m.rows];
  return out;
}

export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) t.data[j + i * m.cols] = m.data[i + j * m.rows];
  return t;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new StatsError('LENGTH_MISMATCH', `cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = zeros(a.rows, b.cols);
  for (let j = 0; j < b.cols; j++) {
    for (let k = 0; k < a.cols; k++) {
      const bkj = b.data[k + j * b.rows];
      if (bkj === 0) continue;
      const aOff = k * a.rows;
      const oOff = j * a.rows;
      for (let i = 0; i < a.rows; i++) out.data[oOff + i] += a.data[aOff + i] * bkj;
    }
  }
  return out;
}

/** A·x for a vector x. */
export function matVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (a.cols !== x.length) throw new StatsError('LENGTH_MISMATCH', `cannot multiply ${a.rows}×${a.cols} by a vector of ${x.length}`);
  const out = new Float64Array(a.rows);
  for (let j = 0; j < a.cols; j++) {
    const xj = x[j];
    if (xj === 0) continue;
    const off = j * a.rows;
    for (let i = 0; i < a.rows; i++) out[i] += a.data[off + i] * xj;
  }
  return out;
}

/** Aᵀ·x for a vector x. */
export function tMatVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (a.rows !== x.length) throw new StatsError('LENGTH_MISMATCH', `cannot multiply (${a.rows}×${a.cols})ᵀ by a vector of ${x.length}`);
  const out = new Float64Array(a.cols);
  for (let j = 0; j < a.cols; j++) {
    const off = j * a.rows;
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += a.data[off + i] * x[i];
    out[j] = s;
  }
  return out;
}

/** AᵀA, or AᵀWA when weights w (one per row) are given. Symmetric result. */
export function crossprod(a: Matrix, w?: ArrayLike<number>): Matrix {
  const p = a.cols;
  const n = a.rows;
  const out = zeros(p, p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      const oj = j * n;
      const ok = k * n;
      if (w) for (let i = 0; i < n; i++) s += a.data[oj + i] * w[i] * a.data[ok + i];
      else for (let i = 0; i < n; i++) s += a.data[oj + i] * a.data[ok + i];
      out.data[j + k * p] = s;
      out.data[k + j * p] = s;
    }
  }
  return out;
}

/** xᵀ A y for vectors x, y. */
export function quadForm(a: Matrix, x: ArrayLike<number>, y: ArrayLike<number> = x): number {
  let s = 0;
  for (let j = 0; j < a.cols; j++) {
    if (y[j] === 0) continue;
    let t = 0;
    const off = j * a.rows;
    for (let i = 0; i < a.rows; i++) t += x[i] * a.data[off + i];
    s += t * y[j];
  }
  return s;
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Rows `idx` and columns `jdx` of m (a copy). */
export function subMatrix(m: Matrix, idx: ArrayLike<number>, jdx: ArrayLike<number>): Matrix {
  const out = zeros(idx.length, jdx.length);
  for (let b = 0; b < jdx.length; b++) {
    const off = jdx[b] * m.rows;
    for (let a = 0; a < idx.length; a++) out.data[a + b * idx.length] = m.data[off + idx[a]];
  }
  return out;
}
