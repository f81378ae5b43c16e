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
import { inputKey, Prewarmed, type PrewarmStats } from './prewarmed.ts';

/** Without the worker: one chart after another on this thread, in the order asked. */
let inThread: Promise<unknown> = Promise.resolve();

/** Charts drawn ahead by prewarmSvg, by the spec's text (prewarmed.ts). */
const prewarmed = new Prewarmed<SvgResult>();

export function renderSvgAsync(spec: TopLevelSpec): Promise<SvgResult> {
  return prewarmed.take(() => inputKey(spec), () => drawSvg(spec));
}

/**
 * Starts drawing a chart that is likely to be asked for later (renderSvgAsync with a spec of the
 * same text takes this drawing). Only worth it with the worker (chartWorkerRunning): in-thread
 * it would draw on the thread it means to spare. The worker draws lower ranks first (charts asked
 * for, rank 0, and the first report's), in order within a rank (svg-worker.ts).
 */
export function prewarmSvg(spec: TopLevelSpec, rank = 0): Promise<SvgResult> {
  return prewarmed.add(inputKey(spec), () => drawSvg(spec, rank));
}

/** Forgets the prewarmed charts (drawings under way still finish). */
export function clearPrewarmedSvgs(): void {
  prewarmed.clear();
}

export function prewarmedSvgStats(): PrewarmStats {
  return prewarmed.stats();
}

/** Whether charts are drawn on the worker (the compiled build), not on this thread. */
export function chartWorkerRunning(): boolean {
  return svgWorker() !== null;
}

/** Stops the worker (what it owed fails); later charts are drawn on this thread. For a run that failed. */
export function stopSvgWorker(): Promise<void> {
  return worker ? worker.stop() : Promise.resolve();
}

function drawSvg(spec: TopLevelSpec, rank = 0): Promise<SvgResult> {
  const w = svgWorker();
  if (!w) {
    // vega is loaded here only then: with the worker, this thread never loads it (0.2-0.4 s).
    const r = inThread.then(async () => (await import('./svg.ts')).renderSvgWithWarnings(spec));
    inThread = r.catch(() => undefined);
    return r;
  }
  return w.run(rank === 0 ? { spec } : { spec, rank });
}

/** Starts the worker (it loads vega and vega-lite) ahead of the first chart, e.g. while the analysis runs. */
export function preloadSvgWorker(): void {
  svgWorker();
}

let worker: JobWorker<{ spec: TopLevelSpec; rank?: number }, SvgResult> | null | undefined;

function svgWorker(): JobWorker<{ spec: TopLevelSpec; rank?: number }, SvgResult> | null {
  if (worker === undefined) {
    worker = startJobWorker(new URL('./svg-worker.js', import.meta.url), {
      name: 'chart worker',
      failure: 'chart drawing failed',
      decode: (m) => (typeof m.svg === 'string' ? { svg: m.svg, warnings: Array.isArray(m.warnings) ? (m.warnings as string[]) : [] } : undefined),
    });
  }
  return worker && !worker.broken ? worker : null;
}
