/**
 * Cumulative incidence with competing risks: the Aalen–Johansen estimator, as survival's
 * `survfit(Surv(time, status) ~ group)` with a factor status computes it (right-censored data,
 * one row per subject), with its infinitesimal-jackknife standard errors.
 *
 * At each distinct time u with n at risk and d_j events of type j (d = Σ d_j), dΛ_j = d_j/n:
 *   Ŝ(u) = Ŝ(u−)(1 − d/n),   F̂_k(u) = F̂_k(u−) + Ŝ(u−)·dΛ_k      (event-free state: Ŝ)
 * The IJ variance Σ_i (∂P̂(t)/∂w_i)² has a closed form for right-censored data, because a row's
 * hazard influences (dN_ij − Y_i dΛ_j)/n sum to zero over each risk set, so different times do not
 * mix: with Q_jl(u) = (δ_jl d_j − d_j d_l/n)/n² and coefficients c_jk(u, t) = ∂F̂_k(t)/∂dΛ_j(u)
 * = δ_jk Ŝ(u−) − (F̂_k(t) − F̂_k(u))/(1 − dΛ(u)),
 *   Var F̂_k(t) = Σ_{u ≤ t} c_k(u,t)ᵀ Q(u) c_k(u,t),     Var Ŝ(t) = Ŝ(t)² Σ_{u ≤ t} d/(n(n − d)) (Greenwood).
 * As t moves on, every earlier c shifts by −ΔF̂_k/(1 − dΛ(u)), so Var F̂_k is updated in O(K²) per
 * time from two running sums (G_k = Σ b cᵀQ1, C = Σ b² 1ᵀQ1, b = 1/(1 − dΛ)) — in the centred
 * form, so no large terms cancel. Limits follow survfit (default "log" on P̂).
 */
import { StatsError, assertConfLevel } from '../errors.ts';
import { type Grouping, groupCodes, splitByCode, sequence, assertConfType } from './input.ts';
import { type ConfType, confLimits, zFor } from './confidence.ts';
import { numberAtRisk } from './at-times.ts';
import { orderByTime } from './sort.ts';

export interface CompetingRisksInput {
  readonly time: ArrayLike<number>;
  /** 0 = censored, k = 1 … K = event of type k (eventLabels[k − 1]). */
  readonly status: ArrayLike<number>;
  readonly eventLabels: readonly string[];
  readonly group?: Grouping;
}

export interface CumulativeIncidenceOptions {
  readonly confType?: ConfType;
  readonly confLevel?: number;
}

export interface StateCurve {
  /** "event-free" for the initial state, else the event label. */
  readonly state: string;
  readonly p: readonly number[];
  readonly stdErr: readonly number[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

export interface CumulativeIncidenceCurve {
  readonly label: string;
  readonly n: number;
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  /** Per event type, aligned with `time`. */
  readonly nEvent: readonly (readonly number[])[];
  readonly nCensor: readonly number[];
  /** The event-free state first, then one per event type. */
  readonly states: readonly StateCurve[];
}

export interface CumulativeIncidenceResult {
  readonly method: 'aalen-johansen';
  readonly options: { readonly confType: ConfType; readonly confLevel: number; readonly variance: 'infinitesimal-jackknife' };
  readonly curves: readonly CumulativeIncidenceCurve[];
}

function curve(label: string, time: Float64Array, status: Int32Array, idx: Int32Array, labels: readonly string[], type: ConfType, z: number): CumulativeIncidenceCurve {
  const K = labels.length;
  const ord = orderByTime(time, { idx });
  const T: number[] = [], R: number[] = [], C: number[] = [];
  const D = labels.map(() => [] as number[]);
  const P = Array.from({ length: K + 1 }, () => [] as number[]);
  const SE = Array.from({ length: K + 1 }, () => [] as number[]);
  let s = 1, green = 0, Cs = 0;
  const F = new Float64Array(K), V = new Float64Array(K), G = new Float64Array(K);
  const d = new Float64Array(K);
  let left = ord.length;
  for (let k = 0; k < ord.length; ) {
    const t = time[ord[k]];
    d.fill(0);
    let c = 0, dt = 0;
    for (; k < ord.length && time[ord[k]] === t; k++) {
      const st = status[ord[k]];
      if (st === 0) c++;
      else { d[st - 1]++; dt++; }
    }
    const n = left;
    left -= dt + c;
    if (dt > 0) {
      const allDie = dt === n;
      const b = allDie ? 0 : n / (n - dt); // 1/(1 − dΛ); its terms vanish when everyone at risk has the event
      const q1 = (dt * (n - dt)) / (n * n * n); // 1ᵀQ1
      for (let j = 0; j < K; j++) {
        const dF = (s * d[j]) / n;
        // Shift the earlier terms to this time, then add this time's own term.
        V[j] += -2 * dF * G[j] + dF * dF * Cs;
        G[j] += -dF * Cs;
        let qRow = 0; // Σ_l Q_jl
        for (let l = 0; l < K; l++) qRow += ((j === l ? d[j] : 0) - (d[j] * d[l]) / n) / (n * n);
        const qjj = (d[j] - (d[j] * d[j]) / n) / (n * n);
        V[j] += s * s * qjj;
        G[j] += b * s * qRow;
        F[j] += dF;
      }
      Cs += b * b * q1;
      green += allDie ? 0 : dt / (n * (n - dt));
      s *= 1 - dt / n;
    }
    T.push(t); R.push(n); C.push(c);
    for (let j = 0; j < K; j++) D[j].push(d[j]);
    P[0].push(s);
    SE[0].push(s === 0 ? 0 : s * Math.sqrt(green));
    for (let j = 0; j < K; j++) {
      P[j + 1].push(F[j]);
      SE[j + 1].push(Math.sqrt(Math.max(V[j], 0)));
    }
  }
  const states = P.map((p, m): StateCurve => {
    const lim = p.map((v, i) => confLimits(v, SE[m][i], false, type, z));
    return { state: m === 0 ? 'event-free' : labels[m - 1], p, stdErr: SE[m], lower: lim.map((l) => l.lower), upper: lim.map((l) => l.upper) };
  });
  return { label, n: ord.length, time: T, nRisk: R, nEvent: D, nCensor: C, states };
}

export function cumulativeIncidence(input: CompetingRisksInput, options: CumulativeIncidenceOptions = {}): CumulativeIncidenceResult {
  const confType = options.confType ?? 'log';
  assertConfType(confType);
  const confLevel = assertConfLevel(options.confLevel ?? 0.95);
  const n = input.time?.length ?? 0;
  if (n === 0) throw new StatsError('EMPTY_INPUT', 'competing-risks data needs at least one row');
  if (input.status?.length !== n) throw new StatsError('LENGTH_MISMATCH', `time has ${n} values but status has ${input.status?.length ?? 0}`);
  const K = input.eventLabels?.length ?? 0;
  if (K === 0) throw new StatsError('INVALID_ARGUMENT', 'eventLabels must name at least one event type');
  if (new Set(input.eventLabels).size !== K || input.eventLabels.includes('event-free')) throw new StatsError('INVALID_ARGUMENT', `eventLabels must be unique and not "event-free": ${input.eventLabels.join(', ')}`);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    if (!Number.isFinite(t) || t < 0) throw new StatsError(Number.isFinite(t) ? 'INVALID_ARGUMENT' : 'NON_FINITE', `time[${i}] is ${t}: survival times are finite and ≥ 0`, { name: 'time', index: i });
    const st = input.status[i];
    if (!Number.isInteger(st) || st < 0 || st > K) throw new StatsError('INVALID_ARGUMENT', `status[${i}] is ${st}: code censoring as 0 and events as 1 … ${K} (${input.eventLabels.join(', ')})`, { name: 'status', index: i });
    time[i] = t;
    status[i] = st;
  }
  const z = zFor(confLevel);
  const groups = input.group ? splitByCode(groupCodes(input.group, n, 'group'), input.group.labels.length) : [sequence(n)];
  const labels = input.group ? input.group.labels : ['all'];
  const curves = groups.map((idx, g) => curve(labels[g], time, status, idx, input.eventLabels, confType, z));
  return { method: 'aalen-johansen', options: { confType, confLevel, variance: 'infinitesimal-jackknife' }, curves };
}

export interface StatesAtTime {
  readonly time: number;
  /** At risk just before t (0 after the last time). */
  readonly nRisk: number;
  /** Per state (event-free first), as `states`. */
  readonly p: readonly number[];
  readonly stdErr: readonly number[];
}

/** State probabilities read at chosen times (summary(survfit, times, extend = TRUE)). */
export function cumulativeIncidenceAt(curve: CumulativeIncidenceCurve, times: readonly number[]): StatesAtTime[] {
  const risk = numberAtRisk(curve, times);
  return times.map((t, k) => {
    let lo = 0, hi = curve.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (curve.time[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    const j = lo - 1;
    return {
      time: t,
      nRisk: risk[k],
      p: curve.states.map((s, m) => (j < 0 ? (m === 0 ? 1 : 0) : s.p[j])),
      stdErr: curve.states.map((s) => (j < 0 ? 0 : s.stdErr[j])),
    };
  });
}
