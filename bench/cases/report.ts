/**
 * Report rendering on the twin's results and economics (the committed test fixtures).
 * Rendering is asynchronous (vega's toSVG) and the bench harness times synchronous calls, so
 * the work runs in a worker thread and run() blocks on an Atomics flag until the worker is
 * done: the time measured is the rendering plus one message round trip. The worker is started
 * and has loaded its modules before any case runs (awaited when this file is imported):
 * blocking the main thread while a worker loads .ts modules through tsx would deadlock.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
type Job = 'svg' | 'report';

interface Handle {
  readonly worker: Worker;
  readonly flag: Int32Array;
}

async function serve(flag: Int32Array): Promise<void> {
  const { buildCharts, chartContext, renderSvg, buildReport } = await import('../../src/report/index.ts');
  const results = JSON.parse(readFileSync(join(root, 'test/report/fixtures/results.json'), 'utf8'));
  const economics = JSON.parse(readFileSync(join(root, 'test/report/fixtures/economics.json'), 'utf8'));
  const done = () => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  parentPort!.on('message', async (job: Job | 'ready?') => {
    if (job === 'ready?') return;
    if (job === 'svg') {
      for (const c of buildCharts(chartContext(results, economics, 'da'))) await renderSvg(c.spec);
    } else {
      await buildReport(results, economics, { lang: 'da', date: '2026-11-25' });
    }
    done();
  });
  parentPort!.postMessage('ready');
}

if (!isMainThread && (workerData as { reportBench?: boolean } | null)?.reportBench) {
  await serve(new Int32Array((workerData as { sab: SharedArrayBuffer }).sab));
}

async function start(): Promise<Handle> {
  const sab = new SharedArrayBuffer(4);
  const flag = new Int32Array(sab);
  // Workers do not inherit tsx's loader hooks: the bootstrap registers tsx, then loads this file.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { reportBench: true, sab } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  worker.unref();
  return { worker, flag };
}

const names = {
  svg: 'report: all 11 charts, Vega-Lite → SVG (vega, headless)',
  report: 'report: whole Danish report in memory (11 charts → SVG + PNG, HTML page)',
} as const;
// Same filter rule as bench/run.ts: start the worker only when a report case will run.
const filter = process.argv[2] ?? '';
const handle = isMainThread && Object.values(names).some((n) => n.includes(filter)) ? await start() : null;

function run(h: Handle | null, job: Job): void {
  if (!h) throw new Error('report bench worker not started');
  Atomics.store(h.flag, 0, 0);
  h.worker.postMessage(job);
  Atomics.wait(h.flag, 0, 0, 120_000);
}

export const cases: BenchCase[] = [
  {
    name: names.svg,
    setup: () => handle,
    run: (h) => run(h as Handle | null, 'svg'),
    targetMs: 1500,
  },
  {
    name: names.report,
    setup: () => handle,
    run: (h) => run(h as Handle | null, 'report'),
    repeat: 3,
    targetMs: 1500,
  },
];
