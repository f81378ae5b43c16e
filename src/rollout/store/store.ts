/**
 * The roll-out store: one DuckDB file, no server. Opening takes DuckDB's file lock (one process
 * at a time); a second process waits up to `waitMs` for it and then gets a StoreBusyError naming
 * the holder — it never writes around the lock. Every change runs in one transaction, so a
 * process killed mid-way (kill -9) leaves the store as the last commit left it: DuckDB replays
 * only committed work from its write-ahead log.
 *
 * Values come back as plain JS: queries cast counts to INTEGER and dates to VARCHAR, so callers
 * never meet bigint or DuckDB value objects.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { migrations, SCHEMA_VERSION } from './migrations.ts';
import { rolloutProblem, StoreBusyError } from '../errors.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface Store {
  readonly path: string;
  readonly conn: DuckDBConnection;
  all(sql: string, params?: readonly DuckDBValue[]): Promise<Row[]>;
  run(sql: string, params?: readonly DuckDBValue[]): Promise<void>;
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * The appender of a table of the store, made once per open store and reused by every
   * transaction (a flush appends in the transaction then open): making one costs more CPU than
   * appending a file's rows. Dropped after a rollback, closed with the store.
   */
  appender(table: string): Promise<DuckDBAppender>;
  close(): void;
}

export interface OpenOptions {
  /** How long to wait for another process's lock (default 10 s). */
  readonly waitMs?: number;
  /** Told once when the store is busy and this process starts waiting (the CLI prints it). */
  readonly onWait?: (holder: string | null) => void;
}

const LOCK_MESSAGE = /Could not set lock on file|Conflicting lock is held/i;

function holderOf(message: string): string | null {
  const m = /held in (.+?) \(PID (\d+)\)/.exec(message);
  return m ? `PID ${m[2]}, ${m[1]}` : null;
}

async function openInstance(path: string, waitMs: number, onWait?: (holder: string | null) => void): Promise<DuckDBInstance> {
  const started = Date.now();
  let delay = 50;
  for (;;) {
    try {
      // One thread: the machines are shared, and single-threaded runs give the same float sums every time.
      return await DuckDBInstance.create(path, { threads: '1' });
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      if (!LOCK_MESSAGE.test(message)) throw rolloutProblem(path, '', null, `cannot open the store (${message.split('\n')[0]})`, 'check the path; a store is the file `effekt rollout init` wrote');
      const waited = Date.now() - started;
      if (waited >= waitMs) throw new StoreBusyError(path, holderOf(message), waited);
      if (delay === 50) onWait?.(holderOf(message));
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(1, waitMs - waited))));
      delay = Math.min(delay * 2, 500);
    }
  }
}

function wrap(path: string, instance: DuckDBInstance, conn: DuckDBConnection): Store {
  const all = async (sql: string, params: readonly DuckDBValue[] = []) => (await conn.runAndReadAll(sql, params.length ? [...params] : undefined)).getRowObjects() as Row[];
  const run = async (sql: string, params: readonly DuckDBValue[] = []) => {
    await conn.run(sql, params.length ? [...params] : undefined);
  };
  let inTransaction = false;
  const appenders = new Map<string, DuckDBAppender>();
  const dropAppenders = () => {
    for (const a of appenders.values()) {
      try {
        a.closeSync();
      } catch {
        // A failed flush leaves the appender unusable; it is dropped either way.
      }
    }
    appenders.clear();
  };
  return {
    path,
    conn,
    all,
    run,
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      if (inTransaction) return work();
      await run('BEGIN TRANSACTION');
      inTransaction = true;
      try {
        const out = await work();
        await run('COMMIT');
        return out;
      } catch (e) {
        dropAppenders();
        await run('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        inTransaction = false;
      }
    },
    async appender(table: string) {
      let a = appenders.get(table);
      if (!a) appenders.set(table, (a = await conn.createAppender(table)));
      return a;
    },
    close() {
      dropAppenders();
      conn.closeSync();
      instance.closeSync();
    },
  };
}

async function schemaVersion(s: Store): Promise<number> {
  const t = await s.all(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'store_meta'`);
  if (t[0].n === 0) return 0;
  const v = await s.all(`SELECT value FROM store_meta WHERE key = 'schema_version'`);
  return v.length ? Number(v[0].value) : 0;
}

/** Applies every migration above the store's version, each in its own transaction. */
export async function migrate(s: Store): Promise<number> {
  const from = await schemaVersion(s);
  if (from > SCHEMA_VERSION) throw rolloutProblem(s.path, 'store_meta.schema_version', from, `the store was written by a newer effekt (schema ${from}; this one knows ${SCHEMA_VERSION})`, 'use the effekt version that wrote the store');
  for (const m of migrations) {
    if (m.version <= from) continue;
    await s.transaction(async () => {
      if (m.version === 1) await s.run(`CREATE TABLE migrations (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL)`);
      for (const sql of m.statements) await s.run(sql);
      await s.run(`INSERT INTO migrations VALUES (?, ?)`, [m.version, m.description]);
      await s.run(`INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)`, [String(m.version)]);
    });
  }
  return SCHEMA_VERSION;
}

/** Opens an existing store (migrating it forward). */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  if (!existsSync(path)) throw rolloutProblem(path, '', null, 'no store at this path', 'create one with `effekt rollout init --store <file> --contract <contract.json>`');
  const instance = await openInstance(path, options.waitMs ?? 10_000, options.onWait);
  const s = wrap(path, instance, await instance.connect());
  try {
    if ((await schemaVersion(s)) === 0) throw rolloutProblem(path, '', null, 'is not an effekt roll-out store', 'point --store at the file `effekt rollout init` wrote');
    await migrate(s);
  } catch (e) {
    s.close();
    throw e;
  }
  return s;
}

/**
 * Creates a new store all-or-nothing: built under a temporary name beside the target, closed
 * (DuckDB checkpoints its log into the file) and renamed into place only when `fill` succeeded.
 * An existing file is never overwritten.
 */
export async function createStore(path: string, fill: (s: Store) => Promise<void>): Promise<void> {
  if (existsSync(path)) throw rolloutProblem(path, '', null, 'a file already exists at this path', 'choose a new --store path (a store is created once; use `rollout ingest` to add data)');
  const tmp = `${path}.effekt-tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  const instance = await DuckDBInstance.create(tmp, { threads: '1' });
  const s = wrap(tmp, instance, await instance.connect());
  try {
    await migrate(s);
    await s.transaction(() => fill(s));
    await s.run('CHECKPOINT');
  } catch (e) {
    s.close();
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
    throw e;
  }
  s.close();
  if (existsSync(path)) {
    rmSync(tmp, { force: true });
    throw rolloutProblem(path, '', null, 'a file appeared at this path while the store was being created', 'choose a new --store path');
  }
  renameSync(tmp, path);
}
