/**
 * `rollout ingest`: one export file → the store, all or nothing (one transaction). The file is
 * read and validated completely before the store is touched; then every row is compared with
 * what is stored:
 *   new citizen × visit          → added;
 *   same key, other values       → changed: the new values replace the old, and every changed
 *                                  field's old and new value goes into `audit`;
 *   same key, same values        → unchanged (nothing written).
 * Groups and citizens are diffed the same way. A file whose SHA-256 was ingested before changes
 * nothing at all. The ingest itself is recorded (file name, hash, counts); nothing is deleted —
 * a citizen missing from a corrected file is kept, and the summary says how many.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { DataValidationError } from '../../data/problems.ts';
import type { RolloutSpec } from '../spec/load.ts';
import type { Store } from '../store/store.ts';
import { appendColumns, appendRows, isoDate, timestamp } from '../store/append.ts';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { ExportGroup, ExportRecords, ExportRow } from './read-export.ts';
import { errorFromData, prepareFile, type PreparedFile, type ReadContext } from './prepare.ts';
import { readAhead, type ReadAheadOptions } from './read-ahead.ts';
import { Batch, type GroupCommitOptions } from './group-commit.ts';
import { contractOf, forgetRolledBack, ingestedFiles, readyToWrite, session, type Known } from './session.ts';
import { recordCohort } from './cohort-tables.ts';

export interface IngestSummary {
  readonly file: string;
  readonly sha256: string;
  /** "duplicate": this exact file was ingested before (ingestId is that ingest); nothing changed. */
  readonly status: 'ingested' | 'duplicate';
  readonly ingestId: number;
  readonly rowsInFile: number;
  readonly rowsAdded: number;
  readonly rowsChanged: number;
  readonly rowsUnchanged: number;
  readonly citizensAdded: number;
  readonly groupsAdded: number;
  readonly groupsChanged: number;
  readonly fieldsChanged: number;
  readonly municipalities: readonly string[];
  readonly periods: readonly string[];
}

export interface IngestOptions {
  /** Called with each stage, for a progress line. */
  readonly onStage?: (stage: string) => void;
  /** Wall clock of the ingest record (tests pin it); default now. The store keeps it, notes never show it. */
  readonly now?: Date;
}

const key = (pid: string, visit: string) => `${pid}\u0000${visit}`;

async function tempTable(store: Store, name: string, columns: string): Promise<void> {
  const ses = session(store);
  if (!ses.temp.has(name)) {
    await store.run(`CREATE OR REPLACE TEMP TABLE ${name} (${columns})`);
    ses.temp.add(name);
  } else await store.run(`DELETE FROM ${name}`);
}

/**
 * Test hook: a pause between the last write and the commit, announced on stderr, so a test can
 * kill -9 the process mid-ingest or start a second writer. EFFEKT_TEST_HOLD_BEFORE_COMMIT_MS
 * pauses that long; EFFEKT_TEST_HOLD_UNTIL_FILE pauses until that file exists (at most 5 minutes).
 */
export async function holdBeforeCommit(): Promise<void> {
  const ms = Number(process.env.EFFEKT_TEST_HOLD_BEFORE_COMMIT_MS ?? 0);
  const until = process.env.EFFEKT_TEST_HOLD_UNTIL_FILE;
  if (!(ms > 0) && !until) return;
  process.stderr.write('effekt-test: ingest written, holding before commit\n');
  const end = Date.now() + (ms > 0 ? ms : 300_000);
  while (Date.now() < end && !(until && existsSync(until))) await new Promise((r) => setTimeout(r, 50));
}

export async function ingestFile(store: Store, spec: RolloutSpec, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestPrepared(store, spec, await prepareFile(file, await readContext(store, spec)), options);
}

export async function ingestBytes(store: Store, spec: RolloutSpec, bytes: Uint8Array, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestPrepared(store, spec, await prepareFile(file, await readContext(store, spec), bytes), options);
}

export interface IngestFilesOptions extends IngestOptions, ReadAheadOptions {
  /** Called when a file's turn to be written comes (it has been read and validated), in order. */
  readonly onFile?: (file: string) => void;
  /** Called after each file is in the store (or found to be a duplicate), in order; files that share a commit, after it. */
  readonly onIngested?: (summary: IngestSummary) => void;
  /** How many files may share a transaction (group-commit.ts). */
  readonly groupCommit?: GroupCommitOptions;
}

/** Files that only add, written in one transaction at most (group-commit.ts). */
export const DEFAULT_GROUP_FILES = 32;

/**
 * Several exports, in the order given, each all or nothing; the first that fails stops the run —
 * the files before it stay ingested, it and those after it are not — and its error is thrown.
 * The files are read and validated ahead on worker threads (readAhead) while earlier ones are
 * written: consecutive files that only add share one transaction (at most `groupCommit.files`,
 * default 32, committed once the first has waited `groupCommit.ms` for more — group-commit.ts);
 * any other file has its own.
 */
export async function ingestFiles(store: Store, spec: RolloutSpec, files: readonly string[], options: IngestFilesOptions = {}): Promise<IngestSummary[]> {
  const out: IngestSummary[] = [];
  // On by default (status sums exactly, so commit boundaries change no output);
  // EFFEKT_INGEST_GROUP_FILES=1 (or groupCommit.files 1) writes one transaction per file.
  const fromEnv = Number(process.env.EFFEKT_INGEST_GROUP_FILES);
  const maxFiles = Math.max(1, Math.floor(options.groupCommit?.files ?? (fromEnv > 0 ? fromEnv : DEFAULT_GROUP_FILES)));
  const maxMs = Math.max(0, options.groupCommit?.ms ?? 1000);
  const done = (summary: IngestSummary) => {
    out.push(summary);
    options.onIngested?.(summary);
  };
  const one = async (prepared: PreparedFile) => done(await ingestPrepared(store, spec, prepared, options));
  let batch: Batch | null = null;
  const commit = async () => {
    const b = batch;
    batch = null;
    if (!b || b.size === 0) return;
    let summaries: IngestSummary[];
    try {
      summaries = await store.transaction(async () => {
        const s = await b.write();
        await holdBeforeCommit();
        return s;
      });
    } catch {
      // Rolled back: each file again in its own transaction, so the run stops at the one that fails, named.
      forgetRolledBack(store);
      for (const p of b.prepared) await one(p);
      return;
    }
    b.committed(await ingestedFiles(store), summaries);
    for (const s of summaries) done(s);
  };
  const metricsOk = await contractOf(store).then((c) => {
    try {
      checkMetricOutcomes(spec, c.metricOutcomes, spec.specFile);
      return true;
    } catch {
      return false;
    }
  });
  const reading = readAhead(files, await readContext(store, spec), options);
  try {
    let next = reading.next();
    next.catch(() => undefined);
    for (;;) {
      if (batch !== null && (batch as Batch).size > 0) {
        // Commit what waits once the batch is full or its first file has waited long enough for the next.
        const b = batch as Batch;
        const left = b.size >= maxFiles ? 0 : maxMs - (performance.now() - b.started);
        let timer: NodeJS.Timeout | undefined;
        const ready = left <= 0 ? false : await Promise.race([next.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), left)))]);
        clearTimeout(timer);
        if (!ready) {
          await commit();
          continue;
        }
      }
      let r: IteratorResult<PreparedFile>;
      try {
        r = await next;
      } catch (e) {
        // A reading thread broke: what was taken before is still written, then the run stops.
        await commit();
        throw e;
      }
      if (r.done) break;
      next = reading.next();
      // Handled here too: the read may fail while a commit runs, before anyone awaits it.
      next.catch(() => undefined);
      const prepared = r.value;
      if (metricsOk && maxFiles > 1 && prepared.error === null && prepared.records !== null) {
        const b: Batch = batch ?? (batch = new Batch(store, spec, await readyToWrite(store), await ingestedFiles(store)));
        if (b.take(prepared, options.now ?? new Date())) {
          options.onFile?.(prepared.file);
          options.onStage?.('writing');
          continue;
        }
      }
      await commit();
      options.onFile?.(prepared.file);
      await one(prepared);
    }
    await commit();
  } finally {
    await reading.return(undefined);
  }
  return out;
}

/** What reading a file needs from the store: the contract's municipalities and periods. */
async function readContext(store: Store, spec: RolloutSpec): Promise<ReadContext> {
  const contract = await contractOf(store);
  return { spec, municipalities: contract.municipalities, periods: contract.periods };
}

export async function ingestPrepared(store: Store, spec: RolloutSpec, prepared: PreparedFile, options: IngestOptions): Promise<IngestSummary> {
  options.onStage?.('reading and validating');
  if (prepared.sha256 === null) throw errorFromData(prepared.error!);
  const hash = prepared.sha256;
  const name = prepared.name;
  const file = prepared.file;
  const ses = session(store);
  const ingested = await ingestedFiles(store);
  const dup = ingested.get(hash);
  if (dup) {
    return { file: name, sha256: hash, status: 'duplicate', ingestId: dup.id, rowsInFile: dup.rows, rowsAdded: 0, rowsChanged: 0, rowsUnchanged: dup.rows, citizensAdded: 0, groupsAdded: 0, groupsChanged: 0, fieldsChanged: 0, municipalities: dup.municipalities, periods: dup.periods };
  }
  if (prepared.error) throw errorFromData(prepared.error);
  const records = prepared.records!;
  const contract = await contractOf(store);
  checkMetricOutcomes(spec, contract.metricOutcomes, file);
  options.onStage?.('writing');
  const known = await readyToWrite(store);
  try {
    const summary = await store.transaction(async () => {
      const out = await writeRecords(store, spec, records, { id: ses.nextId, name, hash, bytes: prepared.bytes, now: options.now ?? new Date() }, known);
      await holdBeforeCommit();
      return out;
    });
    for (const m of summary.municipalities) ses.municipalitiesSeen.add(m);
    ses.cohortSpec = spec.sha256;
    ingested.set(hash, { id: summary.ingestId, rows: summary.rowsInFile, municipalities: summary.municipalities, periods: summary.periods });
    ses.nextId = summary.ingestId + 1;
    for (const row of records.rows) known.pids.add(row.pid);
    for (const g of records.groups.values()) known.groups.set(g.id, { start: g.start, end: g.end });
    return summary;
  } catch (e) {
    forgetRolledBack(store);
    throw e;
  }
}

/** Every outcome a payment metric uses must be in the cohort spec the file is read with. */
export function checkMetricOutcomes(spec: RolloutSpec, metricOutcomes: ReadonlyMap<string, string>, file: string): void {
  const ids = new Set(spec.cohort.outcomes.map((o) => o.id));
  const missing = [...metricOutcomes].filter(([, outcome]) => !ids.has(outcome));
  if (missing.length > 0) {
    throw new DataValidationError(missing.map(([metric, outcome]) => ({ file: spec.specFile, row: null, column: null, path: 'cohort.outcomes', value: outcome, message: `the contract's payment metric "${metric}" needs outcome "${outcome}", which the spec does not declare`, allowed: [...ids].join(', '), fix: `declare outcome "${outcome}" in the cohort spec used for ${basename(file)}` })));
  }
}

interface FileInfo {
  readonly id: number;
  readonly name: string;
  readonly hash: string;
  readonly bytes: number;
  readonly now: Date;
}

/** Values as an SQL list of string literals (ids from a validated file; quotes doubled). */
const lits = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');


/**
 * Round trips per file of new citizens (the usual file): BEGIN, three appends (groups, citizens,
 * visit rows with their values), the ingest record, COMMIT — plus one update the first time a
 * municipality has data. Groups are compared with the dates the session keeps; only citizens
 * this store already holds are looked up (citizens, then their visit rows: one query each);
 * corrections are then written set-based: the changed
 * rows go to a temporary table by the appender and one UPDATE … FROM applies them. Per-row
 * statements cost ~5–50 ms each on a loaded machine; a file of 500 rows cannot afford one.
 */
async function writeRecords(store: Store, spec: RolloutSpec, r: ExportRecords, info: FileInfo, known: Known): Promise<IngestSummary> {
  const id = info.id;
  if (session(store).cohortSpec !== spec.sha256) await recordCohort(store, spec);
  const audit: (string | number | null)[][] = [];
  const seenPids = [...new Set(r.rows.map((x) => x.pid))].filter((p) => known.pids.has(p));
  const pids = lits(seenPids);

  // Groups (their stored dates are in the session).
  const oldGroups = known.groups;
  const newGroups = [...r.groups.values()].filter((g) => !oldGroups.has(g.id));
  const changedGroups = [...r.groups.values()].filter((g) => {
    const old = oldGroups.get(g.id);
    if (!old || (old.start === g.start && old.end === g.end)) return false;
    if (old.start !== g.start) audit.push([id, 'group', g.id, 'start_date', old.start, g.start]);
    if (old.end !== g.end) audit.push([id, 'group', g.id, 'end_date', old.end, g.end]);
    return true;
  });
  const groupColumns = (gs: readonly ExportGroup[]) => [gs.map((g) => g.id), gs.map((g) => isoDate(g.start)), gs.map((g) => isoDate(g.end)), gs.map((g) => g.startPeriod), gs.map((g) => g.period), gs.map(() => id), gs.map(() => id)];
  const groupKinds = ['varchar', 'date', 'date', 'varchar', 'varchar', 'integer', 'integer'] as const;
  await appendColumns(store, 'course_groups', groupKinds, groupColumns(newGroups));
  if (changedGroups.length > 0) {
    await tempTable(store, 'tmp_groups', 'group_id VARCHAR, start_date DATE, end_date DATE, start_period VARCHAR, period VARCHAR, first_ingest INTEGER, last_ingest INTEGER');
    await appendColumns(store, 'tmp_groups', groupKinds, groupColumns(changedGroups), true);
    await store.run(`UPDATE course_groups SET start_date = t.start_date, end_date = t.end_date, start_period = t.start_period, period = t.period, last_ingest = t.last_ingest FROM tmp_groups t WHERE course_groups.group_id = t.group_id`);
  }

  // Citizens.
  const oldCitizens = new Map((seenPids.length === 0 ? [] : await store.all(`SELECT pid, municipality, group_id FROM citizens WHERE pid IN (${pids})`)).map((c) => [String(c.pid), { municipality: String(c.municipality), group: String(c.group_id) }]));
  const newCitizens: [string, string, string][] = [];
  const changedCitizens: [string, string, string][] = [];
  const seen = new Set<string>();
  for (const row of r.rows) {
    if (seen.has(row.pid)) continue;
    seen.add(row.pid);
    const old = oldCitizens.get(row.pid);
    if (!old) newCitizens.push([row.pid, row.municipality, row.group]);
    else if (old.municipality !== row.municipality || old.group !== row.group) {
      if (old.municipality !== row.municipality) audit.push([id, 'citizen', row.pid, 'municipality', old.municipality, row.municipality]);
      if (old.group !== row.group) audit.push([id, 'citizen', row.pid, 'group_id', old.group, row.group]);
      changedCitizens.push([row.pid, row.municipality, row.group]);
    }
  }
  const citizenColumns = (cs: readonly [string, string, string][]) => [cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), cs.map(() => id), cs.map(() => id)];
  const citizenKinds = ['varchar', 'varchar', 'varchar', 'integer', 'integer'] as const;
  await appendColumns(store, 'citizens', citizenKinds, citizenColumns(newCitizens));
  if (changedCitizens.length > 0) {
    await tempTable(store, 'tmp_citizens', 'pid VARCHAR, municipality VARCHAR, group_id VARCHAR, first_ingest INTEGER, last_ingest INTEGER');
    await appendColumns(store, 'tmp_citizens', citizenKinds, citizenColumns(changedCitizens), true);
    await store.run(`UPDATE citizens SET municipality = t.municipality, group_id = t.group_id, last_ingest = t.last_ingest FROM tmp_citizens t WHERE citizens.pid = t.pid`);
  }

  // Visit rows (with their outcome values): the stored rows of citizens seen before, each with the cell names of the ingest that wrote it (one query).
  const oldRows = new Map<string, { cells: string; names: readonly string[] }>();
  const names = new Map<string, readonly string[]>();
  for (const o of seenPids.length === 0 ? [] : await store.all(`SELECT v.pid, v.visit, v.cells, i.cell_names FROM visit_rows v JOIN ingests i USING (ingest_id) WHERE v.pid IN (${pids})`)) {
    const cn = String(o.cell_names);
    if (!names.has(cn)) names.set(cn, JSON.parse(cn) as string[]);
    oldRows.set(key(String(o.pid), String(o.visit)), { cells: String(o.cells), names: names.get(cn)! });
  }
  const added: typeof r.rows[number][] = [];
  const changed: typeof r.rows[number][] = [];
  let unchanged = 0;
  for (const row of r.rows) {
    const old = oldRows.size === 0 ? undefined : oldRows.get(key(row.pid, row.visit));
    if (!old) added.push(row);
    else if (old.cells === row.cells && old.names.length === r.cellNames.length && old.names.every((n, j) => n === r.cellNames[j])) unchanged++;
    else {
      const oldValues = JSON.parse(old.cells) as (string | number | null)[];
      const newValues = JSON.parse(row.cells) as (string | number | null)[];
      const before = new Map(old.names.map((n, j) => [n, oldValues[j] ?? null]));
      const after = new Map(r.cellNames.map((n, j) => [n, newValues[j] ?? null]));
      let differs = false;
      for (const n of new Set([...before.keys(), ...after.keys()])) {
        const a = before.get(n) ?? null;
        const b = after.get(n) ?? null;
        if (a !== b) {
          differs = true;
          audit.push([id, 'visit', `${row.pid}/${row.visit}`, n, a === null ? null : String(a), b === null ? null : String(b)]);
        }
      }
      if (differs) changed.push(row);
      else unchanged++;
    }
  }
  const rowColumns = (rs: readonly ExportRow[]) => [rs.map((x) => x.pid), rs.map((x) => x.visit), rs.map((x) => x.cells), rs.map(() => id), rs.map((x) => listValue(x.values as DuckDBValue[]))];
  const rowKinds = ['varchar', 'varchar', 'varchar', 'integer', 'double[]'] as const;
  if (changed.length > 0) {
    await tempTable(store, 'tmp_changed', 'pid VARCHAR, visit VARCHAR, cells VARCHAR, ingest_id INTEGER, vals DOUBLE[]');
    await appendColumns(store, 'tmp_changed', rowKinds, rowColumns(changed), true);
    await store.run(`UPDATE visit_rows SET cells = t.cells, ingest_id = t.ingest_id, vals = t.vals FROM tmp_changed t WHERE visit_rows.pid = t.pid AND visit_rows.visit = t.visit`);
  }
  await appendColumns(store, 'visit_rows', rowKinds, rowColumns(added));
  await appendRows(store, 'audit', ['integer', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar'], audit);
  const firstTime = r.municipalities.filter((m) => !session(store).municipalitiesSeen.has(m));
  if (firstTime.length) await store.run(`UPDATE municipalities SET first_ingest = ? WHERE first_ingest IS NULL AND municipality IN (${firstTime.map(() => '?').join(', ')})`, [id, ...firstTime]);

  const periods = [...new Set([...r.groups.values()].map((g) => g.period))].sort();
  await appendRows(store, 'ingests', ['integer', 'varchar', 'varchar', 'bigint', 'varchar', 'timestamp', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'varchar', 'varchar', 'varchar', 'varchar[]'], [[
    id, info.name, info.hash, BigInt(info.bytes), spec.sha256, timestamp(info.now), r.rows.length, added.length, changed.length, unchanged,
    newCitizens.length, newGroups.length, changedGroups.length, JSON.stringify(r.municipalities), JSON.stringify(periods), JSON.stringify(r.cellNames), listValue([...r.valueNames]),
  ]]);
  return {
    file: info.name, sha256: info.hash, status: 'ingested', ingestId: id, rowsInFile: r.rows.length, rowsAdded: added.length, rowsChanged: changed.length, rowsUnchanged: unchanged,
    citizensAdded: newCitizens.length, groupsAdded: newGroups.length, groupsChanged: changedGroups.length, fieldsChanged: audit.length, municipalities: r.municipalities, periods,
  };
}
