/** Reads test/reference/survival.json (written by survival.R) and builds inputs from its data sets. */
import { readFixture } from '../../helpers/fixtures.ts';
import { fromColumns, type Matrix } from '../../../src/stats/linalg/matrix.ts';
import type { Grouping } from '../../../src/stats/survival/input.ts';

export type Column = (number | boolean | string)[];
export type Dataset = Record<string, Column>;
export type Nullable = (number | null)[];

export interface Fixture {
  R: string;
  survival: string;
  datasets: Record<string, Dataset>;
  km: KmCase[];
  logrank: LogRankCase[];
  cox: CoxCase[];
  rmst: RmstCase[];
  cif: CifCase[];
}
export interface KmCurve {
  label: string; n: number; time: number[]; nRisk: number[]; nEvent: number[]; nCensor: number[]; surv: number[]; stdErr: Nullable;
  cumHaz: number[]; stdCumHaz: number[];
  limits: Record<'loglog' | 'log' | 'plain', { lower: Nullable; upper: Nullable }>;
  quantiles: Record<'loglog' | 'log' | 'plain', { time: Nullable; lower: Nullable; upper: Nullable }>;
  at: { time: number[]; nRisk: number[]; surv: number[]; stdErr: Nullable; lower: Nullable; upper: Nullable };
}
export interface KmCase { name: string; dataset: string; group: string | null; subset: string | null; at: number[]; curves: KmCurve[] }
export interface LogRankCase {
  name: string; dataset: string; group: string; strata: string | null; rho: number; subset: string | null;
  observed: number[]; expected: number[]; variance: number[]; chisq: number; df: number; p: number;
}
export interface ZphTable { terms: string[]; chisq: number[]; df: number[]; p: number[]; x?: number[]; time?: number[]; y?: Nullable }
export interface CoxCase {
  name: string; dataset: string; columns: string[]; strata: string | null; cluster: string | null; subset: string | null; entry: boolean;
  ties: 'efron' | 'breslow'; robust: boolean; coefNames: string[]; coef: number[]; se: number[]; naiveSe: number[]; p: number[];
  hr: number[]; lower: number[]; upper: number[]; loglik: number[]; lrt: number[]; wald: number[]; score: number[]; robustScore: number[] | null;
  iter: number; n: number; events: number; terms: { name: string; columns: number[] }[];
  zph?: { km: ZphTable; identity: ZphTable };
}
export interface RmstCase {
  name: string; dataset: string; group: string; tau: number; subset: string | null; rmean: number[]; se: number[]; lower: number[]; upper: number[];
  diff: number[]; diffSe: number[]; diffLower: number[]; diffUpper: number[]; diffP: number[];
}
export interface CifCase {
  name: string; dataset: string; group: string; states: string[]; confType: string; at: number[];
  curves: { label: string; time: number[]; nRisk: number[]; nEvent: number[]; nCensor: number[]; pstate: number[]; stdErr: number[]; lower: Nullable; upper: Nullable;
    at: { time: number[]; nRisk: number[]; pstate: number[]; stdErr: number[] } }[];
}

export const fx = readFixture<Fixture>('survival.json');

/** Row indices of a data set kept by a case's subset. */
export function rows(dataset: string, subset: string | null): number[] {
  const d = fx.datasets[dataset];
  const n = d.time.length;
  const all = Array.from({ length: n }, (_, i) => i);
  if (subset === null) return all;
  if (subset === 'first') return all.filter((i) => d.first[i] === true);
  const code = (d.etypeLabels as string[]).indexOf(subset);
  if (code < 0) throw new Error(`unknown subset ${subset}`);
  return all.filter((i) => d.etype[i] === code);
}

export function num(dataset: string, col: string, idx: number[]): Float64Array {
  const c = fx.datasets[dataset][col];
  if (!c) throw new Error(`no column ${col} in ${dataset}`);
  return Float64Array.from(idx, (i) => c[i] as number);
}

/** A factor: codes column `name` and labels column `${name}Labels` (strata may name a differently labelled column). */
export function grouping(dataset: string, name: string, idx: number[]): Grouping {
  const d = fx.datasets[dataset];
  const labelsCol = name === 'ecogStrata' ? 'ecogLabels' : `${name}Labels`;
  const labels = d[labelsCol] as string[];
  const codes = Int32Array.from(idx, (i) => d[name][i] as number);
  // Drop labels that a subset leaves without rows, keeping codes dense.
  const used = labels.map((_, l) => codes.includes(l));
  const remap = used.map((_, l) => used.slice(0, l).filter(Boolean).length);
  return { codes: codes.map((c) => remap[c]), labels: labels.filter((_, l) => used[l]) };
}

export function surv(dataset: string, idx: number[], entry = false) {
  return {
    time: num(dataset, 'time', idx),
    event: Uint8Array.from(idx, (i) => fx.datasets[dataset].event[i] as number),
    ...(entry ? { entry: num(dataset, 'entry', idx) } : {}),
  };
}

export function design(dataset: string, columns: string[], idx: number[]): Matrix {
  return fromColumns(columns.map((c) => num(dataset, c, idx)));
}

/** The Cox input of a fixture case. */
export function coxInput(c: CoxCase) {
  const idx = rows(c.dataset, c.subset);
  return {
    ...surv(c.dataset, idx, c.entry),
    x: design(c.dataset, c.columns, idx),
    columnNames: c.coefNames,
    ...(c.strata ? { strata: grouping(c.dataset, c.strata, idx) } : {}),
    ...(c.cluster ? { cluster: num(c.dataset, c.cluster, idx) } : {}),
  };
}
