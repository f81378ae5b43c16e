/**
 * What one open store has already told this process, so an ingest of many files does not ask
 * again: the contract, the temporary tables made, the cohort spec recorded, the municipalities
 * that have data, every file hash, every citizen and group. Every statement is a round trip to
 * DuckDB's thread; per file they were most of the time. The process holds the store's lock, so
 * no one else adds anything behind the session's back.
 */
import type { Store } from '../store/store.ts';
import { loadStoredContract } from '../store/contract-tables.ts';

export interface IngestedFile {
  readonly id: number;
  readonly rows: number;
  readonly municipalities: readonly string[];
  readonly periods: readonly string[];
}

export interface Known {
  readonly pids: Set<string>;
  readonly groups: Map<string, { readonly start: string; readonly end: string }>;
}

export interface Session {
  contract: Awaited<ReturnType<typeof loadStoredContract>> | null;
  /** SHA-256 of the cohort spec last recorded in the store. */
  cohortSpec: string | null;
  /** Every ingested file by SHA-256 (loaded once), and the next ingest id. */
  ingested: Map<string, IngestedFile> | null;
  nextId: number;
  /** Whether the log's checkpoint threshold is raised for this open store. */
  logKept: boolean;
  /**
   * Citizens and groups the store holds (loaded once, kept up to date after each commit): a file
   * of new people needs no lookups, which scan ever larger tables; a group shared with a
   * neighbouring municipality, met again in its file, is compared with the dates kept here.
   */
  known: Known | null;
  readonly temp: Set<string>;
  readonly municipalitiesSeen: Set<string>;
}

const sessions = new WeakMap<Store, Session>();

export function session(store: Store): Session {
  let x = sessions.get(store);
  if (!x) sessions.set(store, (x = { contract: null, cohortSpec: null, ingested: null, nextId: 1, logKept: false, known: null, temp: new Set(), municipalitiesSeen: new Set() }));
  return x;
}

export async function contractOf(store: Store): Promise<NonNullable<Session['contract']>> {
  const ses = session(store);
  return ses.contract ?? (ses.contract = await loadStoredContract(store));
}

/** The file hashes ingested so far (loaded once per open store) and the next ingest id. */
export async function ingestedFiles(store: Store): Promise<Map<string, IngestedFile>> {
  const ses = session(store);
  if (!ses.ingested) {
    ses.ingested = new Map();
    for (const d of await store.all(`SELECT ingest_id, file_sha256, rows_in_file, municipalities, periods FROM ingests ORDER BY ingest_id DESC`)) {
      ses.ingested.set(String(d.file_sha256), { id: Number(d.ingest_id), rows: Number(d.rows_in_file), municipalities: JSON.parse(String(d.municipalities)), periods: JSON.parse(String(d.periods)) });
    }
    ses.nextId = Math.max(0, ...[...ses.ingested.values()].map((d) => d.id)) + 1;
  }
  return ses.ingested;
}

/**
 * Ready to write: the log kept until the store closes, and the citizens and groups known.
 *
 * DuckDB folds its write-ahead log into the file whenever the log passes 16 MB, at a commit:
 * over a national roll-out (≈ 980 files) that was a dozen checkpoints, each rewriting the
 * tables' last row groups — a third of the commits' CPU and most of their disk wait. This
 * process keeps the log (the instance's setting, not the store's: status and settle are
 * untouched) and folds it in once, when the store is closed. A kill -9 loses nothing
 * committed: the next open replays the log, as before, and never an uncommitted file.
 */
export async function readyToWrite(store: Store): Promise<Known> {
  const ses = session(store);
  if (!ses.logKept) {
    await store.run(`SET checkpoint_threshold = '1GB'`);
    ses.logKept = true;
  }
  if (!ses.known) {
    ses.known = {
      pids: new Set((await store.all(`SELECT pid FROM citizens`)).map((x) => String(x.pid))),
      groups: new Map((await store.all(`SELECT group_id, strftime(start_date, '%Y-%m-%d') AS s, strftime(end_date, '%Y-%m-%d') AS e FROM course_groups`)).map((g) => [String(g.group_id), { start: String(g.s), end: String(g.e) }])),
    };
  }
  return ses.known;
}

/** After a rollback: what the transaction made (temporary tables, the cohort record) is gone. */
export function forgetRolledBack(store: Store): void {
  const ses = session(store);
  ses.temp.clear();
  ses.cohortSpec = null;
}
