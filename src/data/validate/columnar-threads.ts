/**
 * Reads a file's parts (validate-columnar.ts cuts its data lines into byte ranges at line
 * starts): the first in this thread, the others each on a worker thread at the same time, their
 * typed arrays transferred back (not copied). A worker that cannot start or fails is replaced
 * by reading its part here, so threads change the time taken, never the result.
 */
import { closeSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { GaveUp } from '../load/gave-up.ts';
import { checkedChunks, fileChunks, rangeProblem, type ByteRange } from '../load/line-chunks.ts';
import { readPart, type PartResult, type PartSpec } from './columnar-part.ts';

type Encoding = 'auto' | 'utf-8' | 'windows-1252';

/** A part read, or why not: where the general path is to read the file, or 'whole' (read it whole and decode it, as asUtf8 does). */
export type PartRead = PartResult | GaveUp | 'whole';

/** What a worker is given. */
export interface PartJob {
  readonly file: string;
  readonly range: ByteRange;
  readonly spec: PartSpec;
  readonly encoding: Encoding;
  /** Rows to make room for at first (an estimate: more are made as needed). */
  readonly capacity: number;
  readonly chunk?: number;
}

/** Reads one part in this thread, each chunk's bytes checked before its lines are read. */
export function readRange(job: PartJob): PartRead {
  const fd = openSync(job.file, 'r');
  const found: { why?: 'general' | 'whole'; at?: GaveUp } = {};
  let part: PartResult | null;
  try {
    part = readPart(checkedChunks(fileChunks(fd, job.range, job.chunk), job.spec.layout.crlf, job.encoding, found), job.capacity, job.spec, found);
  } finally {
    closeSync(fd);
  }
  if (found.why === 'whole') return 'whole';
  if (part !== null && found.why === undefined) return part;
  // A line refused before the end of the range: a later chunk might still send the whole file to be decoded as Windows-1252 first.
  if (job.encoding !== 'utf-8' && rangeProblem(job.file, job.range, job.spec.layout.crlf, job.encoding, job.chunk) === 'whole') return 'whole';
  return found.at ?? { why: 'layout' };
}

function inWorker(job: PartJob): Promise<PartRead> {
  return new Promise((resolve) => {
    let done = false;
    const settle = (r: () => PartRead) => {
      if (done) return;
      done = true;
      resolve(r());
    };
    let worker: Worker;
    try {
      const here = import.meta.url;
      worker = here.endsWith('.ts')
        ? // From the TypeScript sources (tsx, vitest): workers do not inherit the loader, so the bootstrap registers tsx first.
          new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./columnar-worker.ts', here).href)}); })`, { eval: true, workerData: job })
        : new Worker(new URL('./columnar-worker.js', here), { workerData: job });
    } catch {
      return settle(() => readRange(job));
    }
    worker.once('message', (m: PartRead) => settle(() => m));
    worker.once('error', () => settle(() => readRange(job)));
    worker.once('exit', () => settle(() => readRange(job)));
  });
}

const isPart = (r: PartRead): r is PartResult => typeof r !== 'string' && 'rowLines' in r;

/** The parts in file order, or the first reason found not to read them ('whole' before any other: see asUtf8; then the first part's, in file order). */
export async function readFileParts(jobs: readonly PartJob[], threads = true): Promise<PartResult[] | GaveUp | 'whole'> {
  const others = jobs.slice(1).map((job) => (threads ? inWorker(job) : Promise.resolve(readRange(job))));
  const first = readRange(jobs[0]);
  const all = [first, ...(await Promise.all(others))];
  if (all.includes('whole')) return 'whole';
  const notRead = all.find((r) => !isPart(r));
  return notRead === undefined ? (all as PartResult[]) : (notRead as GaveUp);
}
