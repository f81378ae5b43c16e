/**
 * Reads and validates the exports of a multi-file ingest ahead of the writer, on worker threads:
 * reading and validating (CSV parsing, the trial's validator, scoring) is most of an ingest's
 * CPU and needs nothing from the store, while the writer's commit waits on the disk. The files
 * still go into the store one by one, in the order given, each in its own transaction; only
 * their reading overlaps. At most `window` files are read ahead (memory stays bounded), and
 * results are handed out in order. Without workers (one file, or `threads: 0`) each file is read
 * when its turn comes, as before.
 */
import { Worker } from 'node:worker_threads';
import { prepareFile, type PreparedFile, type ReadContext } from './prepare.ts';

function workerFor(ctx: ReadContext): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from the TypeScript sources (tsx, vitest): workers do not inherit the loader, so the bootstrap registers tsx first.
    const url = new URL('./read-worker.ts', here).href;
    return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: ctx });
  }
  return new Worker(new URL('./read-worker.js', here), { workerData: ctx });
}

export interface ReadAheadOptions {
  /** Worker threads (default: $EFFEKT_READ_THREADS, else 2 when there are at least 4 files, else 0 = read in this thread). */
  readonly threads?: number;
  /** Files read ahead of the one being written (default 3 per thread). */
  readonly window?: number;
}

/** The prepared files, in the order given. Stop early with `return()` (a for-await `break`): the workers end. */
export async function* readAhead(files: readonly string[], ctx: ReadContext, options: ReadAheadOptions = {}): AsyncGenerator<PreparedFile> {
  const fromEnv = process.env.EFFEKT_READ_THREADS === undefined ? NaN : Number(process.env.EFFEKT_READ_THREADS);
  const threads = Math.max(0, Math.min(8, Math.floor(options.threads ?? (Number.isFinite(fromEnv) ? fromEnv : files.length >= 4 ? 2 : 0))));
  if (threads === 0) {
    for (const f of files) yield await prepareFile(f, ctx);
    return;
  }
  const window = Math.max(threads, options.window ?? 3 * threads);
  const workers = Array.from({ length: Math.min(threads, files.length) }, () => workerFor(ctx));
  const results = new Map<number, PreparedFile>();
  const waiting = new Map<number, (p: PreparedFile) => void>();
  let failure: Error | null = null;
  let fail: ((e: Error) => void) | null = null;
  let next = 0;
  let consumed = 0;
  const idle: Worker[] = [];
  const send = (w: Worker) => {
    if (next < files.length && next < consumed + window) {
      w.postMessage({ seq: next, file: files[next] });
      next++;
    } else idle.push(w);
  };
  for (const w of workers) {
    w.on('message', (m: { seq: number; prepared: PreparedFile }) => {
      const resolve = waiting.get(m.seq);
      if (resolve) {
        waiting.delete(m.seq);
        resolve(m.prepared);
      } else results.set(m.seq, m.prepared);
      send(w);
    });
    const broke = (e: Error) => {
      failure ??= e;
      fail?.(e);
    };
    w.on('error', broke);
    w.on('exit', (code) => {
      if (code !== 0) broke(new Error(`a reading worker stopped with exit code ${code}`));
    });
  }
  try {
    for (const w of workers) send(w);
    for (let i = 0; i < files.length; i++) {
      let p = results.get(i);
      if (p) results.delete(i);
      else {
        if (failure) throw failure;
        p = await new Promise<PreparedFile>((resolve, reject) => {
          waiting.set(i, resolve);
          fail = reject;
        });
        fail = null;
      }
      consumed = i + 1;
      while (idle.length > 0 && next < files.length && next < consumed + window) send(idle.pop()!);
      yield p;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
