/**
 * Time-to-event input as R's `Surv` holds it, checked once for every survival routine:
 * right-censored (time, event) or counting-process (entry, time, event) data, optionally split
 * by a grouping (arms) and by strata. Every problem is a StatsError naming the position, never a
 * silently dropped row.
 */
import { StatsError } from '../errors.ts';

/** One row per subject (or, with `entry`, per (entry, time] interval of a subject). */
export interface SurvivalInput {
  /** Event or censoring time (the stop time of an interval); ≥ 0. */
  readonly time: ArrayLike<number>;
  /** 1 = the event happened at `time`, 0 = censored there. */
  readonly event: ArrayLike<number>;
  /** Counting-process start (delayed entry): at risk on (entry, time]. Default: at risk from 0. */
  readonly entry?: ArrayLike<number>;
}

/** A factor: integer codes 0 … labels.length − 1, one per row. */
export interface Grouping {
  readonly codes: ArrayLike<number>;
  readonly labels: readonly string[];
}

/** Validated copies as typed arrays. */
export interface SurvData {
  readonly n: number;
  readonly time: Float64Array;
  readonly event: Uint8Array;
  /** null for right-censored data. */
  readonly entry: Float64Array | null;
}

export function survData(input: SurvivalInput): SurvData {
  const { time, event, entry } = input;
  const n = time?.length ?? 0;
  if (n === 0) throw new StatsError('EMPTY_INPUT', 'survival data needs at least one row');
  if (event?.length !== n) throw new StatsError('LENGTH_MISMATCH', `time has ${n} values but event has ${event?.length ?? 0}`, { time: n, event: event?.length ?? 0 });
  if (entry !== undefined && entry.length !== n) throw new StatsError('LENGTH_MISMATCH', `time has ${n} values but entry has ${entry.length}`, { time: n, entry: entry.length });
  const t = new Float64Array(n);
  const e = new Uint8Array(n);
  const s = entry === undefined ? null : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ti = time[i];
    if (!Number.isFinite(ti) || ti < 0) throw new StatsError(Number.isFinite(ti) ? 'INVALID_ARGUMENT' : 'NON_FINITE', `time[${i}] is ${ti}: survival times are finite and ≥ 0 (time since the origin)`, { name: 'time', index: i });
    const ei = event[i];
    if (ei !== 0 && ei !== 1) throw new StatsError('INVALID_ARGUMENT', `event[${i}] is ${ei}: code events as 1 and censoring as 0`, { name: 'event', index: i });
    t[i] = ti;
    e[i] = ei;
    if (s && entry) {
      const si = entry[i];
      if (!Number.isFinite(si) || si < 0) throw new StatsError(Number.isFinite(si) ? 'INVALID_ARGUMENT' : 'NON_FINITE', `entry[${i}] is ${si}: entry times are finite and ≥ 0`, { name: 'entry', index: i });
      if (!(si < ti)) throw new StatsError('INVALID_ARGUMENT', `entry[${i}] = ${si} is not before time[${i}] = ${ti}: an interval (entry, time] must have entry < time`, { name: 'entry', index: i });
      s[i] = si;
    }
  }
  return { n, time: t, event: e, entry: s };
}

/**
 * Validated factor codes. Every declared label must hold at least one row: a declared arm or
 * stratum without data is an error, not an empty result.
 */
export function groupCodes(g: Grouping, n: number, name: string): Int32Array {
  if (g.codes.length !== n) throw new StatsError('LENGTH_MISMATCH', `${name} has ${g.codes.length} codes but the data have ${n} rows`, { [name]: g.codes.length, n });
  const k = g.labels.length;
  if (k === 0) throw new StatsError('INVALID_ARGUMENT', `${name} declares no labels`);
  if (new Set(g.labels).size !== k) throw new StatsError('INVALID_ARGUMENT', `${name} labels are not unique: ${g.labels.join(', ')}`);
  const out = new Int32Array(n);
  const count = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = g.codes[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new StatsError('INVALID_ARGUMENT', `${name}[${i}] is ${c}: codes are integers 0 … ${k - 1} indexing the labels`, { name, index: i });
    out[i] = c;
    count[c]++;
  }
  for (let l = 0; l < k; l++) {
    if (count[l] === 0) throw new StatsError('EMPTY_GROUP', `${name} level "${g.labels[l]}" has no rows: remove it from the labels or supply its data`, { name, label: g.labels[l] });
  }
  return out;
}

/** 0, 1, …, n − 1 (a loop: Int32Array.from({ length }) goes through the slow iterator path). */
export function sequence(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Row indices per level, in input order. */
export function splitByCode(codes: Int32Array, k: number): Int32Array[] {
  const count = new Int32Array(k);
  for (let i = 0; i < codes.length; i++) count[codes[i]]++;
  const out = Array.from({ length: k }, (_, l) => new Int32Array(count[l]));
  const pos = new Int32Array(k);
  for (let i = 0; i < codes.length; i++) out[codes[i]][pos[codes[i]]++] = i;
  return out;
}

export function assertConfType(t: string): void {
  if (t !== 'log' && t !== 'log-log' && t !== 'plain') throw new StatsError('INVALID_ARGUMENT', `confType must be "log", "log-log" or "plain", got ${JSON.stringify(t)}`);
}
