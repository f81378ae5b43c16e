/**
 * The SVG worker (svg-async.ts starts it): compiles Vega-Lite specs and draws them as SVG with
 * vega on its own thread — the same code as renderSvgWithWarnings, so the same bytes — while
 * the main thread builds the next page and hands finished SVGs to the PNG worker and Chromium.
 * Messages: { id, spec } in, { id, svg, warnings } or { id, error } out, in the order received.
 */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvgWithWarnings } from './svg.ts';

interface Job {
  readonly id: number;
  readonly spec: TopLevelSpec;
}

// One chart at a time, in order: a chart's SVG is posted as soon as it is drawn.
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (job: Job) => {
  queue = queue.then(async () => {
    try {
      const { svg, warnings } = await renderSvgWithWarnings(job.spec);
      parentPort?.postMessage({ id: job.id, svg, warnings });
    } catch (e) {
      parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
});
