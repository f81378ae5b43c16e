/**
 * Concurrency and crashes, with real processes: `kill -9` of an ingest between its last write
 * and its commit leaves the store as it was (DuckDB replays only committed work), and the file
 * can be ingested afterwards; a second writer waits for the lock and then goes ahead, or — with
 * a short --wait — gets the named StoreBusyError (exit 2, no stack trace) and changes nothing.
 * The pause before the commit is the test hook EFFEKT_TEST_HOLD_BEFORE_COMMIT_MS, announced on
 * stderr so the test kills at a known point.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { initStore } from '../../src/rollout/init.ts';
import { openStore } from '../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestFile } from '../../src/rollout/ingest/ingest.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { writeHandCase } from './hand-case.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves when stderr shows the line. */
  waitFor(text: string): Promise<void>;
  /** What the process has written to stderr so far. */
  stderr(): string;
}

function effekt(args: readonly string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/effekt.js'), ...args], { cwd: repoRoot, env: { ...process.env, CI: '1', ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => {
    stderr += String(d);
    for (const w of waiters.splice(0)) if (stderr.includes(w.text)) w.resolve(); else waiters.push(w);
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    stderr: () => stderr,
    waitFor: (text) => new Promise<void>((resolve, reject) => {
      if (stderr.includes(text)) return resolve();
      waiters.push({ text, resolve });
      child.on('close', () => reject(new Error(`process ended before printing "${text}": ${stderr}`)));
    }),
  };
}

async function tableCounts(store: string): Promise<Record<string, number>> {
  const s = await openStore(store);
  try {
    const out: Record<string, number> = {};
    for (const t of ['citizens', 'course_groups', 'visit_rows', 'ingests', 'audit']) out[t] = Number((await s.all(`SELECT count(*)::INTEGER AS n FROM ${t}`))[0].n);
    return out;
  } finally {
    s.close();
  }
}

const HOLD = 'effekt-test: ingest written, holding before commit';

/** The hand-made case's store with its first period's file ingested (in this process). */
async function storeWithFirstPeriod(): Promise<{ hc: ReturnType<typeof writeHandCase>; store: string }> {
  const hc = writeHandCase();
  const store = join(hc.dir, 'store.duckdb');
  await initStore(store, hc.contract);
  const s = await openStore(store);
  await ingestFile(s, loadRolloutSpec(hc.spec), hc.files.p1);
  s.close();
  return { hc, store };
}

describe('crash and concurrency (child processes)', { timeout: 900_000 }, () => {
  it('kill -9 during an ingest leaves the store as it was; the file can be ingested after', async () => {
    const { hc, store } = await storeWithFirstPeriod();
    const before = await tableCounts(store);

    const run = effekt(['rollout', 'ingest', hc.files.p2, hc.files.p1Corrected, '--spec', hc.spec, '--store', store], { EFFEKT_TEST_HOLD_BEFORE_COMMIT_MS: '120000' });
    await run.waitFor(HOLD);
    run.child.kill('SIGKILL');
    const end = await run.done;
    expect(end.signal).toBe('SIGKILL');
    expect(await tableCounts(store)).toEqual(before);

    const again = effekt(['rollout', 'ingest', hc.files.p2, '--spec', hc.spec, '--store', store]);
    const r = await again.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ingest #2: 16 rows \(16 added/);
    expect(await tableCounts(store)).toMatchObject({ citizens: before.citizens + 8, ingests: 2 });
  });

  it('kill -9 at the second file of a run keeps the first (committed, still only in the log) and nothing of the second', async () => {
    // An ingest keeps DuckDB's log unfolded until the store closes (checkpoint_threshold): what a
    // killed run committed lives only in the log, and the next open must replay exactly that.
    const { hc, store } = await storeWithFirstPeriod();

    const run = effekt(['rollout', 'ingest', hc.files.p2, hc.files.p1Corrected, '--spec', hc.spec, '--store', store], { EFFEKT_TEST_HOLD_BEFORE_COMMIT_MS: '8000' });
    await run.waitFor(HOLD);
    while (run.stderr().split(HOLD).length < 3) {
      if (run.child.exitCode !== null) throw new Error(`the run ended before holding at its second file: ${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill('SIGKILL');
    const end = await run.done;
    expect(end.signal).toBe('SIGKILL');
    expect(end.stdout).toMatch(/ingest #2: 16 rows \(16 added/);
    // The same as a store that took p1 and p2 and was closed.
    const reference = join(hc.dir, 'reference.duckdb');
    await initStore(reference, hc.contract);
    const ref = await openStore(reference);
    for (const f of [hc.files.p1, hc.files.p2]) await ingestFile(ref, loadRolloutSpec(hc.spec), f);
    ref.close();
    const expected = await tableCounts(reference);
    expect(expected.ingests).toBe(2);
    expect(await tableCounts(store)).toEqual(expected);

    const again = effekt(['rollout', 'ingest', hc.files.p2, hc.files.p1Corrected, '--spec', hc.spec, '--store', store]);
    const r = await again.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/already ingested \(ingest #2/);
    expect(r.stdout).toMatch(/ingest #3: .*changed/);
  });

  it('a second writer waits for the first, or gets a named error and changes nothing', async () => {
    const hc = writeHandCase();
    const store = join(hc.dir, 'store.duckdb');
    await initStore(store, hc.contract);
    const release = join(hc.dir, 'release');
    const first = effekt(['rollout', 'ingest', hc.files.p1, '--spec', hc.spec, '--store', store], { EFFEKT_TEST_HOLD_UNTIL_FILE: release });
    await first.waitFor(HOLD);

    const impatient = await effekt(['rollout', 'ingest', hc.files.p2, '--spec', hc.spec, '--store', store, '--wait', '0.5']).done;
    expect(impatient.code).toBe(2);
    expect(impatient.stderr).toMatch(/StoreBusyError: the store .* is in use by another effekt process \(PID \d+/);
    expect(impatient.stderr).toMatch(/Nothing was changed/);
    expect(impatient.stderr).not.toMatch(/\n\s+at /);

    const patient = effekt(['rollout', 'ingest', hc.files.p2, '--spec', hc.spec, '--store', store, '--wait', '300']);
    await patient.waitFor('is in use by another effekt process');
    writeFileSync(release, '');
    const [a, b] = await Promise.all([first.done, patient.done]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect(await tableCounts(store)).toMatchObject({ citizens: 16, ingests: 2, visit_rows: 31 });
  });
});
