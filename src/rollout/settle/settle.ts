/**
 * `rollout settle`: settles one payment period from the store.
 *
 *   1. Periods are settled in order: every earlier period must have an issued settlement; its
 *      latest version's closing state (carry-overs, paid to date) is this period's opening state.
 *   2. The period's cohort (citizens of groups that ended in it) is counted per municipality and
 *      metric with the shared cohort view (metrics/citizen-values.ts) and run through the rules
 *      (engine.ts); the investor's account and the municipal business case are added.
 *   3. Issued settlements are immutable. When the figures equal the latest version's (same
 *      data digest), nothing is issued and that version is returned. Otherwise a new version is
 *      issued that names the version it supersedes, the difference per municipality and its
 *      cause (the files ingested since that changed the cohort, earlier periods re-settled).
 * All in one transaction: a settlement is stored whole or not at all.
 */
import { createHash } from 'node:crypto';
import type { Store, Row } from '../store/store.ts';
import { loadStoredContract } from '../store/contract-tables.ts';
import { appendRows } from '../store/append.ts';
import { cohortView, storedOutcomes, type Reason } from '../metrics/citizen-values.ts';
import { emptyState, settlePeriod, type EngineState } from './engine.ts';
import { investorAccount, municipalCase } from './investor.ts';
import { SETTLEMENT_SCHEMA_VERSION, type SettlementCause, type SettlementLine, type SettlementMunicipality, type SettlementResult } from './types.ts';
import { rolloutProblem } from '../errors.ts';
import type { Contract } from '../contract/load.ts';

export interface SettleOptions {
  readonly period: string;
  /** Issue date, YYYY-MM-DD: printed on the notes; never the wall clock. */
  readonly date: string;
  readonly softwareVersion?: string;
}

export interface SettleOutcome {
  readonly result: SettlementResult;
  /** False when the figures equal the latest issued version, which is returned unchanged. */
  readonly issued: boolean;
  /** Later periods settled on the superseded version: they need settling again to carry the change forward. */
  readonly laterPeriodsToResettle: readonly string[];
}

export interface Latest {
  readonly id: string;
  readonly version: number;
  readonly result: SettlementResult;
}

/** The latest issued version of every settled period, by period id. */
export async function latestVersions(s: Store): Promise<Map<string, Latest>> {
  const rows = await s.all(`SELECT settlement_id, period, version, result_json FROM settlements s WHERE version = (SELECT max(version) FROM settlements t WHERE t.period = s.period)`);
  return new Map(rows.map((r) => [String(r.period), { id: String(r.settlement_id), version: Number(r.version), result: JSON.parse(String(r.result_json)) as SettlementResult }]));
}

function checkDate(date: string, periodTo: string): void {
  const d = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw rolloutProblem('--date', '', date, 'is not a calendar date written YYYY-MM-DD', 'give the issue date, e.g. --date 2025-02-15');
  }
  if (date <= periodTo) throw rolloutProblem('--date', '', date, `a period can only be settled after it has ended (${periodTo})`, `give a date after ${periodTo}`);
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface CitizenRow {
  readonly pid: string;
  readonly municipality: string;
  readonly group: string;
  readonly shared: boolean;
  readonly startPeriod: string;
  readonly reasons: readonly Reason[];
}

async function cohort(s: Store, contract: Contract, period: string): Promise<CitizenRow[]> {
  const outcomes = await storedOutcomes(s);
  if (outcomes.length === 0) return [];
  const view = cohortView(contract.metrics, outcomes, { baseline: contract.source.visits.baseline, followUp: contract.source.visits.followUp, periods: [period] });
  // Kept as a temporary table: read here, and copied into settlement_items by SQL when the
  // settlement is issued (tens of thousands of rows need not travel through JavaScript twice).
  await s.run(`CREATE OR REPLACE TEMP TABLE tmp_settle_cohort AS WITH x AS (${view.sql}) SELECT pid, municipality, group_id, shared, start_period, ${contract.metrics.map((_, k) => `r${k}`).join(', ')} FROM x WHERE has_baseline_row`);
  const rows = await s.all(`SELECT * FROM tmp_settle_cohort ORDER BY municipality, group_id, pid`);
  return rows.map((r: Row) => ({
    pid: String(r.pid), municipality: String(r.municipality), group: String(r.group_id), shared: Boolean(r.shared), startPeriod: String(r.start_period),
    reasons: contract.metrics.map((_, k) => String(r[`r${k}`]) as Reason),
  }));
}

export async function settle(s: Store, options: SettleOptions): Promise<SettleOutcome> {
  const { contract } = await loadStoredContract(s);
  const periods = contract.periods;
  const index = periods.findIndex((p) => p.id === options.period);
  if (index < 0) throw rolloutProblem('--period', '', options.period, 'is not a payment period of the contract', `use one of: ${periods.map((p) => p.id).join(', ')}`);
  const period = periods[index];
  checkDate(options.date, period.to);
  const latest = await latestVersions(s);
  const unsettled = periods.slice(0, index).filter((p) => !latest.has(p.id));
  if (unsettled.length > 0) throw rolloutProblem('--period', '', options.period, `earlier period${unsettled.length > 1 ? 's' : ''} ${unsettled.map((p) => p.id).join(', ')} ${unsettled.length > 1 ? 'are' : 'is'} not settled yet (carry-over and caps run in order)`, `settle ${unsettled[0].id} first`);
  const prior = index > 0 ? latest.get(periods[index - 1].id)! : null;
  const opening = new Map<string, EngineState>((prior?.result.municipalities ?? []).map((m) => [m.id, m.state]));

  const citizens = await cohort(s, contract, period.id);
  const munis = contract.source.municipalities;
  // Each municipality's citizens, in cohort order (one pass: filtering the whole cohort per municipality was most of the settlement's time at national scale).
  const byMunicipality = new Map<string, CitizenRow[]>(munis.map((m) => [m.id, []]));
  for (const c of citizens) byMunicipality.get(c.municipality)?.push(c);
  const citizensOf = (id: string) => byMunicipality.get(id) ?? [];
  const metrics = contract.metrics;
  const engine = settlePeriod({
    metrics: metrics.map((m) => ({ id: m.id, pricePerOutcome: m.pricePerOutcome, counterfactual: m.counterfactualUsed, floor: m.floor, cap: m.cap })),
    limits: { floor: contract.source.limits.floor, cap: contract.source.limits.cap ?? null },
    carryOver: contract.source.carryOver,
    final: index === periods.length - 1,
    municipalities: munis.map((m) => {
      const mine = citizensOf(m.id);
      return {
        id: m.id,
        counts: Object.fromEntries(metrics.map((k, j) => [k.id, { citizens: mine.length, achieved: mine.filter((c) => c.reasons[j] === 'achieved').length }])),
        state: opening.get(m.id) ?? emptyState,
      };
    }),
  });

  // Items and their digests: what each figure counted.
  const items: { municipality: string; metric: string; group: string; pid: string; achieved: boolean; reason: Reason }[] = [];
  const lines = new Map<string, SettlementLine[]>();
  for (const [mi, m] of munis.entries()) {
    const mine = citizensOf(m.id);
    lines.set(m.id, engine[mi].lines.map((l, j): SettlementLine => {
      const reasonCount = { achieved: 0, 'not-achieved': 0, 'missing-follow-up': 0, 'missing-baseline': 0 } satisfies Record<Reason, number>;
      const byGroup = new Map<string, { group: string; shared: boolean; citizens: number; achieved: number }>();
      const lineItems: string[] = [];
      for (const c of mine) {
        const reason = c.reasons[j];
        items.push({ municipality: m.id, metric: l.metric, group: c.group, pid: c.pid, achieved: reason === 'achieved', reason });
        reasonCount[reason]++;
        let g = byGroup.get(c.group);
        if (!g) byGroup.set(c.group, (g = { group: c.group, shared: c.shared, citizens: 0, achieved: 0 }));
        g.citizens++;
        if (reason === 'achieved') g.achieved++;
        lineItems.push(`${c.pid},${c.group},${reason}`);
      }
      return {
        ...l,
        notAchieved: { measured: reasonCount['not-achieved'], missingFollowUp: reasonCount['missing-follow-up'], missingBaseline: reasonCount['missing-baseline'] },
        byGroup: [...byGroup.keys()].sort().map((g) => byGroup.get(g)!),
        itemsDigest: sha(lineItems.sort().join('\n')),
      };
    }));
  }

  const earlier = periods.slice(0, index).map((p) => latest.get(p.id)!);
  const dataDigest = sha(JSON.stringify({ contract: contract.sha256, earlier: earlier.map((e) => e.id), items: items.map((i) => `${i.municipality},${i.metric},${i.group},${i.pid},${i.reason}`) }));
  const current = latest.get(period.id) ?? null;
  const laterPeriodsToResettle = periods.slice(index + 1).filter((p) => latest.has(p.id)).map((p) => p.id);
  if (current && current.result.inputs.dataDigest === dataDigest) return { result: current.result, issued: false, laterPeriodsToResettle: [] };

  const lastIngest = Number((await s.all(`SELECT coalesce(max(ingest_id), 0)::INTEGER AS n FROM ingests`))[0].n);
  const cohortIngests = await s.all(`
    SELECT DISTINCT i.ingest_id::INTEGER AS id, i.file_name, i.file_sha256 FROM visit_rows v
    JOIN citizens c ON c.pid = v.pid JOIN course_groups g ON g.group_id = c.group_id JOIN ingests i ON i.ingest_id = v.ingest_id
    WHERE g.period = ? ORDER BY 1`, [period.id]);
  const cause = await causeOf(s, current, period.id, earlier, contract.sha256);

  // Investor and business case over the settled cohorts, this one included.
  const payments = new Map<string, Map<string, number>>(munis.map((m) => [m.id, new Map()]));
  for (const e of earlier) for (const m of e.result.municipalities) payments.get(m.id)?.set(e.result.period.id, m.payment);
  engine.forEach((m) => payments.get(m.id)!.set(period.id, m.payment));
  const startedRows = await s.all(`
    SELECT c.municipality, coalesce(g.start_period, ?) AS sp, count(DISTINCT c.pid)::INTEGER AS n
    FROM citizens c JOIN course_groups g ON g.group_id = c.group_id JOIN contract_periods p ON p.period = g.period
    WHERE p.ordinal <= ? AND EXISTS (SELECT 1 FROM visit_rows v WHERE v.pid = c.pid AND v.visit = ?)
    GROUP BY ALL`, [periods[0].id, index, contract.source.visits.baseline]);
  const started = new Map<string, Map<string, number>>(munis.map((m) => [m.id, new Map()]));
  for (const r of startedRows) started.get(String(r.municipality))?.set(String(r.sp), Number(r.n));
  const realisedFor = (id: string | null) => metrics.map((k) => {
    let achieved = 0;
    let expected = 0;
    let n = 0;
    for (const e of [...earlier.map((x) => x.result), null]) {
      const ms = e === null ? engine.map((m, i) => ({ id: m.id, lines: lines.get(munis[i].id)! })) : e.municipalities;
      for (const m of ms) {
        if (id !== null && m.id !== id) continue;
        const l = m.lines.find((x) => x.metric === k.id);
        if (l) {
          achieved += l.achieved;
          expected += l.expected;
          n += l.citizens;
        }
      }
    }
    return { metric: k.id, effect: k.scenarioEffect, achieved, expected, citizens: n };
  });
  const lag = contract.source.investor.paymentLagPeriods;
  const perCitizen = contract.source.investor.prefinancingPerCitizen;
  const sumMaps = (maps: Iterable<Map<string, number>>) => {
    const out = new Map<string, number>();
    for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  };
  const cohortCitizens = (id: string | null) => realisedFor(id)[0]?.citizens ?? 0;
  const paidTo = (id: string | null) => [...(id === null ? sumMaps(payments.values()) : payments.get(id)!).values()].reduce((a, b) => a + b, 0);

  const prevById = new Map((current?.result.municipalities ?? []).map((m) => [m.id, m]));
  const municipalities: SettlementMunicipality[] = munis.map((m, i) => {
    const e = engine[i];
    const mine = citizensOf(m.id);
    const prev = prevById.get(m.id);
    const groups = new Map<string, boolean>();
    for (const c of mine) if (!groups.has(c.group)) groups.set(c.group, c.shared);
    return {
      id: m.id, code: m.code ?? null, citizens: mine.length, groups: groups.size, sharedGroups: [...groups.values()].filter(Boolean).length,
      lines: lines.get(m.id)!, metricsSum: e.metricsSum, capReduction: e.capReduction, floorTopUp: e.floorTopUp, payment: e.payment, paidBefore: e.paidBefore, paidAfter: e.paidAfter,
      previousPayment: prev ? prev.payment : null, difference: prev ? Math.round((e.payment - prev.payment) * 100) / 100 : null,
      previousLines: prev ? prev.lines.map((l) => ({ metric: l.metric, citizens: l.citizens, achieved: l.achieved, payment: l.payment })) : null,
      state: e.state,
      investor: investorAccount(periods, started.get(m.id)!, payments.get(m.id)!, perCitizen, lag),
      businessCase: contract.businessCase ? municipalCase(contract.businessCase, cohortCitizens(m.id), paidTo(m.id), realisedFor(m.id)) : null,
    };
  });
  const version = (current?.version ?? 0) + 1;
  const settlementId = `${period.id}-v${version}`;
  const total = Math.round(municipalities.reduce((a, m) => a + m.payment, 0) * 100) / 100;
  const prevTotal = current ? current.result.totals.payment : null;
  const src = contract.source;
  const result: SettlementResult = {
    schemaVersion: SETTLEMENT_SCHEMA_VERSION,
    software: { name: 'effekt', version: options.softwareVersion ?? '0.1.0' },
    settlementId, version, issuedDate: options.date,
    supersedes: current ? { settlementId: current.id, issuedDate: current.result.issuedDate } : null,
    period: { id: period.id, from: period.from, to: period.to, final: index === periods.length - 1, index },
    contract: {
      id: src.id, title: src.title, file: contract.file, sha256: contract.sha256, synthetic: src.synthetic, parties: src.parties,
      counterfactualBound: src.counterfactualBound, carryOver: src.carryOver, limits: { floor: src.limits.floor, cap: src.limits.cap ?? null },
      trial: { id: contract.trial.id, resultsFile: contract.trial.resultsFile, resultsSha256: contract.trial.resultsSha256 },
    },
    metrics: metrics.map((k) => ({ id: k.id, name: k.name, definition: k.definition, pricePerOutcome: k.pricePerOutcome, floor: k.floor, cap: k.cap, counterfactual: k.counterfactual, counterfactualUsed: k.counterfactualUsed })),
    cause,
    inputs: { lastIngest, ingests: cohortIngests.map((r) => ({ id: Number(r.id), file: String(r.file_name), sha256: String(r.file_sha256) })), dataDigest, earlierSettlements: earlier.map((e) => e.id) },
    municipalities,
    totals: { citizens: citizens.length, payment: total, previousPayment: prevTotal, difference: prevTotal === null ? null : Math.round((total - prevTotal) * 100) / 100 },
    investor: investorAccount(periods, sumMaps(started.values()), sumMaps(payments.values()), perCitizen, lag),
    businessCase: contract.businessCase ? municipalCase(contract.businessCase, cohortCitizens(null), paidTo(null), realisedFor(null)) : null,
  };
  await s.transaction(async () => {
    await s.run(`INSERT INTO settlements VALUES (?, ?, ?, ?::DATE, ?, ?, ?, ?, ?)`, [settlementId, period.id, version, options.date, current?.id ?? null, JSON.stringify(cause), dataDigest, lastIngest, JSON.stringify(result)]);
    await appendRows(s, 'settlement_lines', ['varchar', 'varchar', 'varchar', 'integer', 'integer', 'double', 'double', 'double', 'double'],
      municipalities.flatMap((m) => m.lines.map((l) => [settlementId, m.id, l.metric, l.citizens, l.achieved, l.expected, l.amount, l.payment, l.carryOut])));
    if (citizens.length > 0) {
      await s.run(`INSERT INTO settlement_items ${metrics.map((m, k) => `SELECT '${settlementId.replace(/'/g, "''")}', municipality, '${m.id}', group_id, pid, r${k} = 'achieved', r${k} FROM tmp_settle_cohort`).join(' UNION ALL ')}`);
    }
  });
  return { result, issued: true, laterPeriodsToResettle };
}

async function causeOf(s: Store, current: Latest | null, period: string, earlier: readonly Latest[], contractSha: string): Promise<SettlementCause> {
  if (!current) return { kind: 'first', ingests: [], earlierPeriodsResettled: [], contractChanged: false };
  const since = current.result.inputs.lastIngest;
  const rows = await s.all(`
    SELECT i.ingest_id::INTEGER AS id, i.file_name, i.file_sha256, i.rows_added::INTEGER AS added, i.rows_changed::INTEGER AS changed,
      (SELECT count(*) FROM audit a WHERE a.ingest_id = i.ingest_id)::INTEGER AS fields
    FROM ingests i WHERE i.ingest_id > ? AND (
      EXISTS (SELECT 1 FROM visit_rows v JOIN citizens c ON c.pid = v.pid JOIN course_groups g ON g.group_id = c.group_id WHERE v.ingest_id = i.ingest_id AND g.period = ?)
      OR EXISTS (SELECT 1 FROM citizens c JOIN course_groups g ON g.group_id = c.group_id WHERE c.last_ingest = i.ingest_id AND g.period = ?)
      OR EXISTS (SELECT 1 FROM course_groups g WHERE g.last_ingest = i.ingest_id AND g.period = ?))
    ORDER BY 1`, [since, period, period, period]);
  // Earlier periods whose latest version is not the one the superseded version opened from.
  const used = new Set(current.result.inputs.earlierSettlements);
  const resettled = earlier.filter((e) => !used.has(e.id)).map((e) => ({ period: e.result.period.id, version: e.version }));
  return {
    kind: 'correction',
    ingests: rows.map((r) => ({ id: Number(r.id), file: String(r.file_name), sha256: String(r.file_sha256), rowsAdded: Number(r.added), rowsChanged: Number(r.changed), fieldsChanged: Number(r.fields) })),
    earlierPeriodsResettled: resettled,
    contractChanged: current.result.contract.sha256 !== contractSha,
  };
}
