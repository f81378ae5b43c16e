/**
 * Group commit for a multi-file ingest (the default, 32 files; `groupCommit.files` or
 * EFFEKT_INGEST_GROUP_FILES sets it, 1 turns it off): consecutive files that have passed validation and only add (every
 * citizen new to the store, every group new or with the dates it has) share one transaction and
 * one appender flush per table. Per file, the four flushes and the COMMIT are fixed costs
 * (≈ 13 ms of a ≈ 20 ms write, docs/rollout.md §7) whatever the rows.
 *
 * What stays true per file: each file gets its own ingest record (id, hash, counts) exactly as
 * if written alone, and the store after a batch holds the rows of its files one by one (every
 * table, only `ingested_at` differs). A batch commits whole or not at all, so a file is never
 * partly written; a `kill -9` leaves the store at the last commit — after some earlier file,
 * never inside one. If the batch's write fails (a constraint, the disk), it is rolled back and
 * its files are written again one per transaction, so the run stops at the file that causes it.
 * A file that corrects (touches a citizen the store or the batch already holds, or moves a
 * group's dates), repeats an ingested file, or fails validation is not batched: the batch before
 * it is committed first, then it goes the one-file way (ingestPrepared).
 *
 * Commit boundaries change no output: DuckDB samples each committed chunk for a column's
 * distinct-count statistics, so a store built with other boundaries has other query plans, and
 * status's double avg/var_samp summed in another order (last digits differed on the demo; it was
 * opt-in then). Status now sums exactly (status/exact-change.ts), so its figures, like the
 * settlements' counts, are the same however the files were committed.
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { RolloutSpec } from '../spec/load.ts';
import type { Store } from '../store/store.ts';
import { appendColumns, appendRows, isoDate, timestamp } from '../store/append.ts';
import type { ExportGroup, ExportRecords, ExportRow } from './read-export.ts';
import type { PreparedFile } from './prepare.ts';
import { recordCohort } from './cohort-tables.ts';
import { session, type IngestedFile, type Known } from './session.ts';
import type { IngestSummary } from './ingest.ts';

export interface GroupCommitOptions {
  /** Files per transaction at most (default 1: each file in its own transaction; see above). */
  readonly files?: number;
  /** A batch is committed once its first file has waited this long for the next (default 1000 ms). */
  readonly ms?: number;
}

interface Planned {
  readonly prepared: PreparedFile;
  readonly records: ExportRecords;
  readonly id: number;
  readonly now: Date;
  readonly newGroups: readonly ExportGroup[];
  readonly newCitizens: readonly (readonly [string, string, string])[];
  readonly firstTime: readonly string[];
  readonly periods: readonly string[];
}

/** The files of one transaction to be, planned against the session and the batch's earlier files. */
export class Batch {
  private readonly planned: Planned[] = [];
  private readonly pids = new Set<string>();
  private readonly groups = new Map<string, { start: string; end: string }>();
  private readonly hashes = new Set<string>();
  private readonly munis = new Set<string>();
  /** When the batch's first file was taken (performance.now()). */
  started = 0;

  constructor(
    private readonly store: Store,
    private readonly spec: RolloutSpec,
    private readonly known: Known,
    private readonly ingested: ReadonlyMap<string, IngestedFile>,
  ) {}

  get size(): number {
    return this.planned.length;
  }

  get prepared(): readonly PreparedFile[] {
    return this.planned.map((p) => p.prepared);
  }

  /** Takes the file into the batch if it only adds (see above); false leaves the batch as it was. */
  take(prepared: PreparedFile, now: Date): boolean {
    const r = prepared.records;
    const hash = prepared.sha256;
    if (prepared.error || !r || hash === null || this.ingested.has(hash) || this.hashes.has(hash)) return false;
    for (const row of r.rows) if (this.known.pids.has(row.pid) || this.pids.has(row.pid)) return false;
    const newGroups: ExportGroup[] = [];
    for (const g of r.groups.values()) {
      const old = this.known.groups.get(g.id) ?? this.groups.get(g.id);
      if (!old) newGroups.push(g);
      else if (old.start !== g.start || old.end !== g.end) return false;
    }
    const newCitizens: [string, string, string][] = [];
    const seen = new Set<string>();
    for (const row of r.rows) {
      if (seen.has(row.pid)) continue;
      seen.add(row.pid);
      newCitizens.push([row.pid, row.municipality, row.group]);
    }
    const ses = session(this.store);
    const firstTime = r.municipalities.filter((m) => !ses.municipalitiesSeen.has(m) && !this.munis.has(m));
    if (this.planned.length === 0) this.started = performance.now();
    this.planned.push({ prepared, records: r, id: ses.nextId + this.planned.length, now, newGroups, newCitizens, firstTime, periods: [...new Set([...r.groups.values()].map((g) => g.period))].sort() });
    for (const p of seen) this.pids.add(p);
    for (const g of newGroups) this.groups.set(g.id, { start: g.start, end: g.end });
    for (const m of firstTime) this.munis.add(m);
    this.hashes.add(hash);
    return true;
  }

  /**
   * The batch's rows, one append (one flush) per table, in the caller's transaction. Rows go in
   * in file order, each file's as writeRecords would append them.
   */
  async write(): Promise<IngestSummary[]> {
    const { store, spec, planned } = this;
    if (session(store).cohortSpec !== spec.sha256) await recordCohort(store, spec);
    await this.append(planned);
    return planned.map((p) => ({
      file: p.prepared.name, sha256: p.prepared.sha256!, status: 'ingested', ingestId: p.id, rowsInFile: p.records.rows.length, rowsAdded: p.records.rows.length, rowsChanged: 0, rowsUnchanged: 0,
      citizensAdded: p.newCitizens.length, groupsAdded: p.newGroups.length, groupsChanged: 0, fieldsChanged: 0, municipalities: p.records.municipalities, periods: p.periods,
    }));
  }

  private async append(planned: readonly Planned[]): Promise<void> {
    const { store, spec } = this;
    const groups = planned.flatMap((p) => p.newGroups.map((g) => [p.id, g] as const));
    await appendColumns(store, 'course_groups', ['varchar', 'date', 'date', 'varchar', 'varchar', 'integer', 'integer'], [
      groups.map(([, g]) => g.id), groups.map(([, g]) => isoDate(g.start)), groups.map(([, g]) => isoDate(g.end)), groups.map(([, g]) => g.startPeriod), groups.map(([, g]) => g.period), groups.map(([id]) => id), groups.map(([id]) => id),
    ]);
    const citizens = planned.flatMap((p) => p.newCitizens.map((c) => [p.id, c] as const));
    await appendColumns(store, 'citizens', ['varchar', 'varchar', 'varchar', 'integer', 'integer'], [
      citizens.map(([, c]) => c[0]), citizens.map(([, c]) => c[1]), citizens.map(([, c]) => c[2]), citizens.map(([id]) => id), citizens.map(([id]) => id),
    ]);
    const rows: (readonly [number, ExportRow])[] = planned.flatMap((p) => p.records.rows.map((x) => [p.id, x] as const));
    await appendColumns(store, 'visit_rows', ['varchar', 'varchar', 'varchar', 'integer', 'double[]'], [
      rows.map(([, x]) => x.pid), rows.map(([, x]) => x.visit), rows.map(([, x]) => x.cells), rows.map(([id]) => id), rows.map(([, x]) => listValue(x.values as DuckDBValue[])),
    ]);
    const first = planned.flatMap((p) => p.firstTime.map((m) => [p.id, m] as const));
    if (first.length) {
      await store.run(`UPDATE municipalities SET first_ingest = t.id FROM (VALUES ${first.map(() => '(?, ?)').join(', ')}) t(id, m) WHERE first_ingest IS NULL AND municipality = t.m`, first.flatMap(([id, m]) => [id, m]));
    }
    await appendRows(store, 'ingests', ['integer', 'varchar', 'varchar', 'bigint', 'varchar', 'timestamp', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'varchar', 'varchar', 'varchar', 'varchar[]'], planned.map((p) => {
      const r = p.records;
      return [p.id, p.prepared.name, p.prepared.sha256!, BigInt(p.prepared.bytes), spec.sha256, timestamp(p.now), r.rows.length, r.rows.length, 0, 0, p.newCitizens.length, p.newGroups.length, 0, JSON.stringify(r.municipalities), JSON.stringify(p.periods), JSON.stringify(r.cellNames), listValue([...r.valueNames])];
    }));
  }

  /** After the commit: the session learns what the batch added. */
  committed(ingested: Map<string, IngestedFile>, summaries: readonly IngestSummary[]): void {
    const ses = session(this.store);
    for (const s of summaries) {
      for (const m of s.municipalities) ses.municipalitiesSeen.add(m);
      ingested.set(s.sha256, { id: s.ingestId, rows: s.rowsInFile, municipalities: s.municipalities, periods: s.periods });
      ses.nextId = s.ingestId + 1;
    }
    ses.cohortSpec = this.spec.sha256;
    for (const p of this.pids) this.known.pids.add(p);
    for (const [g, d] of this.groups) this.known.groups.set(g, d);
  }
}
