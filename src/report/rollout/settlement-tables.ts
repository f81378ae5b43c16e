/**
 * The settlement as tables for CSV and XLSX (English column names, full precision, one row per
 * municipality × metric, per group, per municipality and per investor cash flow). The same
 * figures as the notes; the CSV holds the lines, the workbook every table.
 */
import type { FlatTable } from '../../data/io/flat-table.ts';
import type { SettlementResult } from '../../rollout/settle/types.ts';

export function settlementTables(r: SettlementResult): FlatTable[] {
  const id = r.settlementId;
  const lines: FlatTable = {
    name: 'lines',
    columns: ['settlement', 'period', 'version', 'issued', 'municipality', 'metric', 'citizens', 'achieved', 'not_achieved_measured', 'missing_follow_up', 'missing_baseline', 'counterfactual_rate', 'expected', 'above_expected', 'price_per_outcome', 'amount', 'carry_in', 'payable', 'capped_away', 'floor_top_up', 'payment', 'carry_out', 'paid_before', 'paid_after', 'items_sha256'],
    rows: r.municipalities.flatMap((m) => m.lines.map((l) => [id, r.period.id, r.version, r.issuedDate, m.id, l.metric, l.citizens, l.achieved, l.notAchieved.measured, l.notAchieved.missingFollowUp, l.notAchieved.missingBaseline, l.counterfactual, l.expected, l.aboveExpected, l.pricePerOutcome, l.amount, l.carryIn, l.payable, l.cappedAway, l.floorTopUp, l.payment, l.carryOut, l.paidBefore, l.paidAfter, l.itemsDigest])),
  };
  const municipalities: FlatTable = {
    name: 'municipalities',
    columns: ['settlement', 'municipality', 'code', 'citizens', 'groups', 'shared_groups', 'metrics_sum', 'cap_reduction', 'floor_top_up', 'payment', 'previous_payment', 'difference', 'paid_before', 'paid_after', 'investor_prefinanced', 'investor_repaid', 'investor_irr_annual'],
    rows: r.municipalities.map((m) => [id, m.id, m.code, m.citizens, m.groups, m.sharedGroups, m.metricsSum, m.capReduction, m.floorTopUp, m.payment, m.previousPayment, m.difference, m.paidBefore, m.paidAfter, m.investor.prefinanced, m.investor.repaid, m.investor.irrAnnual]),
  };
  const groups: FlatTable = {
    name: 'groups',
    columns: ['settlement', 'municipality', 'metric', 'group', 'shared', 'citizens', 'achieved'],
    rows: r.municipalities.flatMap((m) => m.lines.flatMap((l) => l.byGroup.map((g) => [id, m.id, l.metric, g.group, g.shared, g.citizens, g.achieved]))),
  };
  const investor: FlatTable = {
    name: 'investor',
    columns: ['settlement', 'period', 'prefinancing', 'repayment', 'net', 'cumulative'],
    rows: r.investor.flows.map((f) => [id, f.period, f.prefinancing, f.repayment, f.net, f.cumulative]),
  };
  const metrics: FlatTable = {
    name: 'metrics',
    columns: ['metric', 'price_per_outcome', 'floor', 'cap', 'counterfactual_source', 'counterfactual_rate', 'counterfactual_lower', 'counterfactual_upper', 'counterfactual_used', 'counterfactual_reference'],
    rows: r.metrics.map((k) => [k.id, k.pricePerOutcome, k.floor, k.cap, k.counterfactual.source, k.counterfactual.rate, k.counterfactual.lower, k.counterfactual.upper, k.counterfactualUsed, k.counterfactual.reference]),
  };
  const inputs: FlatTable = { name: 'inputs', columns: ['ingest', 'file', 'sha256'], rows: r.inputs.ingests.map((i) => [i.id, i.file, i.sha256]) };
  return [lines, municipalities, groups, investor, metrics, inputs];
}
