/**
 * Many files in one ingest (`ingestFiles`, what `effekt rollout ingest a b c …` runs): the files
 * are read and validated ahead on worker threads, but go into the store one by one, in order,
 * each in its own transaction (or, opt-in, files that only add sharing one: group commit) — the
 * store ends exactly as ingesting them one at a time leaves it, and the first file that fails
 * stops the run with the files before it kept and none after it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initStore } from '../../src/rollout/init.ts';
import { openStore, type Store } from '../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestFile, ingestFiles, type IngestSummary } from '../../src/rollout/ingest/ingest.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { writeHandCase } from './hand-case.ts';

const NOW = new Date(Date.UTC(2027, 0, 1));

/** Every row of the tables an ingest writes, in a fixed order. */
async function contents(s: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of ['citizens', 'course_groups', 'visit_rows', 'ingests', 'audit', 'municipalities', 'outcomes', 'cohort_visits']) {
    out[t] = JSON.stringify(await s.all(`SELECT ${t}::VARCHAR AS r FROM ${t} ORDER BY r`));
  }
  return out;
}

/** 'workers' and 'in-thread' with group commit (up to 8 files a transaction); 'no-group-commit' as by default. */
type How = 'one-by-one' | 'workers' | 'in-thread' | 'no-group-commit';

async function build(files: (hc: ReturnType<typeof writeHandCase>) => string[], how: How, before?: (hc: ReturnType<typeof writeHandCase>) => (s: Store) => Promise<void>): Promise<{ contents: Record<string, string>; summaries: IngestSummary[]; error: unknown }> {
  const hc = writeHandCase();
  const store = join(hc.dir, 'store.duckdb');
  await initStore(store, hc.contract);
  const spec = loadRolloutSpec(hc.spec);
  const s = await openStore(store);
  try {
    const summaries: IngestSummary[] = [];
    let error: unknown = null;
    await before?.(hc)(s);
    try {
      if (how === 'one-by-one') for (const f of files(hc)) summaries.push(await ingestFile(s, spec, f, { now: NOW }));
      else await ingestFiles(s, spec, files(hc), { now: NOW, threads: how === 'workers' ? 2 : 0, window: 2, onIngested: (r) => summaries.push(r), groupCommit: how === 'no-group-commit' ? undefined : { files: 8 } });
    } catch (e) {
      error = e;
    }
    return { contents: await contents(s), summaries, error };
  } finally {
    s.close();
  }
}

describe('ingestFiles', { timeout: 120_000 }, () => {
  const all = (hc: ReturnType<typeof writeHandCase>) => [hc.files.p1, hc.files.p2, hc.files.p1, hc.files.p1Corrected, hc.files.p3];

  it('read ahead on worker threads, written in order: the same store as one file at a time', async () => {
    const one = await build(all, 'one-by-one');
    const workers = await build(all, 'workers');
    const inThread = await build(all, 'in-thread');
    const single = await build(all, 'no-group-commit');
    expect(one.error).toBeNull();
    expect(workers.error).toBeNull();
    expect(workers.summaries.map((r) => [r.status, r.ingestId, r.rowsAdded, r.rowsChanged, r.fieldsChanged])).toEqual(one.summaries.map((r) => [r.status, r.ingestId, r.rowsAdded, r.rowsChanged, r.fieldsChanged]));
    expect(workers.summaries[2].status).toBe('duplicate');
    expect(workers.summaries[3].fieldsChanged).toBe(3);
    expect(workers.contents).toEqual(one.contents);
    expect(inThread.contents).toEqual(one.contents);
    expect(single.contents).toEqual(one.contents);
    expect(inThread.summaries).toEqual(one.summaries);
    expect(single.summaries).toEqual(one.summaries);
  });

  it('files that only add may share a commit (group commit, opt-in), each with its own ingest record and counts', async () => {
    // p1, p2 and p3 bring new citizens only (p2 shares a group with p1, same dates): one
    // transaction; the repeat of p1 and its correction go one by one after it.
    const adds = (hc: ReturnType<typeof writeHandCase>) => [hc.files.p1, hc.files.p2, hc.files.p3, hc.files.p1, hc.files.p1Corrected];
    const one = await build(adds, 'one-by-one');
    for (const how of ['workers', 'in-thread', 'no-group-commit'] as const) {
      const r = await build(adds, how);
      expect(r.error).toBeNull();
      expect(r.summaries).toEqual(one.summaries);
      expect(r.contents).toEqual(one.contents);
    }
    expect(one.summaries.map((r) => [r.file, r.status, r.ingestId])).toEqual([['p1.csv', 'ingested', 1], ['p2.csv', 'ingested', 2], ['p3.csv', 'ingested', 3], ['p1.csv', 'duplicate', 1], ['p1-corrected.csv', 'ingested', 4]]);
  });

  it('a batch whose write fails is rolled back and its files written one per transaction: the run stops at the file that fails', async () => {
    // p1 in, then ingest id 3 taken behind the session's back: the batch p2, p3 fails on the
    // ingest record's key (after every flush); one by one, p2 goes in and p3 fails.
    const squat = (hc: ReturnType<typeof writeHandCase>) => async (s: Store) => {
      await ingestFile(s, loadRolloutSpec(hc.spec), hc.files.p1, { now: NOW });
      await s.run(`INSERT INTO ingests SELECT 3, 'squatter', 'x', 0, 'x', ingested_at, 0, 0, 0, 0, 0, 0, 0, '[]', '[]', '[]', [] FROM ingests WHERE ingest_id = 1`);
    };
    const r = await build((hc) => [hc.files.p2, hc.files.p3], 'in-thread', squat);
    expect((r.error as Error)?.message).toMatch(/constraint|duplicate key/i);
    expect(r.summaries.map((x) => [x.file, x.ingestId])).toEqual([['p2.csv', 2]]);
    const expected = await build((hc) => [hc.files.p2], 'one-by-one', squat);
    expect(r.contents).toEqual(expected.contents);
  });

  it('the first file that fails stops the run: the files before it are in, it and those after it are not', async () => {
    const withBad = (hc: ReturnType<typeof writeHandCase>) => {
      const bad = join(hc.dir, 'p2-bad.csv');
      writeFileSync(bad, readFileSync(hc.files.p2, 'utf8').replace(/^A07,Alby/gm, 'A07,Nowhere'));
      return [hc.files.p1, bad, hc.files.p1Corrected, hc.files.p3];
    };
    const workers = await build(withBad, 'workers');
    const expected = await build((hc) => [hc.files.p1], 'one-by-one');
    expect(workers.error).toBeInstanceOf(DataValidationError);
    expect((workers.error as DataValidationError).problems).toContainEqual(expect.objectContaining({ column: 'municipality', value: 'Nowhere', message: 'is not a municipality of the contract' }));
    expect(workers.summaries.map((r) => r.file)).toEqual(['p1.csv']);
    expect(workers.contents).toEqual(expected.contents);
  });

  it('a file that cannot be read is named, as when read in this thread', async () => {
    const r = await build((hc) => [hc.files.p1, join(hc.dir, 'missing.csv'), hc.files.p2, hc.files.p3], 'workers');
    expect(r.error).toBeInstanceOf(DataValidationError);
    expect((r.error as DataValidationError).problems[0].message).toMatch(/cannot be read \(ENOENT\)/);
    expect(r.summaries).toHaveLength(1);
  });
});
