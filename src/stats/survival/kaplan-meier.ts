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
import { type SurvivalInput, type Grouping, survData, groupCodes, splitByCode, assertConfType } from './input.ts';
import { type ConfType, confLimits, zFor } from './confidence.ts';

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

/** One curve from the rows `idx` (any order). */
function curve(label: string, time: Float64Array, event: Uint8Array, entry: Float64Array | null, idx: Int32Array, type: ConfType, z: number): KaplanMeierCurve {
  const m = idx.length;
  const byStop = Int32Array.from(idx).sort((a, b) => time[a] - time[b]);
  const starts = entry ? Float64Array.from(idx, (i) => entry[i]).sort() : null;
  const T: number[] = [], R: number[] = [], D: number[] = [], C: number[] = [];
  const S: number[] = [], SE: (number | null)[] = [], L: (number | null)[] = [], U: (number | null)[] = [], H: number[] = [], HS: number[] = [];
  let s = 1, green = 0, haz = 0, hvar = 0, events = 0;
  let k = 0, before = 0, nEnt = starts ? 0 : m;
  while (k < m) {
    const t = time[byStop[k]];
    let d = 0, c = 0;
    while (k < m && time[byStop[k]] === t) {
      if (event[byStop[k]] === 1) d++;
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
    T.push(t); R.push(nRisk); D.push(d); C.push(c); S.push(s);
    SE.push(Number.isFinite(se) ? se : null); L.push(lim.lower); U.push(lim.upper); H.push(haz); HS.push(Math.sqrt(hvar));
  }
  return { label, n: m, events, time: T, nRisk: R, nEvent: D, nCensor: C, surv: S, stdErr: SE, lower: L, upper: U, cumHaz: H, stdCumHaz: HS };
}

export function kaplanMeier(input: SurvivalInput & { readonly group?: Grouping }, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const confType = options.confType ?? 'log-log';
  const confLevel = options.confLevel ?? 0.95;
  assertConfType(confType);
  assertConfLevel(confLevel);
  const d = survData(input);
  const z = zFor(confLevel);
  const groups = input.group ? splitByCode(groupCodes(input.group, d.n, 'group'), input.group.labels.length) : [Int32Array.from({ length: d.n }, (_, i) => i)];
  const labels = input.group ? input.group.labels : ['all'];
  const curves = groups.map((idx, g) => curve(labels[g], d.time, d.event, d.entry, idx, confType, z));
  if (curves.some((c) => c.time.length === 0)) throw new StatsError('EMPTY_GROUP', 'a group has no rows');
  return { method: 'kaplan-meier', options: { confType, confLevel, variance: 'greenwood', entry: d.entry !== null }, curves };
}
