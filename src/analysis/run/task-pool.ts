/**
 * Independent tasks 0…count − 1 computed on this thread and on helper threads at once, for a
 * caller that stays synchronous (the analysis is a synchronous pipeline).
 *
 * Every thread takes the next task from one shared counter (a helper that is still loading its
 * modules simply takes fewer), so the split adapts to how fast each thread runs; with
 * `helpersOnly` the calling thread takes none and only waits (it takes them all when no helper
 * starts or takes any for a while). A helper posts
 * each finished task on its own port and bumps a shared signal; this thread, when the counter
 * has run out, blocks on Atomics.wait until every task is in, reading the replies with
 * receiveMessageOnPort. A task's value is computed by the same code from the same inputs
 * wherever it runs, so the results are the same bits as on one thread; they come back by task
 * number, never in the order they finished.
 *
 * A task that failed on a helper is computed again here (so the error thrown is this thread's
 * own, of its own class); a helper that died mid-task (out of memory, killed) never replies, and
 * this thread cannot hear its exit event while it blocks, so after waiting several times the
 * time a task takes here it computes the task itself: the wait is bounded, never endless.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** What a helper is told besides its own input: where to post, what to bump, where to take tasks. */
export interface PoolChannel {
  readonly port: MessagePort;
  /** Int32Array: incremented after each reply. */
  readonly signal: SharedArrayBuffer;
  /** Int32Array: the next task to take. */
  readonly counter: SharedArrayBuffer;
  readonly count: number;
}

/** A reply: task t's value, or that it failed (it is then computed again on the calling thread). */
export interface PoolReply {
  readonly t: number;
  readonly value?: unknown;
  readonly failed?: true;
}

/** Each task's value, or the error its computation threw (kept so the caller throws it where one thread would have). */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

interface Helper {
  readonly worker: Worker;
  /** This side of the helper's reply channel, once it was given its tasks. */
  port: MessagePort | null;
}

/** Helpers started ahead of a pool (preloadHelpers), to be given to runPool or discarded. */
export interface PreloadedHelpers {
  readonly module: URL;
  readonly helpers: Helper[];
}

/** What a helper receives as its one message: its input and the pool's channel. */
export interface HelperStart {
  readonly input: unknown;
  readonly channel: PoolChannel;
}

/** Counts of the last run (for tests and profiling). */
export const lastPoolRun = { helperTasks: 0, ownTasks: 0, recomputed: 0 };
/**
 * Test hooks: `ignoreHelpers`: helpers' replies are ignored, as if every helper had died
 * mid-task; `helperFirst`: this thread takes no task before a helper has taken one (or 60 s have
 * passed), so that small test runs exercise the helpers' path; `patience`: the wait (ms) for a
 * reply before this thread computes the task itself.
 */
export const poolTesting = { ignoreHelpers: false, helperFirst: false, patience: null as number | null };

/**
 * Starts a helper running `module` (a file next to the caller, given as its URL; from the
 * TypeScript sources the bootstrap registers tsx first, since workers do not inherit the loader).
 * It loads its modules, then waits for its HelperStart message (see begin).
 */
function startHelper(module: URL): Helper {
  const href = module.href;
  const worker = href.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(href)}); })`, { eval: true })
    : new Worker(module);
  worker.on('error', () => undefined); // a failed helper takes no task or leaves one to be redone here
  worker.unref();
  return { worker, port: null };
}

/** Gives a helper its input (structured-cloned: typed arrays on shared memory are shared, others copied) and the pool's channel. */
function begin(helper: Helper, input: unknown, channel: Omit<PoolChannel, 'port'>): void {
  const { port1, port2 } = new MessageChannel();
  const message: HelperStart = { input, channel: { ...channel, port: port2 } };
  helper.worker.postMessage(message, [port2]);
  port1.unref();
  helper.port = port1;
}

/**
 * Starts `count` helpers now, so that they load their modules while this thread prepares the
 * pool's input (e.g. builds the analysis frame); runPool takes them (`preloaded`), or
 * discardHelpers ends them.
 */
export function preloadHelpers(module: URL, count: number): PreloadedHelpers {
  const helpers: Helper[] = [];
  try {
    for (let h = 0; h < count; h++) helpers.push(startHelper(module));
  } catch {
    // No thread could start: runPool starts (or does without) its own.
  }
  return { module, helpers };
}

/** Ends preloaded helpers that no pool will use. */
export function discardHelpers(preloaded: PreloadedHelpers | null): void {
  for (const h of preloaded?.helpers.splice(0) ?? []) void h.worker.terminate();
}

export interface PoolOptions<T> {
  readonly count: number;
  /** Task t on this thread. */
  readonly compute: (t: number) => T;
  /** Helpers to start (0: everything on this thread). */
  readonly helpers: number;
  /** The helpers' module (it calls serveTasks) and its input. */
  readonly module: URL;
  readonly input: () => unknown;
  /**
   * This thread takes no task while the helpers work, only waits (default false: it takes its
   * share). For a caller whose heap is large: every garbage collection the tasks' allocations
   * trigger marks it all, so the same task costs more here than on a helper with a small heap.
   */
  readonly helpersOnly?: boolean;
  /** Helpers started ahead (preloadHelpers with the same module): used first, the rest ended. */
  readonly preloaded?: PreloadedHelpers | null;
  /** Called whenever task t is in (value or error), from this thread, in the order they arrive. */
  readonly onSettled?: (t: number) => void;
}

/** Task t's value or error for every t (see the file comment). */
export function runPool<T>(options: PoolOptions<T>): Settled<T>[] {
  const { count, compute, onSettled } = options;
  const out: Settled<T>[] = new Array(count);
  const settled = new Uint8Array(count);
  let done = 0;
  lastPoolRun.helperTasks = 0;
  lastPoolRun.ownTasks = 0;
  lastPoolRun.recomputed = 0;
  let ownTime = 0;
  const computeHere = (t: number) => {
    const start = performance.now();
    let result: Settled<T>;
    try {
      result = { ok: true, value: compute(t) };
    } catch (error) {
      result = { ok: false, error };
    }
    ownTime += performance.now() - start;
    lastPoolRun.ownTasks++;
    settle(t, result);
  };
  const settle = (t: number, result: Settled<T>) => {
    if (settled[t]) return; // a helper's late reply to a task this thread redid: the same value
    settled[t] = 1;
    out[t] = result;
    done++;
    onSettled?.(t);
  };
  const ready = options.preloaded && options.preloaded.module.href === options.module.href ? options.preloaded.helpers.splice(0) : [];
  discardHelpers(options.preloaded ?? null);
  if (options.helpers < 1 || count < 2) {
    discardHelpers({ module: options.module, helpers: ready });
    for (let t = 0; t < count; t++) computeHere(t);
    return out;
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const channel = { signal: signal.buffer as SharedArrayBuffer, counter: counter.buffer as SharedArrayBuffer, count };
  const helpers: Helper[] = [];
  const wanted = Math.min(options.helpers, options.helpersOnly ? count : count - 1);
  try {
    const input = options.input();
    while (helpers.length < wanted) {
      const h = ready.shift() ?? startHelper(options.module);
      helpers.push(h);
      begin(h, input, channel);
    }
  } catch {
    // The input cannot be sent (or no thread can start): the tasks are computed by those that started, or here.
  }
  discardHelpers({ module: options.module, helpers: ready });
  if (poolTesting.helperFirst && helpers.length > 0) for (const until = performance.now() + 60_000; Atomics.load(counter, 0) === 0 && performance.now() < until; ) Atomics.wait(signal, 0, Atomics.load(signal, 0), 20);
  const failed: number[] = [];
  const drain = () => {
    for (const h of helpers) {
      if (h.port === null) continue;
      for (let r = receiveMessageOnPort(h.port); r; r = receiveMessageOnPort(h.port)) {
        const reply = r.message as PoolReply;
        if (poolTesting.ignoreHelpers || settled[reply.t]) continue;
        if (reply.failed) failed.push(reply.t);
        else {
          lastPoolRun.helperTasks++;
          settle(reply.t, { ok: true, value: reply.value as T });
        }
      }
    }
    // Failed on a helper: computed again here, so the error is this thread's own.
    for (let t = failed.pop(); t !== undefined; t = failed.pop()) computeHere(t);
  };
  const takeAll = () => {
    for (let t = Atomics.add(counter, 0, 1); t < count; t = Atomics.add(counter, 0, 1)) {
      computeHere(t);
      drain();
    }
  };
  try {
    if (!options.helpersOnly || helpers.length === 0) takeAll();
    // How long to wait without news: for a task to be taken (helpers that never start), then
    // for a taken task's reply (several times a task's time here, or a minute when this thread
    // computed none) before computing it here.
    const own = lastPoolRun.ownTasks > 0 ? ownTime / lastPoolRun.ownTasks : null;
    const replyPatience = poolTesting.patience ?? Math.max(own === null ? 60_000 : 2000, 5 * (own ?? 0));
    const takePatience = poolTesting.patience ?? 20_000;
    let waitedSince = performance.now();
    let taken = Math.min(Atomics.load(counter, 0), count);
    while (done < count) {
      const seen = Atomics.load(signal, 0);
      const before = done;
      drain();
      const nowTaken = Math.min(Atomics.load(counter, 0), count);
      if (done > before || nowTaken > taken) waitedSince = performance.now();
      taken = nowTaken;
      if (done >= count) break;
      const patience = taken < count ? takePatience : replyPatience;
      const waited = performance.now() - waitedSince;
      if (waited >= patience) {
        if (taken < count) takeAll();
        else {
          computeHere(settled.indexOf(0));
          lastPoolRun.recomputed++;
        }
        waitedSince = performance.now();
        continue;
      }
      // Woken by a reply, or within a second to see tasks being taken.
      Atomics.wait(signal, 0, seen, Math.max(1, Math.min(1000, patience - waited)));
    }
  } finally {
    // Nothing is left for the helpers (a task they still run is not waited for).
    Atomics.store(counter, 0, count);
    for (const h of helpers) {
      h.port?.close();
      void h.worker.terminate();
    }
  }
  return out;
}

/**
 * The helper's side: takes tasks from the shared counter until none is left, posting each value
 * (or that it failed) and bumping the signal. `compute` is the same function the calling thread
 * runs for a task.
 */
export function serveTasks(channel: PoolChannel, compute: (t: number) => unknown): void {
  const signal = new Int32Array(channel.signal);
  const counter = new Int32Array(channel.counter);
  const reply = (message: PoolReply) => {
    channel.port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  for (let t = Atomics.add(counter, 0, 1); t < channel.count; t = Atomics.add(counter, 0, 1)) {
    let value: unknown;
    try {
      value = compute(t);
    } catch {
      reply({ t, failed: true });
      continue;
    }
    try {
      reply({ t, value });
    } catch {
      reply({ t, failed: true }); // a value that cannot be cloned: computed again on the calling thread
    }
  }
}
