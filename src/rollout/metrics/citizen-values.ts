/**
 * One SQL view of the cohort, shared by status and settlement so that both count the same way:
 * a row per citizen (municipality, group, the group's period, whether the group is shared between
 * municipalities), the baseline and follow-up value of every outcome, and for every payment
 * metric whether the citizen achieved it and why not:
 *
 *   no follow-up value            → 'missing-follow-up'  (not achieved: no payment without documented results)
 *   follow-up but no baseline     → 'missing-baseline'   (change rules only; not achieved)
 *   change rule: d·(y_f − y_b) ≥ t → 'achieved', else 'not-achieved'
 *   level rule:  d·(y_f − t) ≥ 0   → 'achieved', else 'not-achieved'
 *
 * d = +1 when higher is better, −1 when lower is better (the rule's direction, else the
 * instrument's from the registry, else −1 for a count). A tolerance of 1e-9 lets a prorated score
 * equal to the threshold count, as the trial's responder analysis does.
 */
import type { ResolvedMetric } from '../contract/load.ts';
import type { Store } from '../store/store.ts';
import { rolloutProblem } from '../errors.ts';

export interface StoredOutcome {
  readonly id: string;
  readonly name: { readonly da: string; readonly en: string };
  readonly kind: 'score' | 'count';
  readonly higherIsBetter: boolean;
  readonly register: boolean;
}

export async function storedOutcomes(s: Store): Promise<StoredOutcome[]> {
  const rows = await s.all(`SELECT outcome, name_da, name_en, kind, higher_is_better, register FROM outcomes ORDER BY ordinal`);
  return rows.map((r) => ({ id: String(r.outcome), name: { da: String(r.name_da), en: String(r.name_en) }, kind: r.kind === 'count' ? 'count' : 'score', higherIsBetter: Boolean(r.higher_is_better), register: Boolean(r.register) }));
}

export type Reason = 'achieved' | 'not-achieved' | 'missing-follow-up' | 'missing-baseline';

/** +1 or −1: the metric's beneficial direction. */
export function directionOf(m: Pick<ResolvedMetric, 'rule'>, outcome: StoredOutcome | undefined): 1 | -1 {
  if (m.rule.direction) return m.rule.direction === 'higher-is-better' ? 1 : -1;
  return outcome?.higherIsBetter ? 1 : -1;
}

const ident = (i: number, what: string) => `${what}${i}`;

export interface CohortView {
  /** SQL of the per-citizen view (a SELECT), to wrap in a CTE. */
  readonly sql: string;
  /** Column names: outcome o's values are b<o>/f<o>; metric k's reason is r<k>. */
  readonly outcomes: readonly StoredOutcome[];
}

export interface CohortViewOptions {
  readonly baseline: string;
  readonly followUp: string;
  /** Restrict to these periods (group end); all when omitted. */
  readonly periods?: readonly string[];
  readonly municipalities?: readonly string[];
}

export function cohortView(metrics: readonly ResolvedMetric[], outcomes: readonly StoredOutcome[], o: CohortViewOptions): CohortView {
  const byId = new Map(outcomes.map((x) => [x.id, x]));
  for (const m of metrics) {
    if (!byId.has(m.rule.outcome)) throw rolloutProblem('(store)', 'outcomes', m.rule.outcome, `payment metric "${m.id}" needs outcome "${m.rule.outcome}", which no ingested file declared`, 'ingest the exports with a spec that declares it');
  }
  // Ids are embedded as escaped SQL string literals (not positional parameters, whose order would
  // have to follow the text of a query assembled from parts).
  const p = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const where: string[] = [];
  if (o.periods) where.push(`g.period IN (${o.periods.map(p).join(', ')})`);
  if (o.municipalities) where.push(`c.municipality IN (${o.municipalities.map(p).join(', ')})`);
  // Each outcome's place in a visit row's values, per ingest (files may come with other specs).
  const positions = `SELECT ingest_id, ${outcomes.map((x, i) => `list_position(value_names, ${p(x.id)}) AS ${ident(i, 'p')}`).join(', ') || 'NULL AS p_'} FROM ingests`;
  const valueCols = outcomes.flatMap((x, i) => [
    `max(v.vals[ix.${ident(i, 'p')}]) FILTER (WHERE v.visit = ${p(o.baseline)}) AS ${ident(i, 'b')}`,
    `max(v.vals[ix.${ident(i, 'p')}]) FILTER (WHERE v.visit = ${p(o.followUp)}) AS ${ident(i, 'f')}`,
  ]);
  // One grouped pass over the visit rows (values and which visits have a row), joined by pid (no
  // correlated subqueries: at national scale those cost seconds).
  const wherePids = where.length ? `WHERE v.pid IN (SELECT pid FROM c)` : '';
  const rowsSql = `
    SELECT v.pid, bool_or(v.visit = ${p(o.baseline)}) AS has_baseline_row, bool_or(v.visit = ${p(o.followUp)}) AS has_follow_up_row${valueCols.length ? `, ${valueCols.join(', ')}` : ''}
    FROM visit_rows v JOIN (${positions}) ix ON ix.ingest_id = v.ingest_id ${wherePids}
    GROUP BY v.pid`;
  const baseSql = `
    SELECT c.pid, c.municipality, c.group_id, g.period, coalesce(g.start_period, g.period) AS start_period,
      gm.shared, coalesce(w.has_baseline_row, false) AS has_baseline_row, coalesce(w.has_follow_up_row, false) AS has_follow_up_row,
      ${outcomes.map((_, i) => `w.${ident(i, 'b')}, w.${ident(i, 'f')}`).join(', ') || 'NULL AS no_outcomes'}
    FROM c
    JOIN course_groups g ON g.group_id = c.group_id
    JOIN (SELECT group_id, count(DISTINCT municipality) > 1 AS shared FROM citizens GROUP BY group_id) gm ON gm.group_id = c.group_id
    LEFT JOIN w ON w.pid = c.pid`;
  const reasons = metrics.map((m, k) => {
    const i = outcomes.findIndex((x) => x.id === m.rule.outcome);
    const d = directionOf(m, outcomes[i]);
    const b = ident(i, 'b');
    const f = ident(i, 'f');
    const t = Number(m.rule.threshold);
    if (!Number.isFinite(t)) throw rolloutProblem('(contract)', `paymentMetrics.${m.id}.rule.threshold`, m.rule.threshold, 'is not a finite number', 'correct the contract');
    const test = m.rule.type === 'change' ? `${d} * (${f} - ${b}) >= ${t} - 1e-9` : `${d} * (${f} - (${t})) >= -1e-9`;
    const missingBase = m.rule.type === 'change' ? `WHEN ${b} IS NULL THEN 'missing-baseline' ` : '';
    return `CASE WHEN ${f} IS NULL THEN 'missing-follow-up' ${missingBase}WHEN ${test} THEN 'achieved' ELSE 'not-achieved' END AS r${k}`;
  });
  const citizens = `SELECT c.* FROM citizens c${where.length ? ` JOIN course_groups g ON g.group_id = c.group_id WHERE ${where.join(' AND ')}` : ''}`;
  const sql = `
    WITH c AS (${citizens}),
    w AS (${rowsSql}),
    base AS (${baseSql})
    SELECT base.*${reasons.length ? `, ${reasons.join(', ')}` : ''}
    FROM base`;
  return { sql, outcomes };
}
