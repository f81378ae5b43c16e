/**
 * Kaplan–Meier estimator with Greenwood's variance, one curve per group, as survival's
 * `survfit(Surv(time, event) ~ group)` computes it (unweighted data).
 *
 * At each distinct time t_j (event or censoring) with n_j at risk and d_j events:
 *   Ŝ(t) = ∏_{t_j ≤ t} (1 − d_j/n_j)
 *   se(log Ŝ(t)) = √ Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j))        (Greenwood; ∞ once n_j = d_j)
 *   Λ̂(t) = Σ d_j/n_j,  se(Λ̂) = √ Σ d_j/n_j²                    (Nelson–Aalen, for reference)
 * With delayed entry the risk set at t is {i : entry_i < t ≤ time_i}. Confidence limits are
 * pointwise (log-log by default; R's own default is "log", so say which when comparing).
 */
import { StatsError, assertConfLevel } from '../errors.ts';
import { type SurvivalInput, type Grouping, survData, groupCodes, splitByCode, sequence, assertConfType } from './input.ts';
import { type ConfType, confLimits, zFor } from './confidence.ts';
import { orderByTime } from './sort.ts';

export interface KaplanMeierOptions {
  readonly confType?: ConfType;
  readonly confLevel?: number;
}

export interface KaplanMeierCurve {
  readonly label: string;
  /** Rows in the group. */
  readonly n: number;
  readonly events: number;
  /** Distinct event and censoring times, ascending; the columns below are aligned with it. */
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly number[];
  /** SE of log Ŝ (survfit's `std.err`); null where infinite (after n = d). */
  readonly stdErr: readonly (number | null)[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  readonly cumHaz: readonly number[];
  readonly stdCumHaz: readonly number[];
}

export interface KaplanMeierResult {
  readonly method: 'kaplan-meier';
  readonly options: { readonly confType: ConfType; readonly confLevel: number; readonly variance: 'greenwood'; readonly entry: boolean };
  readonly curves: readonly KaplanMeierCurve[];
}

/** The first `len` values as a plain array, NaN and ±∞ as null (JSON has neither). */
function nullable(v: Float64Array, len: number): (number | null)[] {
  const out = new Array<number | null>(len);
  for (let i = 0; i < len; i++) out[i] = Number.isFinite(v[i]) ? v[i] : null;
  return out;
}

/** One curve from the rows `idx` (any order). */
function curve(label: string, time: Float64Array, event: Uint8Array, entry: Float64Array | null, idx: Int32Array, type: ConfType, z: number): KaplanMeierCurve {
  const m = idx.length;
  const byStop = orderByTime(time, { idx });
  // Sorted copies, so the pass below reads memory in order.
  const ts = new Float64Array(m), es = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    ts[k] = time[byStop[k]];
    es[k] = event[byStop[k]];
  }
  let starts: Float64Array | null = null;
  if (entry) {
    starts = new Float64Array(m);
    for (let k = 0; k < m; k++) starts[k] = entry[idx[k]];
    starts.sort();
  }
  // Columns, at most one row per input row; trimmed to the distinct times at the end.
  const T = new Float64Array(m), R = new Float64Array(m), D = new Float64Array(m), C = new Float64Array(m);
  const S = new Float64Array(m), SE = new Float64Array(m), L = new Float64Array(m), U = new Float64Array(m);
  const H = new Float64Array(m), HS = new Float64Array(m);
  let s = 1, green = 0, haz = 0, hvar = 0, events = 0;
  let k = 0, j = 0, before = 0, nEnt = starts ? 0 : m;
  while (k < m) {
    const t = ts[k];
    let d = 0, c = 0;
    while (k < m && ts[k] === t) {
      if (es[k] === 1) d++;
      else c++;
      k++;
    }
    // At risk at t: entered before t (entry < t) and not yet left (time ≥ t); t only increases.
    if (starts) while (nEnt < m && starts[nEnt] < t) nEnt++;
    const nRisk = nEnt - before;
    before += d + c;
    if (d > 0) {
      s *= 1 - d / nRisk;
      green += nRisk === d ? Infinity : d / (nRisk * (nRisk - d));
      haz += d / nRisk;
      hvar += d / (nRisk * nRisk);
      events += d;
    }
    const se = Math.sqrt(green);
    const lim = confLimits(s, se, true, type, z);
    T[j] = t; R[j] = nRisk; D[j] = d; C[j] = c; S[j] = s; SE[j] = se;
    L[j] = lim.lower ?? Number.NaN; U[j] = lim.upper ?? Number.NaN; H[j] = haz; HS[j] = Math.sqrt(hvar);
    j++;
  }
  // A loop, not Array.from: the iterator protocol costs more than the whole estimator here.
  const plain = (v: Float64Array) => {
    const out = new Array<number>(j);
    for (let i = 0; i < j; i++) out[i] = v[i];
    return out;
  };
  return {
    label, n: m, events, time: plain(T), nRisk: plain(R), nEvent: plain(D), nCensor: plain(C), surv: plain(S),
    stdErr: nullable(SE, j), lower: nullable(L, j), upper: nullable(U, j), cumHaz: plain(H), stdCumHaz: plain(HS),
  };
}

export function kaplanMeier(input: SurvivalInput & { readonly group?: Grouping }, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const confType = options.confType ?? 'log-log';
  const confLevel = options.confLevel ?? 0.95;
  assertConfType(confType);
  assertConfLevel(confLevel);
  const d = survData(input);
  const z = zFor(confLevel);
  const groups = input.group ? splitByCode(groupCodes(input.group, d.n, 'group'), input.group.labels.length) : [sequence(d.n)];
  const labels = input.group ? input.group.labels : ['all'];
  const curves = groups.map((idx, g) => curve(labels[g], d.time, d.event, d.entry, idx, confType, z));
  if (curves.some((c) => c.time.length === 0)) throw new StatsError('EMPTY_GROUP', 'a group has no rows');
  return { method: 'kaplan-meier', options: { confType, confLevel, variance: 'greenwood', entry: d.entry !== null }, curves };
}
