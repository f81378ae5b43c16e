/**
 * A worker thread that answers numbered jobs — the PNG worker (png-worker.ts) and the chart
 * worker (svg-worker.ts). Jobs go in as { id, ...job }; the reply is { id, ...result } or
 * { id, error }. The worker holds the process open only while a job is owed. A worker that
 * breaks (an error, an exit) fails what it owed and takes no more jobs: `broken` tells the caller
 * to fall back to its in-thread path.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

type Settle<Out> = { resolve: (out: Out) => void; reject: (e: Error) => void };
type Reply = { readonly id: number; readonly error?: string } & Record<string, unknown>;

export interface JobWorker<Job extends object, Out> {
  run(job: Job): Promise<Out>;
  readonly broken: boolean;
  /** Ends the worker now: what it owed fails, and it takes no more jobs (broken). */
  stop(): Promise<void>;
}

export interface JobWorkerOptions<Out> {
  /** For messages: "the <name> stopped (exit code …)", e.g. "PNG worker". */
  readonly name: string;
  /** For messages: "<failure>: <the worker's error>", e.g. "PNG rendering failed". */
  readonly failure: string;
  /** The result in a reply, or undefined when the reply carries none (then it fails). */
  readonly decode: (reply: Reply) => Out | undefined;
  readonly workerData?: unknown;
}

/**
 * Starts the worker compiled next to this module, or returns null when it cannot run: from the
 * TypeScript sources (tsx, vitest) a worker cannot load a .ts file.
 */
export function startJobWorker<Job extends object, Out>(file: URL, options: JobWorkerOptions<Out>): JobWorker<Job, Out> | null {
  if (!import.meta.url.endsWith('.js') || !existsSync(file)) return null;
  const jobs = new Map<number, Settle<Out>>();
  let next = 0;
  let broken = false;
  const w = new Worker(file, options.workerData === undefined ? {} : { workerData: options.workerData });
  const settle = (id: number, f: (s: Settle<Out>) => void) => {
    const s = jobs.get(id);
    if (!s) return;
    jobs.delete(id);
    if (jobs.size === 0) w.unref(); // idle: never holds the process open
    f(s);
  };
  w.on('message', (m: Reply) =>
    settle(m.id, (s) => {
      const out = options.decode(m);
      if (out !== undefined) s.resolve(out);
      else s.reject(new Error(`${options.failure}: ${m.error ?? 'unknown error'}`));
    }),
  );
  // Nothing more goes to a broken worker; what it owed fails (the report is then not written).
  const fail = (e: Error) => {
    broken = true;
    for (const id of [...jobs.keys()]) settle(id, (s) => s.reject(e));
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the ${options.name} stopped (exit code ${code})`)));
  // Unreferenced only now: adding a 'message' listener references the worker again, so a worker
  // started ahead of its first job (preloaded) and never given one held the process open for ever
  // (`effekt run` with a bad spec printed its error and never exited).
  w.unref();
  return {
    get broken() {
      return broken;
    },
    async stop() {
      broken = true;
      await w.terminate();
    },
    run(job) {
      const id = next++;
      return new Promise<Out>((resolve, reject) => {
        jobs.set(id, { resolve, reject });
        if (jobs.size === 1) w.ref(); // keeps the process alive while a job is owed
        w.postMessage({ id, ...job });
      });
    },
  };
}
