/**
 * The contract in the store: the resolved contract as JSON (what every later command reads, so
 * the results file and scenario are not needed again) and the same facts as tables — metrics
 * with their definitions, prices, floors, caps and counterfactuals (source, rate, range), the
 * periods and the municipalities — for anyone querying the store directly.
 */
import type { Contract } from '../contract/load.ts';
import type { Period } from '../contract/schema.ts';
import type { Store } from './store.ts';
import { rolloutProblem } from '../errors.ts';

export async function writeContract(s: Store, c: Contract): Promise<void> {
  const src = c.source;
  await s.run(`INSERT INTO contract VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    src.id, c.file, c.sha256, c.trial.resultsFile, c.trial.resultsSha256, src.counterfactualBound, src.carryOver,
    src.limits.floor, src.limits.cap ?? null, src.investor.prefinancingPerCitizen, src.investor.paymentLagPeriods,
    JSON.stringify(src), JSON.stringify(c),
  ]);
  for (const [i, m] of c.metrics.entries()) {
    const cf = m.counterfactual;
    await s.run(`INSERT INTO contract_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      m.id, i, m.name.da, m.name.en, m.definition.da, m.definition.en, JSON.stringify(m.rule), m.pricePerOutcome, m.floor, m.cap,
      cf.source, cf.rate, cf.lower, cf.upper, cf.events, cf.n, cf.method, cf.reference, m.counterfactualUsed,
    ]);
  }
  for (const [i, p] of c.periods.entries()) await s.run(`INSERT INTO contract_periods VALUES (?, ?, ?::DATE, ?::DATE)`, [p.id, i, p.from, p.to]);
  for (const m of src.municipalities) await s.run(`INSERT INTO municipalities VALUES (?, ?, NULL)`, [m.id, m.code ?? null]);
}

export interface StoredContract {
  readonly contract: Contract;
  readonly municipalities: readonly string[];
  readonly periods: readonly Period[];
  /** Metric id → the cohort outcome it reads. */
  readonly metricOutcomes: ReadonlyMap<string, string>;
}

export async function loadStoredContract(s: Store): Promise<StoredContract> {
  const rows = await s.all(`SELECT resolved_json FROM contract`);
  if (rows.length !== 1) throw rolloutProblem(s.path, 'contract', rows.length, 'the store holds no contract', 'create the store with `effekt rollout init --contract <file>`');
  const contract = JSON.parse(String(rows[0].resolved_json)) as Contract;
  return {
    contract,
    municipalities: contract.source.municipalities.map((m) => m.id),
    periods: contract.periods,
    metricOutcomes: new Map(contract.metrics.map((m) => [m.id, m.rule.outcome])),
  };
}
