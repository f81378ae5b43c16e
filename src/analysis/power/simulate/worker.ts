/** Worker thread of simulatePower: runs its share of the replicates and posts each record. */
import { parentPort, workerData } from 'node:worker_threads';
import { runReplicates } from './replicate.ts';
import type { SimulationJob } from './options.ts';
import { PowerInputError } from '../errors.ts';

const { job, indices } = workerData as { job: SimulationJob; indices: number[] };
try {
  await runReplicates(job, indices, (record) => parentPort?.postMessage({ type: 'record', record }));
  parentPort?.postMessage({ type: 'done' });
} catch (e) {
  // Input problems travel as data so the main thread can raise the same user-facing error.
  const problems = e instanceof PowerInputError ? e.problems : null;
  parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : 'Error', problems });
}
