/**
 * The store and ingest: created once, schema version and migrations recorded; an export goes in
 * with the trial's validator and messages, all or nothing; the same file twice changes nothing;
 * a corrected file updates in place and keeps every old value in the audit trail; CPR-shaped ids,
 * municipalities outside the contract and groups outside the periods are refused with file, row,
 * column and fix — and the store is left exactly as it was.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initStore } from '../../src/rollout/init.ts';
import { openStore, type Store } from '../../src/rollout/store/store.ts';
import { SCHEMA_VERSION } from '../../src/rollout/store/migrations.ts';
import { loadRolloutSpec, type RolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestBytes, ingestFile } from '../../src/rollout/ingest/ingest.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { RolloutInputError } from '../../src/rollout/errors.ts';
import { writeXlsx } from '../../src/data/write/xlsx.ts';
import { isCprShaped } from '../../src/rollout/ingest/cpr.ts';
import { writeHandCase, type HandCase } from './hand-case.ts';

let hc: HandCase;
let store: string;
let spec: RolloutSpec;

const TABLES = ['citizens', 'course_groups', 'visit_rows', 'ingests', 'audit'];

async function counts(s: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await s.all(`SELECT count(*)::INTEGER AS n FROM ${t}`))[0].n);
  return out;
}

/** Every row of every table the ingest writes, in a fixed order: "exactly as it was" compares these. */
async function snapshot(s: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of [...TABLES, 'municipalities', 'outcomes', 'cohort_visits', 'store_meta']) out[t] = JSON.stringify(await s.all(`SELECT ${t}::VARCHAR AS r FROM ${t} ORDER BY r`));
  return out;
}

async function withStore<T>(f: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore(store);
  try {
    return await f(s);
  } finally {
    s.close();
  }
}

async function refused(s: Store, text: string, name = 'bad.csv'): Promise<DataValidationError> {
  const e = await ingestBytes(s, spec, new TextEncoder().encode(text), join(hc.dir, name)).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DataValidationError);
  return e as DataValidationError;
}

beforeEach(async () => {
  hc = writeHandCase();
  store = join(hc.dir, 'store.duckdb');
  await initStore(store, hc.contract);
  spec = loadRolloutSpec(hc.spec);
});

describe('the roll-out store', () => {
  it('is one file with its schema version and migrations, created once and never overwritten', async () => {
    expect(existsSync(store)).toBe(true);
    expect(existsSync(`${store}.wal`)).toBe(false);
    await withStore(async (s) => {
      expect(await s.all(`SELECT value FROM store_meta WHERE key = 'schema_version'`)).toEqual([{ value: String(SCHEMA_VERSION) }]);
      expect((await s.all(`SELECT version FROM migrations`)).map((r) => r.version)).toEqual([1, 2]);
      expect((await s.all(`SELECT metric, counterfactual_source, counterfactual_rate, floor, cap FROM contract_metrics ORDER BY ordinal`))).toEqual([
        { metric: 'function', counterfactual_source: 'fixed', counterfactual_rate: 0.25, floor: 0, cap: 25000 },
        { metric: 'contacts', counterfactual_source: 'fixed', counterfactual_rate: 0.5, floor: 12000, cap: null },
      ]);
      expect((await s.all(`SELECT municipality FROM municipalities ORDER BY 1`)).map((r) => r.municipality)).toEqual(['Alby', 'Bstrup']);
    });
    const before = readFileSync(store);
    await expect(initStore(store, hc.contract)).rejects.toBeInstanceOf(RolloutInputError);
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('refuses a file that is not a store, and a store from a newer effekt', async () => {
    const other = join(hc.dir, 'not-a-store.duckdb');
    writeFileSync(other, 'hello');
    await expect(openStore(other)).rejects.toBeInstanceOf(RolloutInputError);
    await expect(openStore(join(hc.dir, 'missing.duckdb'))).rejects.toThrow(/no store at this path/);
    await withStore((s) => s.run(`UPDATE store_meta SET value = '99' WHERE key = 'schema_version'`));
    await expect(openStore(store)).rejects.toThrow(/newer effekt/);
  });
});

describe('migration 2 (lean visit rows)', () => {
  it('moves a version-1 store\'s measurements and register counts into visit_rows.vals, value for value', async () => {
    // A store as effekt wrote it before migration 2: the hand case's P1 and its correction, ingested, then rewritten as version 1.
    await withStore(async (s) => {
      await ingestFile(s, spec, hc.files.p1);
      await ingestFile(s, spec, hc.files.p1Corrected);
    });
    const expected = await withStore((s) => s.all(`SELECT v.pid, v.visit, o.outcome, v.vals[list_position(i.value_names, o.outcome)] AS value FROM visit_rows v JOIN ingests i USING (ingest_id) CROSS JOIN outcomes o ORDER BY ALL`));
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(store);
    const c = await db.connect();
    await c.run(`CREATE TABLE measurements (pid VARCHAR NOT NULL, visit VARCHAR NOT NULL, outcome VARCHAR NOT NULL, value DOUBLE)`);
    await c.run(`CREATE TABLE register_contacts (pid VARCHAR NOT NULL, visit VARCHAR NOT NULL, register VARCHAR NOT NULL, contacts INTEGER)`);
    await c.run(`INSERT INTO measurements SELECT v.pid, v.visit, 'wsas', v.vals[list_position(i.value_names, 'wsas')] FROM visit_rows v JOIN ingests i USING (ingest_id)`);
    await c.run(`INSERT INTO register_contacts SELECT v.pid, v.visit, 'contacts', v.vals[list_position(i.value_names, 'contacts')]::INTEGER FROM visit_rows v JOIN ingests i USING (ingest_id)`);
    await c.run(`ALTER TABLE visit_rows DROP COLUMN vals`);
    await c.run(`ALTER TABLE ingests DROP COLUMN value_names`);
    await c.run(`DELETE FROM migrations WHERE version = 2`);
    await c.run(`UPDATE store_meta SET value = '1' WHERE key = 'schema_version'`);
    c.closeSync();
    db.closeSync();
    await withStore(async (s) => {
      expect((await s.all(`SELECT version FROM migrations ORDER BY version`)).map((r) => r.version)).toEqual([1, 2]);
      expect(await s.all(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN ('measurements', 'register_contacts')`)).toEqual([{ n: 0 }]);
      expect(await s.all(`SELECT DISTINCT value_names::VARCHAR AS names FROM ingests`)).toEqual([{ names: '[contacts, wsas]' }]);
      expect(await s.all(`SELECT v.pid, v.visit, o.outcome, v.vals[list_position(i.value_names, o.outcome)] AS value FROM visit_rows v JOIN ingests i USING (ingest_id) CROSS JOIN outcomes o ORDER BY ALL`)).toEqual(expected);
      // And the next file goes in with its own value names.
      const r = await ingestFile(s, spec, hc.files.p2);
      expect(r.rowsAdded).toBe(16);
    });
  });
});

describe('ingest', () => {
  it('adds a file; the same file twice changes nothing', async () => {
    await withStore(async (s) => {
      const r = await ingestFile(s, spec, hc.files.p1);
      expect([r.status, r.rowsInFile, r.rowsAdded, r.citizensAdded, r.groupsAdded, r.periods]).toEqual(['ingested', 15, 15, 8, 2, ['P1']]);
      const after = await counts(s);
      expect(after).toMatchObject({ citizens: 8, course_groups: 2, visit_rows: 15, ingests: 1, audit: 0 });
      // One row per citizen × visit, its outcome values named by the ingest.
      expect(await s.all(`SELECT i.value_names::VARCHAR AS names, v.vals::VARCHAR AS vals FROM visit_rows v JOIN ingests i USING (ingest_id) WHERE pid = 'A02' AND visit = 'end'`)).toEqual([{ names: '[wsas, contacts]', vals: '[22.0, 2.0]' }]);
      const again = await ingestFile(s, spec, hc.files.p1);
      expect([again.status, again.ingestId, again.rowsAdded, again.rowsChanged]).toEqual(['duplicate', 1, 0, 0]);
      expect(await counts(s)).toEqual(after);
      // The same rows in other bytes (CRLF): recorded as an ingest, nothing added or changed.
      const crlf = readFileSync(hc.files.p1, 'utf8').replace(/\n/g, '\r\n');
      const r3 = await ingestBytes(s, spec, new TextEncoder().encode(crlf), join(hc.dir, 'p1-crlf.csv'));
      expect([r3.status, r3.rowsAdded, r3.rowsChanged, r3.rowsUnchanged]).toEqual(['ingested', 0, 0, 15]);
      expect(await counts(s)).toEqual({ ...after, ingests: 2 });
    });
  });

  it('a corrected file changes the rows in place and keeps every old value in the audit trail', async () => {
    await withStore(async (s) => {
      await ingestFile(s, spec, hc.files.p1);
      const r = await ingestFile(s, spec, hc.files.p1Corrected);
      expect([r.rowsAdded, r.rowsChanged, r.rowsUnchanged, r.fieldsChanged]).toEqual([0, 1, 14, 3]);
      expect(await s.all(`SELECT ingest_id, entity, entity_key, field, old_value, new_value FROM audit ORDER BY field`)).toEqual([
        { ingest_id: 2, entity: 'visit', entity_key: 'A02/end', field: 'w_1', old_value: '5', new_value: '4' },
        { ingest_id: 2, entity: 'visit', entity_key: 'A02/end', field: 'w_2', old_value: '5', new_value: '4' },
        { ingest_id: 2, entity: 'visit', entity_key: 'A02/end', field: 'w_5', old_value: '4', new_value: '3' },
      ]);
      expect(await s.all(`SELECT v.vals[list_position(i.value_names, 'wsas')] AS value FROM visit_rows v JOIN ingests i USING (ingest_id) WHERE pid = 'A02' AND visit = 'end'`)).toEqual([{ value: 19 }]);
      expect((await counts(s)).visit_rows).toBe(15);
    });
  });

  it('a corrected file that moves a group and a citizen updates both in place, audited, across store sessions', async () => {
    await withStore((s) => ingestFile(s, spec, hc.files.p1));
    // G1 ends a day later; A01 moves from G1 to the shared group S1 (its dates with it).
    const text = readFileSync(hc.files.p1, 'utf8')
      .replace(/G1,2024-02-01,2024-04-11/g, 'G1,2024-02-01,2024-04-12')
      .replace(/^A01,Alby,G1,2024-02-01,2024-04-12/gm, 'A01,Alby,S1,2024-03-01,2024-05-10');
    await withStore(async (s) => {
      const before = await counts(s);
      const r = await ingestBytes(s, spec, new TextEncoder().encode(text), join(hc.dir, 'p1-moved.csv'));
      expect([r.groupsAdded, r.groupsChanged, r.citizensAdded, r.rowsAdded, r.rowsChanged, r.rowsUnchanged]).toEqual([0, 1, 0, 0, 7, 8]);
      expect(await s.all(`SELECT entity, entity_key, field, old_value, new_value FROM audit WHERE entity <> 'visit' ORDER BY entity, field`)).toEqual([
        { entity: 'citizen', entity_key: 'A01', field: 'group_id', old_value: 'G1', new_value: 'S1' },
        { entity: 'group', entity_key: 'G1', field: 'end_date', old_value: '2024-04-11', new_value: '2024-04-12' },
      ]);
      expect(await s.all(`SELECT strftime(end_date, '%Y-%m-%d') AS e, last_ingest FROM course_groups WHERE group_id = 'G1'`)).toEqual([{ e: '2024-04-12', last_ingest: 2 }]);
      expect(await s.all(`SELECT group_id, first_ingest, last_ingest FROM citizens WHERE pid = 'A01'`)).toEqual([{ group_id: 'S1', first_ingest: 1, last_ingest: 2 }]);
      const after = await counts(s);
      expect({ ...after, ingests: before.ingests, audit: before.audit }).toEqual(before);
      // The same text again (as another file) changes nothing more.
      const again = await ingestBytes(s, spec, new TextEncoder().encode(text), join(hc.dir, 'p1-moved-again.csv'));
      expect([again.groupsChanged, again.rowsChanged, again.rowsUnchanged, again.fieldsChanged]).toEqual([0, 0, 15, 0]);
    });
  });

  it('a file that fails late, after its rows were appended (appenders flushed), leaves the store exactly as it was', async () => {
    await withStore(async (s) => {
      await ingestFile(s, spec, hc.files.p1);
      // The session expects ingest #2 next; a row taken behind its back makes the ingest record,
      // written last (after groups, citizens and visit rows went in by their appenders), fail on
      // the primary key — a failure inside the transaction, after every flush.
      await s.run(`INSERT INTO ingests SELECT 2, 'squatter', 'x', 0, 'x', ingested_at, 0, 0, 0, 0, 0, 0, 0, '[]', '[]', '[]', [] FROM ingests WHERE ingest_id = 1`);
      const before = await snapshot(s);
      const e = await ingestFile(s, spec, hc.files.p2).then(() => null, (x: unknown) => x as Error);
      expect(e?.message).toMatch(/constraint|duplicate key/i);
      expect(await snapshot(s)).toEqual(before);
      // The session goes on: appenders made again, the file goes in whole once the id is free.
      await s.run(`DELETE FROM ingests WHERE ingest_id = 2`);
      const r = await ingestFile(s, spec, hc.files.p2);
      expect([r.ingestId, r.rowsAdded, r.citizensAdded, r.groupsAdded]).toEqual([2, 16, 8, 2]);
      expect(await counts(s)).toMatchObject({ citizens: 16, visit_rows: 31, ingests: 2 });
    });
  });

  it('a file refused mid-session leaves the next file of the same session unharmed', async () => {
    await withStore(async (s) => {
      await ingestFile(s, spec, hc.files.p1);
      await refused(s, readFileSync(hc.files.p2, 'utf8').replace(/^A07,Alby/m, 'A07,Nowhere'));
      const r = await ingestFile(s, spec, hc.files.p2);
      expect([r.rowsAdded, r.citizensAdded, r.groupsAdded]).toEqual([16, 8, 2]);
      expect((await counts(s)).citizens).toBe(16);
    });
  });

  it('reads XLSX exports with the same result as CSV', async () => {
    const lines = readFileSync(hc.files.p1, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    const bytes = await writeXlsx(lines[0], lines.slice(1).map((r) => r.map((c) => (c === '' ? null : /^\d+$/.test(c) ? Number(c) : c))));
    await withStore(async (s) => {
      const r = await ingestBytes(s, spec, bytes, join(hc.dir, 'p1.xlsx'));
      expect([r.rowsAdded, r.citizensAdded]).toEqual([15, 8]);
      const csv = await ingestFile(s, spec, hc.files.p1);
      expect([csv.rowsAdded, csv.rowsChanged, csv.rowsUnchanged]).toEqual([0, 0, 15]);
    });
  });

  it('refuses CPR-shaped ids without repeating them, and stores nothing', async () => {
    expect(['010190-1234', '0101901234', '611290-1234'].map(isCprShaped)).toEqual([true, true, true]);
    expect(['A01', '1234567890', '321390-1234', '011390-123'].map(isCprShaped)).toEqual([false, false, false, false]);
    const text = readFileSync(hc.files.p1, 'utf8').replace(/^A04,/gm, '010190-1234,');
    await withStore(async (s) => {
      const before = await counts(s);
      const e = await refused(s, text);
      expect(e.problems.map((p) => [p.row, p.column, p.value])).toEqual([[7, 'id', 'DDMMYY-XXXX (masked)'], [8, 'id', 'DDMMYY-XXXX (masked)']]);
      expect(e.userMessage()).not.toMatch(/010190/);
      expect(e.userMessage()).toMatch(/pseudonymised/);
      expect(await counts(s)).toEqual(before);
    });
  });

  it("gives the trial validator's messages, and the roll-out's own in the same form", async () => {
    const base = readFileSync(hc.files.p1, 'utf8');
    await withStore(async (s) => {
      const before = await counts(s);
      const item = await refused(s, base.replace('A01,Alby,G1,2024-02-01,2024-04-11,start,,4,6,6,6,6,6', 'A01,Alby,G1,2024-02-01,2024-04-11,start,,4,9,6,6,6,6'));
      expect(item.problems[0]).toMatchObject({ row: 2, column: 'w_1', value: '9', message: 'is out of range', allowed: 'WSAS item (0–8), a whole number' });
      const muni = await refused(s, base.replace(/,Bstrup,/g, ',Bstrupp,'));
      expect(muni.problems[0]).toMatchObject({ column: 'municipality', value: 'Bstrupp', message: 'is not a municipality of the contract', fix: 'did you mean "Bstrup"?' });
      const late = await refused(s, base.replace(/2024-04-11/g, '2025-08-01'));
      expect(late.problems[0]).toMatchObject({ column: 'end', message: "falls in none of the contract's payment periods" });
      const date = await refused(s, base.replace(/2024-02-01/g, '2024-02-31'));
      expect(date.problems[0]).toMatchObject({ column: 'start', value: '2024-02-31', message: 'is not a date' });
      const visit = await refused(s, base.replace('2024-04-11,end,', '2024-04-11,ned,'));
      expect(visit.problems[0]).toMatchObject({ column: 'visit', message: 'visit is not in the spec', fix: 'did you mean "end"?' });
      expect(await counts(s)).toEqual(before);
    });
  });

  it('refuses a spec that lacks an outcome a payment metric needs', async () => {
    const bad = JSON.parse(readFileSync(hc.spec, 'utf8'));
    bad.cohort.outcomes = bad.cohort.outcomes.filter((o: { id: string }) => o.id !== 'contacts');
    bad.registers = [];
    const file = join(hc.dir, 'bad-spec.json');
    writeFileSync(file, JSON.stringify(bad));
    const text = readFileSync(hc.files.p1, 'utf8');
    await withStore(async (s) => {
      const e = await ingestBytes(s, loadRolloutSpec(file), new TextEncoder().encode(text), hc.files.p1).then(() => null, (x: unknown) => x as DataValidationError);
      expect(e?.problems[0].message).toMatch(/payment metric "contacts" needs outcome "contacts"/);
    });
    expect(statSync(store).size).toBeGreaterThan(0);
  });
});
