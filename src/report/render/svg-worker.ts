/**
 * The SVG worker (svg-async.ts starts it): compiles Vega-Lite specs and draws them as SVG with
 * vega on its own thread — the same code as renderSvgWithWarnings, so the same bytes — while
 * the main thread builds the next page and hands finished SVGs to the PNG worker and Chromium.
 * Messages: { id, spec, rank? } in, { id, svg, warnings } or { id, error } out. One chart at a
 * time, the lowest rank first (absent: 0), in the order received within a rank: charts drawn
 * ahead for the second language of `effekt run` (rank 1) wait behind the first language's, even
 * those handed over later, so the first report is printed as early as it can be.
 */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvgWithWarnings } from './svg.ts';

interface Job {
  readonly id: number;
  readonly spec: TopLevelSpec;
  readonly rank?: number;
}

const waiting: Job[] = [];
let drawing = false;

parentPort?.on('message', (job: Job) => {
  waiting.push(job);
  if (!drawing) void drawAll();
});

async function drawAll(): Promise<void> {
  drawing = true;
  while (waiting.length > 0) {
    let next = 0;
    for (let i = 1; i < waiting.length; i++) if ((waiting[i].rank ?? 0) < (waiting[next].rank ?? 0)) next = i;
    const [job] = waiting.splice(next, 1);
    try {
      const { svg, warnings } = await renderSvgWithWarnings(job.spec);
      parentPort?.postMessage({ id: job.id, svg, warnings });
    } catch (e) {
      parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
    }
    // Lets the jobs posted meanwhile arrive before the next is chosen (a chart's drawing may
    // never leave the microtask queue).
    await new Promise((resolve) => setImmediate(resolve));
  }
  drawing = false;
}
