/**
 * `rollout status`: what the steering group and the agency follow, per municipality × period
 * and per municipality to date, with exact counts (suppression for publication is applied once,
 * afterwards, in the report layer's publishable status):
 *   groups run (and how many shared), citizens started (baseline row) and finished (measured at
 *   the end of the course), measurement completeness per visit and outcome;
 *   pre/post change per outcome: mean of (end − start) with its t interval (src/stats paired t
 *   from the database's n, mean and sample variance of the differences);
 *   per payment metric: the share achieving it among those who started (missing follow-up = not
 *   achieved, as in the settlement) with its Wilson interval, beside the trial's arms;
 *   a funnel per metric: every municipality's share to date against the trial's intervention arm,
 *   with 95 % and 99.8 % binomial control limits (Spiegelhalter).
 * The per-citizen view is the settlement's (metrics/citizen-values.ts), aggregated in DuckDB.
 */
import { pairedTFromSummary } from '../../stats/hypothesis/paired-t.ts';
import { wilson } from '../../stats/effects/binary.ts';
import { binomialFunnelLimits } from '../../stats/effects/funnel.ts';
import type { Store, Row } from '../store/store.ts';
import { loadStoredContract } from '../store/contract-tables.ts';
import { cohortView, storedOutcomes, type StoredOutcome } from '../metrics/citizen-values.ts';
import type { BenchmarkArm } from '../contract/benchmark.ts';
import { rolloutProblem } from '../errors.ts';
import { CHANGE_DECIMAL, CHANGE_LIMIT, exactChange } from './exact-change.ts';

export const STATUS_SCHEMA_VERSION = '1.0.0';

/** Danish order, made once (localeCompare with a locale builds a collator on every call). */
const danish = new Intl.Collator('da');

export interface Estimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface StatusCell {
  readonly municipality: string;
  /** A period id, or null for the municipality's figures to date. */
  readonly period: string | null;
  readonly groups: number;
  readonly sharedGroups: number;
  readonly started: number;
  readonly finished: number;
  readonly completeness: ReadonlyArray<{ readonly outcome: string; readonly visit: string; readonly measured: number }>;
  readonly change: ReadonlyArray<{ readonly outcome: string; readonly n: number; readonly mean: number | null; readonly sd: number | null; readonly interval: Estimate | null }>;
  readonly metrics: ReadonlyArray<{ readonly metric: string; readonly n: number; readonly achieved: number; readonly share: Estimate | null }>;
}

export interface FunnelPoint {
  readonly municipality: string;
  readonly n: number;
  readonly achieved: number;
  readonly share: number;
  /** Where the share falls against the limits: inside 95 %, between 95 % and 99.8 %, or beyond 99.8 %. */
  readonly position: 'inside' | 'warning-low' | 'warning-high' | 'alarm-low' | 'alarm-high';
}

export interface FunnelMetric {
  readonly metric: string;
  /** The target: the trial's intervention-arm share (what the course achieved in the trial). */
  readonly target: number;
  readonly targetSource: string;
  /** The counterfactual the settlement uses, drawn as a reference. */
  readonly counterfactual: number;
  readonly points: readonly FunnelPoint[];
  /** Limits on a grid of n for drawing. */
  readonly limits: ReadonlyArray<{ readonly n: number; readonly lower95: number; readonly upper95: number; readonly lower998: number; readonly upper998: number }>;
}

export interface RolloutStatus {
  readonly schemaVersion: string;
  readonly contract: { readonly id: string; readonly title: { readonly da: string; readonly en: string }; readonly synthetic: boolean };
  readonly trial: { readonly id: string; readonly resultsFile: string };
  readonly confLevel: number;
  /** Settlement periods that have data (a group ending in them), in contract order. */
  readonly periods: readonly string[];
  readonly filter: { readonly municipality: string | null; readonly period: string | null };
  readonly outcomes: readonly StoredOutcome[];
  readonly visits: ReadonlyArray<{ readonly id: string; readonly name: { readonly da: string; readonly en: string } }>;
  readonly metrics: ReadonlyArray<{ readonly id: string; readonly name: { readonly da: string; readonly en: string }; readonly definition: { readonly da: string; readonly en: string }; readonly counterfactual: number; readonly benchmark: readonly BenchmarkArm[] | null }>;
  readonly cells: readonly StatusCell[];
  readonly funnel: readonly FunnelMetric[];
}

export interface StatusOptions {
  readonly municipality?: string;
  readonly period?: string;
}

function position(share: number, n: number, target: number): FunnelPoint['position'] {
  const l95 = binomialFunnelLimits(n, target, 0.95);
  const l998 = binomialFunnelLimits(n, target, 0.998);
  if (share < l998.lower) return 'alarm-low';
  if (share > l998.upper) return 'alarm-high';
  if (share < l95.lower) return 'warning-low';
  if (share > l95.upper) return 'warning-high';
  return 'inside';
}

export async function rolloutStatus(s: Store, options: StatusOptions = {}): Promise<RolloutStatus> {
  const { contract } = await loadStoredContract(s);
  const src = contract.source;
  if (options.municipality && !src.municipalities.some((m) => m.id === options.municipality)) {
    throw rolloutProblem('--municipality', '', options.municipality, 'is not a municipality of the contract', `use one of: ${src.municipalities.map((m) => m.id).join(', ')}`);
  }
  if (options.period && !contract.periods.some((p) => p.id === options.period)) {
    throw rolloutProblem('--period', '', options.period, 'is not a period of the contract', `use one of: ${contract.periods.map((p) => p.id).join(', ')}`);
  }
  const outcomes = await storedOutcomes(s);
  const visits = (await s.all(`SELECT visit, name_da, name_en FROM cohort_visits ORDER BY ordinal`)).map((r) => ({ id: String(r.visit), name: { da: String(r.name_da), en: String(r.name_en) } }));
  const withData = new Set((await s.all(`SELECT DISTINCT period FROM course_groups g WHERE EXISTS (SELECT 1 FROM citizens c WHERE c.group_id = g.group_id)`)).map((r) => String(r.period)));
  const periods = contract.periods.map((p) => p.id).filter((p) => withData.has(p));
  const metricsOut = contract.metrics.map((m) => ({ id: m.id, name: m.name, definition: m.definition, counterfactual: m.counterfactualUsed, benchmark: m.benchmark?.arms ?? null }));
  const base = {
    schemaVersion: STATUS_SCHEMA_VERSION,
    contract: { id: src.id, title: src.title, synthetic: src.synthetic },
    trial: { id: contract.trial.id, resultsFile: contract.trial.resultsFile },
    confLevel: src.confLevel,
    periods,
    filter: { municipality: options.municipality ?? null, period: options.period ?? null },
    outcomes,
    visits,
    metrics: metricsOut,
  };
  if (outcomes.length === 0) return { ...base, cells: [], funnel: [] };

  const baseline = src.visits.baseline;
  const followUp = src.visits.followUp;
  // "To date" runs up to the period asked for (all periods otherwise).
  const upTo = options.period ? contract.periods.slice(0, contract.periods.findIndex((p) => p.id === options.period) + 1).map((p) => p.id) : undefined;
  const view = cohortView(contract.metrics, outcomes, { baseline, followUp, periods: upTo });
  const scored = outcomes.map((o, i) => ({ o, i })).filter((x) => !x.o.register);
  const finishedTest = scored.length ? scored.map((x) => `f${x.i} IS NOT NULL`).join(' OR ') : 'has_follow_up_row';
  const aggregates = [
    `count(DISTINCT group_id)::INTEGER AS groups`,
    `count(DISTINCT group_id) FILTER (WHERE shared)::INTEGER AS shared_groups`,
    `count(*)::INTEGER AS started`,
    `count(*) FILTER (WHERE ${finishedTest})::INTEGER AS finished`,
    ...outcomes.flatMap((_, i) => [
      `count(b${i})::INTEGER AS mb${i}`, `count(f${i})::INTEGER AS mf${i}`, `count(f${i} - b${i})::INTEGER AS n${i}`,
      // Exact sums of the change and its square (each change rounded once to 10⁻¹²): DuckDB's
      // double avg/var_samp add in the order of its row groups and threads, so the same rows
      // committed in other batches gave other last digits. Mean and variance are formed in
      // JavaScript from these exact integers (exact-change.ts).
      `sum((f${i} - b${i})::${CHANGE_DECIMAL})::VARCHAR AS s${i}`, `sum((f${i} - b${i})::${CHANGE_DECIMAL} * (f${i} - b${i})::${CHANGE_DECIMAL})::VARCHAR AS q${i}`,
    ]),
    ...contract.metrics.map((_, k) => `count(*) FILTER (WHERE r${k} = 'achieved')::INTEGER AS a${k}`),
  ];
  const rows = await s
    .all(`WITH x AS (${view.sql}) SELECT municipality, period, GROUPING(period)::INTEGER AS total, ${aggregates.join(', ')}
    FROM x WHERE has_baseline_row GROUP BY GROUPING SETS ((municipality, period), (municipality)) ORDER BY municipality, total, period`)
    .catch((e: unknown) => {
      // Only a change beyond ±10⁶ (or sums of squares beyond 10¹⁴) overflows the exact sums.
      if (/Conversion Error|Overflow/i.test(String((e as Error)?.message))) {
        throw rolloutProblem('status', '', outcomes.map((o) => o.id).join(', '), `holds a change between visits beyond ±${CHANGE_LIMIT.toExponential(0)}, which the exact sums of the status cannot hold`, 'check the exported values of these outcomes (a score or register count that large is not plausible)');
      }
      throw e;
    });
  const order = new Map(contract.periods.map((p, i) => [p.id, i]));
  const conf = src.confLevel;
  const cell = (r: Row): StatusCell => {
    const started = Number(r.started);
    return {
      municipality: String(r.municipality),
      period: Number(r.total) === 1 ? null : String(r.period),
      groups: Number(r.groups),
      sharedGroups: Number(r.shared_groups),
      started,
      finished: Number(r.finished),
      completeness: outcomes.flatMap((o, i) => [{ outcome: o.id, visit: baseline, measured: Number(r[`mb${i}`]) }, { outcome: o.id, visit: followUp, measured: Number(r[`mf${i}`]) }]),
      change: outcomes.map((o, i) => {
        const n = Number(r[`n${i}`]);
        const { mean, variance } = exactChange(n, r[`s${i}`], r[`q${i}`]);
        const interval = n >= 2 && mean !== null && variance !== null && variance > 0 ? pairedTFromSummary({ n, mean, variance }, { confLevel: conf }) : null;
        return { outcome: o.id, n, mean, sd: variance === null ? null : Math.sqrt(variance), interval: interval && { estimate: interval.estimate, lower: interval.lower, upper: interval.upper } };
      }),
      metrics: contract.metrics.map((m, k) => {
        const a = Number(r[`a${k}`]);
        return { metric: m.id, n: started, achieved: a, share: started > 0 ? wilson(a, started, conf) : null };
      }),
    };
  };
  const all = rows.map(cell);
  const totals = all.filter((c) => c.period === null);
  const cells = all
    .filter((c) => (!options.municipality || c.municipality === options.municipality) && (c.period === null || !options.period || c.period === options.period))
    .sort((a, b) => danish.compare(a.municipality, b.municipality) || (a.period === null ? 1 : 0) - (b.period === null ? 1 : 0) || (order.get(a.period ?? '') ?? 0) - (order.get(b.period ?? '') ?? 0));

  const funnel: FunnelMetric[] = contract.metrics.map((m, k) => {
    const arm = m.benchmark?.arms.find((x) => x.role === 'intervention');
    const target = arm ? arm.rate : m.counterfactualUsed;
    const points = totals.filter((t) => t.started > 0).map((t): FunnelPoint => {
      const a = t.metrics[k].achieved;
      return { municipality: t.municipality, n: t.started, achieved: a, share: a / t.started, position: position(a / t.started, t.started, target) };
    });
    const maxN = Math.max(10, ...points.map((p) => p.n));
    const grid: number[] = [];
    for (let n = 5; n <= maxN * 1.1; n += Math.max(1, Math.round(maxN / 120))) grid.push(n);
    return {
      metric: m.id, target,
      targetSource: arm ? `${contract.trial.id}: ${arm.label} arm ${arm.events}/${arm.n}` : 'the contract counterfactual (no trial arm for this metric)',
      counterfactual: m.counterfactualUsed,
      points,
      limits: grid.map((n) => {
        const a = binomialFunnelLimits(n, target, 0.95);
        const b = binomialFunnelLimits(n, target, 0.998);
        return { n, lower95: a.lower, upper95: a.upper, lower998: b.lower, upper998: b.upper };
      }),
    };
  });
  return { ...base, cells, funnel };
}
