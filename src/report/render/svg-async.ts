/**
 * renderSvgWithWarnings off the main thread, same bytes. With the compiled build (dist/), one
 * worker thread loads vega and vega-lite and draws every chart (svg-worker.ts), so the main
 * thread is free to build pages, start PNGs and feed Chromium meanwhile (24 charts of the twin's
 * two reports are ~2.4 s of vega). Run from the TypeScript sources (tsx, vitest), where a worker
 * cannot load a .ts file, the charts are drawn on this thread.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SvgResult } from './svg.ts';
import { startJobWorker, type JobWorker } from './job-worker.ts';

/** Without the worker: one chart after another on this thread, in the order asked. */
let inThread: Promise<unknown> = Promise.resolve();

export function renderSvgAsync(spec: TopLevelSpec): Promise<SvgResult> {
  const w = svgWorker();
  if (!w) {
    // vega is loaded here only then: with the worker, this thread never loads it (0.2-0.4 s).
    const r = inThread.then(async () => (await import('./svg.ts')).renderSvgWithWarnings(spec));
    inThread = r.catch(() => undefined);
    return r;
  }
  return w.run({ spec });
}

/** Starts the worker (it loads vega and vega-lite) ahead of the first chart, e.g. while the analysis runs. */
export function preloadSvgWorker(): void {
  svgWorker();
}

let worker: JobWorker<{ spec: TopLevelSpec }, SvgResult> | null | undefined;

function svgWorker(): JobWorker<{ spec: TopLevelSpec }, SvgResult> | null {
  if (worker === undefined) {
    worker = startJobWorker(new URL('./svg-worker.js', import.meta.url), {
      name: 'chart worker',
      failure: 'chart drawing failed',
      decode: (m) => (typeof m.svg === 'string' ? { svg: m.svg, warnings: Array.isArray(m.warnings) ? (m.warnings as string[]) : [] } : undefined),
    });
  }
  return worker && !worker.broken ? worker : null;
}
