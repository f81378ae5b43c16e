/** Worker thread of readAhead: reads and validates the exports it is sent, one at a time, and posts each result. */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareFile, type ReadContext } from './prepare.ts';

const ctx = workerData as ReadContext;
parentPort?.on('message', async (m: { seq: number; file: string }) => {
  parentPort?.postMessage({ seq: m.seq, prepared: await prepareFile(m.file, ctx) });
});
