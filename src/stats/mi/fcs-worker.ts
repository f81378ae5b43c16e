/**
 * Helper thread of runImputations (parallel.ts): for each job, takes the next imputation k from
 * the job's shared counter until none is left, and posts each one (or its error) back on its own
 * port, then bumps the shared signal so the waiting thread wakes up.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { StatsError } from '../errors.ts';
import { imputeOne, planFcs } from './fcs.ts';
import type { HelperJob, HelperReply } from './parallel.ts';

const { port, signal: signalBuffer } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const signal = new Int32Array(signalBuffer);

function reply(message: HelperReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

parentPort?.on('message', (job: HelperJob) => {
  const counter = new Int32Array(job.counter);
  let plan: ReturnType<typeof planFcs>;
  try {
    plan = planFcs(job.data, job.predictors, { m: job.m, maxit: job.maxit, donors: job.donors, seed: job.seed });
  } catch {
    return; // the calling thread planned the same data first and threw; it takes no help then
  }
  for (let k = Atomics.add(counter, 0, 1); k < job.m; k = Atomics.add(counter, 0, 1)) {
    try {
      const values = imputeOne(plan, k);
      reply({ job: job.job, k, values }, values.map((v) => v.buffer as ArrayBuffer));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const stats = err instanceof StatsError ? { code: err.code, details: { ...err.details } } : {};
      reply({ job: job.job, k, error: { name: err.name, message: err.message, ...stats } });
    }
  }
});
