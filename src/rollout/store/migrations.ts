/**
 * The store's schema as code: an ordered list of migrations, each applied once in its own
 * transaction and recorded in `migrations`; `store_meta.schema_version` is the version reached.
 * A store written by a newer effekt (a higher version) is refused rather than guessed at.
 *
 * Big tables (citizens, visit rows, measurements) carry no primary key: DuckDB's ART indexes
 * slow bulk appends and make update-after-delete in one transaction fragile; uniqueness is kept
 * by the ingest, which diffs every file against what is stored before writing.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'roll-out store: contract, municipalities, course groups, citizens, visit rows, measurements, register contacts, ingests with audit trail, settlements',
    statements: [
      `CREATE TABLE store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `CREATE TABLE contract (
         contract_id VARCHAR NOT NULL, file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
         results_file VARCHAR NOT NULL, results_sha256 VARCHAR NOT NULL,
         counterfactual_bound VARCHAR NOT NULL, carry_over VARCHAR NOT NULL,
         floor DOUBLE NOT NULL, cap DOUBLE, prefinancing_per_citizen DOUBLE NOT NULL, payment_lag_periods INTEGER NOT NULL,
         source_json VARCHAR NOT NULL, resolved_json VARCHAR NOT NULL)`,
      `CREATE TABLE contract_metrics (
         metric VARCHAR PRIMARY KEY, ordinal INTEGER NOT NULL, name_da VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
         definition_da VARCHAR NOT NULL, definition_en VARCHAR NOT NULL, rule_json VARCHAR NOT NULL,
         price_per_outcome DOUBLE NOT NULL, floor DOUBLE NOT NULL, cap DOUBLE,
         counterfactual_source VARCHAR NOT NULL, counterfactual_rate DOUBLE NOT NULL,
         counterfactual_lower DOUBLE NOT NULL, counterfactual_upper DOUBLE NOT NULL,
         counterfactual_events INTEGER, counterfactual_n INTEGER, counterfactual_method VARCHAR NOT NULL,
         counterfactual_reference VARCHAR NOT NULL, counterfactual_used DOUBLE NOT NULL)`,
      `CREATE TABLE contract_periods (period VARCHAR PRIMARY KEY, ordinal INTEGER NOT NULL, from_date DATE NOT NULL, to_date DATE NOT NULL)`,
      `CREATE TABLE municipalities (municipality VARCHAR PRIMARY KEY, code VARCHAR, first_ingest INTEGER)`,
      `CREATE TABLE outcomes (outcome VARCHAR PRIMARY KEY, name_da VARCHAR NOT NULL, name_en VARCHAR NOT NULL, kind VARCHAR NOT NULL, higher_is_better BOOLEAN NOT NULL, register BOOLEAN NOT NULL, ordinal INTEGER NOT NULL)`,
      `CREATE TABLE cohort_visits (visit VARCHAR PRIMARY KEY, ordinal INTEGER NOT NULL, name_da VARCHAR NOT NULL, name_en VARCHAR NOT NULL)`,
      `CREATE TABLE course_groups (group_id VARCHAR PRIMARY KEY, start_date DATE NOT NULL, end_date DATE NOT NULL, start_period VARCHAR, period VARCHAR NOT NULL, first_ingest INTEGER NOT NULL, last_ingest INTEGER NOT NULL)`,
      `CREATE TABLE citizens (pid VARCHAR NOT NULL, municipality VARCHAR NOT NULL, group_id VARCHAR NOT NULL, first_ingest INTEGER NOT NULL, last_ingest INTEGER NOT NULL)`,
      // One row per citizen × visit as exported (every validated cell as a JSON array, named by its ingest's cell_names), for change detection and the audit trail.
      `CREATE TABLE visit_rows (pid VARCHAR NOT NULL, visit VARCHAR NOT NULL, cells VARCHAR NOT NULL, ingest_id INTEGER NOT NULL)`,
      // Scored outcomes per citizen × visit (instrument scores; count outcomes that are not register data).
      `CREATE TABLE measurements (pid VARCHAR NOT NULL, visit VARCHAR NOT NULL, outcome VARCHAR NOT NULL, value DOUBLE)`,
      `CREATE TABLE register_contacts (pid VARCHAR NOT NULL, visit VARCHAR NOT NULL, register VARCHAR NOT NULL, contacts INTEGER)`,
      `CREATE TABLE ingests (
         ingest_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL, bytes BIGINT NOT NULL,
         spec_sha256 VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL, rows_in_file INTEGER NOT NULL,
         rows_added INTEGER NOT NULL, rows_changed INTEGER NOT NULL, rows_unchanged INTEGER NOT NULL,
         citizens_added INTEGER NOT NULL, groups_added INTEGER NOT NULL, groups_changed INTEGER NOT NULL,
         municipalities VARCHAR NOT NULL, periods VARCHAR NOT NULL, cell_names VARCHAR NOT NULL)`,
      // Old and new value of every field a later file changed.
      `CREATE TABLE audit (ingest_id INTEGER NOT NULL, entity VARCHAR NOT NULL, entity_key VARCHAR NOT NULL, field VARCHAR NOT NULL, old_value VARCHAR, new_value VARCHAR)`,
      `CREATE TABLE settlements (
         settlement_id VARCHAR PRIMARY KEY, period VARCHAR NOT NULL, version INTEGER NOT NULL, issued_date DATE NOT NULL,
         supersedes VARCHAR, cause VARCHAR NOT NULL, data_digest VARCHAR NOT NULL, last_ingest INTEGER NOT NULL, result_json VARCHAR NOT NULL)`,
      `CREATE TABLE settlement_lines (
         settlement_id VARCHAR NOT NULL, municipality VARCHAR NOT NULL, metric VARCHAR NOT NULL, citizens INTEGER NOT NULL,
         achieved INTEGER NOT NULL, expected DOUBLE NOT NULL, payable_before_limits DOUBLE NOT NULL, payment DOUBLE NOT NULL, carry_out DOUBLE NOT NULL)`,
      // Which citizens each figure counted (pseudonyms stay in the store; notes carry only the digest).
      `CREATE TABLE settlement_items (settlement_id VARCHAR NOT NULL, municipality VARCHAR NOT NULL, metric VARCHAR NOT NULL, group_id VARCHAR NOT NULL, pid VARCHAR NOT NULL, achieved BOOLEAN NOT NULL, reason VARCHAR NOT NULL)`,
    ],
  },
  {
    version: 2,
    description: 'lean visit rows: the outcome values of a citizen × visit move into visit_rows.vals (a list named by the ingest\'s value_names); measurements and register_contacts, one row per value, are dropped',
    // At national scale (≈ 480,000 visit rows) the per-value tables held three rows per visit row;
    // writing them was a third of an ingest's cost and pivoting them most of the cohort view's.
    statements: [
      `ALTER TABLE ingests ADD COLUMN value_names VARCHAR[]`,
      `ALTER TABLE visit_rows ADD COLUMN vals DOUBLE[]`,
      // A store of version 1: every row's values in one order, the sorted names of every outcome it holds.
      `CREATE TEMP TABLE migrate_values AS
         SELECT pid, visit, outcome, value FROM measurements
         UNION ALL SELECT pid, visit, register, contacts::DOUBLE FROM register_contacts`,
      `CREATE TEMP TABLE migrate_names AS
         SELECT name, row_number() OVER (ORDER BY name) AS pos FROM (SELECT DISTINCT outcome AS name FROM migrate_values)`,
      `UPDATE ingests SET value_names = coalesce((SELECT list(name ORDER BY pos) FROM migrate_names), []::VARCHAR[])`,
      `CREATE TEMP TABLE migrate_rows AS
         SELECT v.pid, v.visit, list(m.value ORDER BY n.pos) AS vals
         FROM visit_rows v CROSS JOIN migrate_names n
         LEFT JOIN migrate_values m ON m.pid = v.pid AND m.visit = v.visit AND m.outcome = n.name
         GROUP BY v.pid, v.visit`,
      `UPDATE visit_rows SET vals = coalesce(t.vals, []::DOUBLE[]) FROM migrate_rows t WHERE visit_rows.pid = t.pid AND visit_rows.visit = t.visit`,
      `UPDATE visit_rows SET vals = []::DOUBLE[] WHERE vals IS NULL`,
      `DROP TABLE migrate_rows`,
      `DROP TABLE migrate_names`,
      `DROP TABLE migrate_values`,
      `DROP TABLE measurements`,
      `DROP TABLE register_contacts`,
    ],
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1].version;
