/**
 * The m imputations of a run, computed on this thread and on helper threads at once.
 *
 * Imputation k draws only from the stream (seed, k) (see fcs.ts), so who computes it cannot change
 * its values: the result is byte-identical to the one-thread loop for any number of threads.
 * Threads take the next k from a shared counter (a slow or still-starting helper simply takes
 * fewer) and each finished imputation comes back as its own message.
 *
 * The caller stays synchronous (the analysis is a synchronous pipeline): this thread works on
 * imputations itself and, when the counter runs out, blocks on Atomics.wait until the helpers'
 * imputations have arrived, reading them with receiveMessageOnPort. Helpers are started once per
 * process, on first use, and unref'd so they never keep it alive.
 *
 * Threads: `options.threads`, else the environment variable EFFEKT_THREADS, else the machine's
 * available parallelism (at most 8). Small runs (less than MIN_PARALLEL_WORK cell updates) stay on
 * this thread: a helper's start-up would cost more than it saves.
 */
import { createHash } from 'node:crypto';
import { threadsAvailable } from '../threads.ts';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { StatsError, type StatsErrorCode } from '../errors.ts';
import { imputeOne, type FcsPlan } from './fcs.ts';

/** Cells updated (rows × imputed columns × iterations × imputations) below which one thread is used. */
export const MIN_PARALLEL_WORK = 200_000;
const MAX_THREADS = 8;

/** A job as a helper receives it: the FCS input, the settings and the shared counter of imputations. */
export interface HelperJob {
  readonly job: number;
  readonly counter: SharedArrayBuffer;
  readonly m: number;
  readonly data: FcsPlan['data'];
  readonly predictors: FcsPlan['predictors'];
  readonly maxit: number;
  readonly donors: number;
  readonly seed: number;
}

/** One imputation (or its error) as a helper sends it back. */
export interface HelperReply {
  readonly job: number;
  readonly k: number;
  readonly values?: Float64Array[];
  readonly error?: { readonly name: string; readonly message: string; readonly code?: StatsErrorCode; readonly details?: Record<string, unknown> };
}

interface Helper {
  readonly worker: Worker;
  readonly port: MessagePort;
}

let helpers: Helper[] = [];
/** Imputations the helpers computed in the last parallel run, and those this thread redid because no helper replied in time (for tests and profiling). */
export const lastParallelRun = { helperImputations: 0, recomputed: 0 };
/** Test hook: helpers' replies are ignored, as if every helper had died mid-imputation. */
export const testing = { ignoreHelpers: false };
/** Incremented by a helper after each reply it posts; this thread waits on it. */
const signal = new Int32Array(new SharedArrayBuffer(4));
let jobs = 0;

/** Threads to use (this one included) for a run; see the file comment. */
export function imputationThreads(requested?: number): number {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1) throw new StatsError('INVALID_ARGUMENT', `threads must be a positive integer, got ${requested}`);
    return Math.min(requested, MAX_THREADS);
  }
  return Math.min(threadsAvailable(), MAX_THREADS);
}

function startHelper(): Helper {
  const { port1, port2 } = new MessageChannel();
  const here = import.meta.url;
  const workerData = { port: port2, signal: signal.buffer };
  const options = { workerData, transferList: [port2] };
  const worker = here.endsWith('.ts')
    ? // From the TypeScript sources (tsx, vitest): workers do not inherit the loader, so the bootstrap registers tsx first.
      new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./fcs-worker.ts', here).href)}); })`, { ...options, eval: true })
    : new Worker(new URL('./fcs-worker.js', here), options);
  const helper = { worker, port: port1 };
  // A helper that fails to start never takes an imputation, so this thread does them all; it is dropped.
  worker.on('error', () => (helpers = helpers.filter((h) => h !== helper)));
  worker.on('exit', () => (helpers = helpers.filter((h) => h !== helper)));
  worker.unref();
  port1.unref();
  return helper;
}

function helpersFor(count: number): Helper[] {
  while (helpers.length < count) helpers.push(startHelper());
  return helpers.slice(0, count);
}

/**
 * Starts the helper threads now rather than on the first parallel run: each takes a moment to
 * load its modules, which can then overlap with reading the data. No effect with one thread.
 */
export function startHelpers(): void {
  const threads = imputationThreads();
  if (threads > 1) helpersFor(threads - 1);
}

/**
 * Ends the helper threads; a later parallel run starts new ones. For a process with no imputation
 * left to do (effekt run after its analysis): each thread's teardown then happens beside the
 * remaining work, not one after another when the process exits.
 */
export function stopHelpers(): Promise<void> {
  cancelPrefetched();
  const ending = helpers;
  helpers = [];
  return Promise.all(ending.map((h) => h.worker.terminate())).then(() => undefined);
}

function cellUpdates(plan: FcsPlan, m: number): number {
  let active = 0;
  for (const rows of plan.missing) if (rows.length > 0) active++;
  return active * plan.data.columns[0].length * plan.maxit * m;
}

function rebuild(e: NonNullable<HelperReply['error']>): Error {
  if (e.name === 'StatsError' && e.code) return new StatsError(e.code, e.message, e.details ?? {});
  return Object.assign(new Error(e.message), { name: e.name });
}

/**
 * A run handed to the helpers: its id, the shared counter of imputations and the replies that
 * arrived while this thread was not running it (a prefetched run, see prefetchImputations).
 */
interface Job {
  readonly id: number;
  readonly key: string;
  readonly m: number;
  readonly counter: Int32Array;
  readonly team: Helper[];
  readonly early: HelperReply[];
}

/** Prefetched runs not yet joined, by key (see runKey). */
const prefetched = new Map<string, Job>();

/** What identifies a run: the FCS input's bytes and settings, and m. */
function runKey(plan: FcsPlan, m: number): string {
  const h = createHash('sha256');
  const { data } = plan;
  for (const c of data.columns) h.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
  if (data.groups) h.update(new Uint8Array(data.groups.buffer, data.groups.byteOffset, data.groups.byteLength));
  h.update(JSON.stringify([data.names, data.methods, data.groups ? data.groups.length : -1, plan.predictors, plan.maxit, plan.donors, plan.seed, m]));
  return h.digest('hex');
}

function startJob(plan: FcsPlan, m: number, threads: number, key: string): Job {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const job: Job = { id: ++jobs, key, m, counter, team: helpersFor(threads - 1), early: [] };
  const message: HelperJob = { job: job.id, counter: counter.buffer as SharedArrayBuffer, m, data: plan.data, predictors: plan.predictors, maxit: plan.maxit, donors: plan.donors, seed: plan.seed };
  for (const h of job.team) h.worker.postMessage(message);
  return job;
}

function parallel(plan: FcsPlan, m: number, threads: number): boolean {
  return threads > 1 && m >= 2 && cellUpdates(plan, m) >= MIN_PARALLEL_WORK;
}

/**
 * Hands the m imputations of a run to the helper threads now, before this thread asks for them
 * (runImputations with the same input joins the run and takes what is left): the helpers impute
 * while this thread does other work. Values cannot change — imputation k depends only on
 * (seed, k) whoever computes it. No effect with one thread or a small run.
 */
export function prefetchImputations(plan: FcsPlan, m: number): void {
  if (!parallel(plan, m, imputationThreads())) return;
  const key = runKey(plan, m);
  if (!prefetched.has(key)) prefetched.set(key, startJob(plan, m, imputationThreads(), key));
}

/** Withdraws the prefetched runs nobody joined: helpers take no further imputation of them. */
export function cancelPrefetched(): void {
  for (const job of prefetched.values()) Atomics.store(job.counter, 0, job.m);
  prefetched.clear();
}

/** imputations[k] for k = 0…m − 1 (see the file comment). */
export function runImputations(plan: FcsPlan, m: number, options: { readonly threads?: number; readonly onProgress?: (done: number, total: number) => void }): Float64Array[][] {
  const out: Float64Array[][] = new Array(m);
  const threads = imputationThreads(options.threads);
  if (!parallel(plan, m, threads)) {
    for (let k = 0; k < m; k++) {
      out[k] = imputeOne(plan, k);
      options.onProgress?.(k + 1, m);
    }
    return out;
  }
  let done = 0;
  const settled = new Uint8Array(m);
  lastParallelRun.helperImputations = 0;
  lastParallelRun.recomputed = 0;
  const key = runKey(plan, m);
  const job = prefetched.get(key) ?? startJob(plan, m, threads, key);
  prefetched.delete(key);
  const { counter, team } = job;
  // Errors are kept by k: the run throws the one of the lowest k, as the one-thread loop would.
  const errors = new Map<number, Error>();
  const settle = (k: number, values: Float64Array[] | null, error: Error | null) => {
    if (settled[k]) return; // a helper's late reply to an imputation this thread already redid: the same values
    settled[k] = 1;
    if (error) errors.set(k, error);
    else out[k] = values!;
    done++; // not inside the optional call below: `f?.(++done)` skips the increment when f is undefined
    options.onProgress?.(done, m);
  };
  const take = (reply: HelperReply) => {
    if (testing.ignoreHelpers) return;
    if (!settled[reply.k]) lastParallelRun.helperImputations++;
    settle(reply.k, reply.values ?? null, reply.error ? rebuild(reply.error) : null);
  };
  for (const reply of job.early.splice(0)) take(reply);
  const byId = new Map([...prefetched.values()].map((j) => [j.id, j]));
  const drain = () => {
    for (const h of team) {
      for (let r = receiveMessageOnPort(h.port); r; r = receiveMessageOnPort(h.port)) {
        const reply = r.message as HelperReply;
        if (reply.job === job.id) take(reply);
        else byId.get(reply.job)?.early.push(reply); // a prefetched run's, kept until it is joined; else a late reply to an earlier run (its k was redone here)
      }
    }
  };
  drain();
  let ownTime = 0;
  let own = 0;
  const imputeHere = (k: number) => {
    const start = performance.now();
    let values: Float64Array[] | null = null;
    let error: Error | null = null;
    try {
      values = imputeOne(plan, k);
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    ownTime += performance.now() - start;
    own++;
    settle(k, values, error);
  };
  for (let k = Atomics.add(counter, 0, 1); k < m; k = Atomics.add(counter, 0, 1)) {
    imputeHere(k);
    drain();
  }
  // A helper that died mid-imputation (out of memory, killed) never replies, and this thread cannot
  // hear its exit event while it blocks. Imputation k depends only on (seed, k), so when no reply
  // has come for several times the time this thread takes for one, it computes the lowest missing k
  // itself — the same values; a late reply is then ignored. The wait is bounded, never endless.
  const patience = Math.max(2000, 5 * (own > 0 ? ownTime / own : 1000));
  let waitedSince = performance.now();
  while (done < m) {
    const seen = Atomics.load(signal, 0);
    const before = done;
    drain();
    if (done > before) waitedSince = performance.now();
    if (done >= m) break;
    if (performance.now() - waitedSince >= patience) {
      imputeHere(settled.indexOf(0));
      lastParallelRun.recomputed++;
      waitedSince = performance.now();
      continue;
    }
    Atomics.wait(signal, 0, seen, Math.max(1, patience - (performance.now() - waitedSince)));
  }
  if (errors.size) throw errors.get(Math.min(...errors.keys()))!;
  return out;
}
