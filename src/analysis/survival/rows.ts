/**
 * Participants an analysis uses and the Cox design over them: the population, a known time and
 * status, and (for a comparison) one of its two arms. Categorical covariates are re-levelled to
 * the levels present in the rows (an absent level would make a column of zeros); a participant
 * missing a covariate is left out of the adjusted model and counted.
 */
import { modelMatrix, type Variable } from '../../stats/design/model-matrix.ts';
import type { Matrix } from '../../stats/linalg/matrix.ts';
import type { TimeToEventData } from './types.ts';

/** Rows with a known time and status in the population, optionally only the given arms. */
export function usableRows(d: TimeToEventData, arms?: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.time.length; i++) {
    if (d.include && !d.include(i)) continue;
    if (arms && !arms.includes(d.arm[i])) continue;
    if (!Number.isFinite(d.time[i]) || d.status[i] < 0) continue;
    out.push(i);
  }
  return out;
}

/** Population members per arm whose time or status is missing. */
export function missingByArm(d: TimeToEventData): number[] {
  const out = d.armLabels.map(() => 0);
  for (let i = 0; i < d.time.length; i++) {
    if (d.include && !d.include(i)) continue;
    if (!Number.isFinite(d.time[i]) || d.status[i] < 0) out[d.arm[i]]++;
  }
  return out;
}

export interface StrataRows {
  readonly codes: Int32Array;
  readonly labels: string[];
}

/** The strata of the rows, a missing stratum as its own level, levels limited to those present. */
export function strataOf(d: TimeToEventData, rows: readonly number[]): StrataRows | null {
  if (!d.strata) return null;
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  rows.forEach((i, k) => {
    const c = d.strata!.codes[i];
    const label = c >= 0 && c < d.strata!.labels.length ? d.strata!.labels[c] : '(missing)';
    let j = index.get(label);
    if (j === undefined) {
      j = labels.length;
      labels.push(label);
      index.set(label, j);
    }
    codes[k] = j;
  });
  return { codes, labels };
}

export interface CoxDesign {
  /** Positions (into `rows`) kept: complete covariates. */
  readonly keep: number[];
  readonly x: Matrix;
  readonly columnNames: string[];
  /** The arm column's index (always 0). */
  readonly armColumn: 0;
}

/** Design for a Cox model of the comparison: the intervention indicator, then the covariates (treatment coding). */
export function coxDesign(d: TimeToEventData, rows: readonly number[], intervention: number): CoxDesign {
  const covs = d.covariates ?? [];
  const keep: number[] = [];
  rows.forEach((i, k) => {
    const complete = covs.every((c) => (c.kind === 'numeric' ? Number.isFinite(c.values[i]) : c.codes[i] >= 0 && c.codes[i] < c.levels.length));
    if (complete) keep.push(k);
  });
  const variables: Variable[] = [{ name: 'arm', kind: 'numeric', values: Float64Array.from(keep, (k) => (d.arm[rows[k]] === intervention ? 1 : 0)) }];
  for (const c of covs) {
    if (c.kind === 'numeric') variables.push({ name: c.name, kind: 'numeric', values: Float64Array.from(keep, (k) => c.values[rows[k]]) });
    else {
      const present = c.levels.filter((_, j) => keep.some((k) => c.codes[rows[k]] === j));
      const map = new Map(present.map((l, j) => [c.levels.indexOf(l), j]));
      if (present.length >= 2) variables.push({ name: c.name, kind: 'factor', levels: present, codes: Int32Array.from(keep, (k) => map.get(c.codes[rows[k]])!) });
    }
  }
  const design = modelMatrix({ variables, terms: variables.map((v) => [v.name]), intercept: true });
  const n = keep.length;
  const cols = design.X.cols - 1;
  const x: Matrix = { rows: n, cols, data: design.X.data.slice(n) };
  return { keep, x, columnNames: design.columnNames.slice(1), armColumn: 0 };
}
