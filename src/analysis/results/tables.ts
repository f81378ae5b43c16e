/**
 * Flattens `results.json` into rectangular tables for CSV and Excel: one table per section,
 * one row per estimate, stable column names. Numbers stay numbers (rounding is the report's job).
 * An outcome row's `difference*` columns hold its effect in the row's `measure` — a ratio for a
 * ratio measure, whose `difference_se` is that of the log ratio, as in results.json.
 */
import type { AnalysisResults, OutcomeResult } from './types.ts';
import type { Cell, FlatTable } from '../../data/io/flat-table.ts';

function num(x: number | null | undefined): Cell {
  return x === undefined || x === null || !Number.isFinite(x) ? null : x;
}

/**
 * With k arms every row answers one comparison (results.comparisons), and two rows of the same
 * outcome, visit and estimator differ only by it: the tables then carry a `comparison` column
 * (after the row's first column). A two-arm trial has one comparison and no such column.
 */
function byComparison(r: AnalysisResults): boolean {
  return (r.comparisons?.length ?? 0) > 1;
}

/** The row's cells with its comparison after the first, when the tables carry one. */
function withComparison(r: AnalysisResults, comparison: string, cells: readonly Cell[]): Cell[] {
  return byComparison(r) ? [cells[0], comparison, ...cells.slice(1)] : [...cells];
}

/** The column names with `comparison` after the first, when the tables carry one. */
function comparisonColumns(r: AnalysisResults, columns: readonly string[]): string[] {
  return byComparison(r) ? [columns[0], 'comparison', ...columns.slice(1)] : [...columns];
}

/**
 * The analysed n of an arm on a row, or undefined: none for an arm outside the row's comparison
 * that the row's estimator did not analyse (a pairwise estimator writes 0 for the third arm, which
 * read as "no one of IPSE had data"; it is no count of anyone). An arm a joint model analysed keeps
 * its n. The one rule for the tables and the disclosure plan (report/disclosure/model.ts).
 */
export function analysedN(r: Pick<AnalysisResults, 'comparisons'>, o: OutcomeResult, arm: string): number | undefined {
  if (!Object.hasOwn(o.n.analysed, arm)) return undefined;
  const n = o.n.analysed[arm];
  return n === 0 && !armInComparison(r, o.comparison, arm) ? undefined : n;
}

/** Whether the arm is one of the comparison's two (true when the results name no comparisons: an older file). */
function armInComparison(r: Pick<AnalysisResults, 'comparisons'>, comparison: string | undefined, arm: string): boolean {
  const c = r.comparisons?.find((x) => x.id === comparison);
  return c === undefined || c.intervention === arm || c.control === arm;
}

export function outcomesTable(r: AnalysisResults): FlatTable {
  const arms = r.arms.map((a) => a.label);
  const columns = comparisonColumns(r, [
    'outcome', 'role', 'higher_is_better', 'visit', 'population', 'estimator', 'primary_estimator', 'status', 'reason',
    ...arms.flatMap((a) => [`n_randomised_${a}`, `n_with_data_${a}`, `n_analysed_${a}`, `emm_${a}`, `emm_se_${a}`, `emm_lower_${a}`, `emm_upper_${a}`]),
    'measure', 'difference', 'difference_se', 'difference_df', 'difference_lower', 'difference_upper', 'statistic', 'p', 'p_adjusted',
    'multiplicity_family', 'multiplicity_method', 'favours', 'cohens_d', 'cohens_d_lower', 'cohens_d_upper',
    'estimand_population', 'estimand_variable', 'estimand_intercurrent_events', 'estimand_summary', 'missing_data',
    'method', 'model', 'df_method', 'options',
  ]);
  const rows = r.outcomes.map((o) => withComparison(r, o.comparison, [
    o.id, o.role, o.higherIsBetter, o.visit, o.population, o.estimator, o.isPrimaryEstimator, o.status, o.reason,
    ...arms.flatMap((a) => {
      const e = o.emm[a];
      return [o.n.randomised[a] ?? null, o.n.withData[a] ?? null, analysedN(r, o, a) ?? null, num(e?.estimate), num(e?.se), num(e?.lower), num(e?.upper)];
    }),
    o.measure, num(o.difference?.estimate), num(o.difference?.se), num(o.difference?.df), num(o.difference?.lower), num(o.difference?.upper),
    num(o.difference?.statistic), num(o.difference?.p), num(o.difference?.pAdjusted),
    o.multiplicity?.family ?? null, o.multiplicity?.method ?? null, o.difference?.favours ?? null,
    num(o.cohensD?.estimate), num(o.cohensD?.lower), num(o.cohensD?.upper),
    o.estimand.population, o.estimand.variable, o.estimand.intercurrentEvents, o.estimand.summaryMeasure, o.estimand.missingData,
    o.method.name, o.method.model, o.method.dfMethod, JSON.stringify(o.method.options),
  ]));
  return { name: 'outcomes', columns, rows };
}

export function respondersTable(r: AnalysisResults): FlatTable {
  const arms = r.arms.map((a) => a.label);
  const columns = comparisonColumns(r, [
    'outcome', 'visit', 'population', 'estimator', 'mcid', 'definition',
    ...arms.flatMap((a) => [`responders_${a}`, `n_${a}`, `rate_${a}`, `rate_lower_${a}`, `rate_upper_${a}`]),
    'risk_difference', 'risk_difference_se', 'risk_difference_lower', 'risk_difference_upper', 'risk_difference_method',
    'risk_ratio', 'risk_ratio_lower', 'risk_ratio_upper', 'odds_ratio', 'odds_ratio_lower', 'odds_ratio_upper',
    'nnt', 'nnt_kind', 'nnt_lower', 'nnt_upper', 'pooled_risk_difference', 'pooled_se', 'pooled_lower', 'pooled_upper', 'pooled_m',
  ]);
  const rows = r.outcomes
    .filter((o) => o.responder !== null)
    .map((o) => {
      const s = o.responder!;
      return withComparison(r, o.comparison, [
        o.id, o.visit, o.population, o.estimator, s.mcid, s.definition.en,
        ...arms.flatMap((a) => {
          const c = s.rate[a];
          return [c?.events ?? null, c?.n ?? null, num(c?.estimate), num(c?.lower), num(c?.upper)];
        }),
        num(s.riskDifference.estimate), num(s.riskDifference.se), num(s.riskDifference.lower), num(s.riskDifference.upper), s.riskDifference.method,
        num(s.riskRatio.estimate), num(s.riskRatio.lower), num(s.riskRatio.upper), num(s.oddsRatio.estimate), num(s.oddsRatio.lower), num(s.oddsRatio.upper),
        num(s.nnt.estimate), s.nnt.kind, num(s.nnt.lower), num(s.nnt.upper),
        num(s.pooled?.estimate), num(s.pooled?.se), num(s.pooled?.lower), num(s.pooled?.upper), s.pooled?.m ?? null,
      ]);
    });
  return { name: 'responders', columns, rows };
}

export function consortTable(r: AnalysisResults): FlatTable {
  const rows: Cell[][] = [];
  for (const [arm, f] of Object.entries(r.consort)) {
    rows.push([arm, 'randomised', null, f.randomised, null]);
    rows.push([arm, 'received_allocated', null, f.receivedAllocated, null]);
    for (const l of f.lostToFollowUp) {
      rows.push([arm, 'lost_to_follow_up', l.visit, l.n, null]);
      for (const [reason, n] of Object.entries(l.reasons)) rows.push([arm, 'lost_to_follow_up', l.visit, n, reason]);
    }
    for (const a of f.analysed) rows.push([arm, 'analysed', a.visit, a.n, null]);
  }
  return { name: 'consort', columns: ['arm', 'stage', 'visit', 'n', 'reason'], rows };
}

export function baselineTable(r: AnalysisResults): FlatTable {
  const arms = r.arms.map((a) => a.label);
  const columns = ['variable', 'label', 'level', 'summary', ...arms.flatMap((a) => [`n_${a}`, `missing_${a}`, `value1_${a}`, `value2_${a}`, `value3_${a}`]), 'standardised_difference'];
  const rows = r.baseline.map((b) => [
    b.variable, b.label.en, b.level, b.kind,
    ...arms.flatMap((a) => {
      const c = b.byArm[a];
      return [c?.n ?? null, c?.missing ?? null, num(c?.values[0]), num(c?.values[1]), num(c?.values[2])];
    }),
    num(b.standardisedDifference),
  ]);
  return { name: 'baseline', columns, rows };
}

export function safetyTable(r: AnalysisResults): FlatTable {
  const arms = r.arms.map((a) => a.label);
  const columns = comparisonColumns(r, ['outcome', 'visit', ...arms.flatMap((a) => [`n_${a}`, `total_${a}`, `mean_${a}`, `with_event_${a}`]), 'rate_ratio', 'rate_ratio_lower', 'rate_ratio_upper', 'p', 'method', 'theta', 'status', 'reason']);
  const rows = r.safety.map((s) => withComparison(r, s.comparison, [
    s.id, s.visit,
    ...arms.flatMap((a) => {
      const c = s.byArm[a];
      return [c?.n ?? null, c?.total ?? null, num(c?.mean), c?.participantsWithEvent ?? null];
    }),
    num(s.rateRatio?.estimate), num(s.rateRatio?.lower), num(s.rateRatio?.upper), num(s.rateRatio?.p), s.rateRatio?.method ?? null, num(s.rateRatio?.theta), s.status, s.reason,
  ]));
  return { name: 'safety', columns, rows };
}

export function subgroupsTable(r: AnalysisResults): FlatTable {
  const rows: Cell[][] = [];
  for (const s of r.subgroups) {
    for (const l of s.levels) {
      rows.push(withComparison(r, s.comparison, [s.outcomeId, s.visit, s.variable, l.level, num(l.difference?.estimate), num(l.difference?.se), num(l.difference?.lower), num(l.difference?.upper), num(l.difference?.p), num(s.interactionP), s.reason]));
    }
  }
  return { name: 'subgroups', columns: comparisonColumns(r, ['outcome', 'visit', 'variable', 'level', 'difference', 'se', 'lower', 'upper', 'p', 'interaction_p', 'reason']), rows };
}

export function effectRatesTable(r: AnalysisResults): FlatTable {
  const columns = comparisonColumns(r, ['metric', 'outcome', 'visit', 'population', 'estimator', 'estimate', 'se', 'lower', 'upper', 'df', 'control_rate', 'intervention_rate', 'pooled']);
  const rows = r.effectRates.map((e) => withComparison(r, e.comparison, [e.metric, e.outcomeId, e.visit, e.population, e.estimator, e.estimate, e.se, e.lower, e.upper, num(e.df), e.controlRate, e.interventionRate, e.pooled]));
  return { name: 'effect_rates', columns, rows };
}

export function tippingPointsTable(r: AnalysisResults): FlatTable {
  const rows: Cell[][] = [];
  for (const t of r.tippingPoints) for (const p of t.path) rows.push(withComparison(r, t.comparison, [t.outcomeId, t.visit, t.arm, p.delta, p.estimate, p.lower, p.upper, p.p, num(t.tippingDelta)]));
  return { name: 'tipping_points', columns: comparisonColumns(r, ['outcome', 'visit', 'shifted_arm', 'delta', 'estimate', 'lower', 'upper', 'p', 'tipping_delta']), rows };
}

/** Every table, in the order of the Excel workbook's sheets. */
export function allTables(r: AnalysisResults): FlatTable[] {
  return [outcomesTable(r), respondersTable(r), effectRatesTable(r), consortTable(r), baselineTable(r), safetyTable(r), subgroupsTable(r), tippingPointsTable(r)];
}
