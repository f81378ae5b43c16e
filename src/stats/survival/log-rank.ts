/**
 * The log-rank test for k groups, optionally stratified, and the Fleming–Harrington G^ρ family,
 * as survival's `survdiff(Surv(time, event) ~ group + strata(s), rho)`.
 *
 * Within each stratum, at each distinct event time t with n at risk (n_g in group g) and d
 * events (d_g), with weight w = Ŝ(t−)^ρ from the pooled Kaplan–Meier of the stratum:
 *   O_g += w·d_g,   E_g += w·d·n_g/n,
 *   V_gh += w²·d (n − d)/(n − 1) · n_g (δ_gh n − n_h)/n²          (n > 1)
 * summed over times and strata. The statistic is X² = (O − E)ᵀ V⁻ (O − E) over the groups with
 * E > 0 less the first of them, with df = (#groups with E > 0) − 1; p from the χ² upper tail.
 * ρ = 0 is the log-rank (Mantel–Haenszel) test, ρ = 1 the Peto–Peto modification of Gehan's test.
 */
import { StatsError, assertFiniteScalar } from '../errors.ts';
import { chiSquare } from '../dist/continuous.ts';
import { fromRows } from '../linalg/matrix.ts';
import { cholesky, choleskySolve } from '../linalg/cholesky.ts';
import { type SurvivalInput, type Grouping, survData, groupCodes, splitByCode, sequence } from './input.ts';
import { orderByTime } from './sort.ts';

export interface LogRankOptions {
  /** Fleming–Harrington ρ (0 = log-rank). */
  readonly rho?: number;
}

export interface LogRankGroup {
  readonly label: string;
  readonly n: number;
  readonly observed: number;
  readonly expected: number;
}

export interface LogRankResult {
  readonly method: string;
  readonly options: { readonly rho: number; readonly stratified: boolean; readonly strata: readonly string[] };
  readonly groups: readonly LogRankGroup[];
  /** Per stratum and group (rows: strata, columns: groups). */
  readonly observedByStratum: readonly (readonly number[])[];
  readonly expectedByStratum: readonly (readonly number[])[];
  /** k × k variance of O − E. */
  readonly variance: readonly (readonly number[])[];
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

export function logRank(input: SurvivalInput & { readonly group: Grouping; readonly strata?: Grouping }, options: LogRankOptions = {}): LogRankResult {
  const rho = assertFiniteScalar(options.rho ?? 0, 'rho');
  const d = survData(input);
  if (d.entry) throw new StatsError('INVALID_ARGUMENT', 'the log-rank test takes right-censored data only (no entry times), as survdiff');
  if (!input.group) throw new StatsError('INVALID_ARGUMENT', 'the log-rank test needs a group');
  const k = input.group.labels.length;
  if (k < 2) throw new StatsError('INVALID_ARGUMENT', `the log-rank test needs at least 2 groups, got ${k}`);
  const g = groupCodes(input.group, d.n, 'group');
  const strataLabels = input.strata ? input.strata.labels : ['all'];
  const strata = input.strata ? splitByCode(groupCodes(input.strata, d.n, 'strata'), strataLabels.length) : [sequence(d.n)];
  const O = strata.map(() => new Float64Array(k));
  const E = strata.map(() => new Float64Array(k));
  const V = new Float64Array(k * k);
  const nAt = new Float64Array(k);
  const dAt = new Float64Array(k);
  strata.forEach((idx, s) => {
    // Sweep times in descending order so the risk set only grows; the pooled Ŝ(t−) for ρ ≠ 0
    // needs ascending order, so collect the event times first and weight afterwards.
    const ord = orderByTime(d.time, { idx, descending: true });
    const rows: { n: number; d: number; nG: Float64Array; dG: Float64Array }[] = [];
    nAt.fill(0);
    let n = 0;
    for (let p = 0; p < ord.length; ) {
      const t = d.time[ord[p]];
      dAt.fill(0);
      let dt = 0;
      for (; p < ord.length && d.time[ord[p]] === t; p++) {
        const i = ord[p];
        nAt[g[i]]++;
        n++;
        if (d.event[i] === 1) {
          dAt[g[i]]++;
          dt++;
        }
      }
      if (dt > 0) rows.push({ n, d: dt, nG: nAt.slice(), dG: dAt.slice() });
    }
    let km = 1;
    for (let r = rows.length - 1; r >= 0; r--) {
      const { n: nt, d: dt, nG, dG } = rows[r];
      const w = rho === 0 ? 1 : km ** rho;
      for (let a = 0; a < k; a++) {
        O[s][a] += w * dG[a];
        E[s][a] += (w * dt * nG[a]) / nt;
      }
      if (nt > 1) {
        const c = (w * w * dt * (nt - dt)) / (nt - 1);
        for (let a = 0; a < k; a++) {
          const fa = nG[a] / nt;
          for (let b = 0; b < k; b++) V[a + b * k] += c * fa * ((a === b ? 1 : 0) - nG[b] / nt);
        }
      }
      km *= (nt - dt) / nt;
    }
  });
  const obs = Array.from({ length: k }, (_, a) => O.reduce((acc, o) => acc + o[a], 0));
  const exp = Array.from({ length: k }, (_, a) => E.reduce((acc, e) => acc + e[a], 0));
  const used = exp.map((e, a) => (e > 0 ? a : -1)).filter((a) => a >= 0);
  if (used.length < 2) throw new StatsError('NOT_ESTIMABLE', `fewer than two groups have subjects at risk at an event time (${used.length}): nothing to compare`);
  const keep = used.slice(1);
  const Vs = fromRows(keep.map((a) => keep.map((b) => V[a + b * k])));
  const diff = keep.map((a) => obs[a] - exp[a]);
  let stat: number;
  try {
    stat = choleskySolve(cholesky(Vs), diff).reduce((acc, v, j) => acc + v * diff[j], 0);
  } catch {
    throw new StatsError('NOT_ESTIMABLE', 'the variance of O − E is singular: the groups never share a risk set with an event (e.g. each group in its own stratum)');
  }
  const df = used.length - 1;
  const counts = splitByCode(g, k).map((x) => x.length);
  return {
    method: rho === 0 ? (input.strata ? 'stratified log-rank test' : 'log-rank test') : `Fleming–Harrington G^${rho} test${input.strata ? ' (stratified)' : ''}`,
    options: { rho, stratified: input.strata !== undefined, strata: strataLabels },
    groups: input.group.labels.map((label, a) => ({ label, n: counts[a], observed: obs[a], expected: exp[a] })),
    observedByStratum: O.map((o) => Array.from(o)),
    expectedByStratum: E.map((e) => Array.from(e)),
    variance: Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => V[a + b * k])),
    statistic: stat,
    df,
    p: chiSquare.sf(stat, df),
  };
}
