/**
 * renderSvgWithWarnings off the main thread, same bytes. With the compiled build (dist/), one
 * worker thread loads vega and vega-lite and draws every chart (svg-worker.ts), so the main
 * thread is free to build pages, start PNGs and feed Chromium meanwhile (24 charts of the twin's
 * two reports are ~2.4 s of vega). Run from the TypeScript sources (tsx, vitest), where a worker
 * cannot load a .ts file, the charts are drawn on this thread.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { SvgResult } from './svg.ts';

type Settle = { resolve: (r: SvgResult) => void; reject: (e: Error) => void };
const jobs = new Map<number, Settle>();
let nextJob = 0;
let worker: Worker | null | undefined;

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
  const id = nextJob++;
  return new Promise<SvgResult>((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    if (jobs.size === 1) w.ref(); // keeps the process alive while an SVG is owed
    w.postMessage({ id, spec });
  });
}

/** Starts the worker (it loads vega and vega-lite) ahead of the first chart, e.g. while the analysis runs. */
export function preloadSvgWorker(): void {
  svgWorker();
}

function settle(id: number, f: (s: Settle) => void): void {
  const s = jobs.get(id);
  if (!s) return;
  jobs.delete(id);
  if (jobs.size === 0) worker?.unref(); // idle: never holds the process open
  f(s);
}

function svgWorker(): Worker | null {
  if (worker !== undefined) return worker;
  const file = new URL('./svg-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js') || !existsSync(file)) return (worker = null);
  const w = new Worker(file);
  w.unref();
  w.on('message', (m: { id: number; svg?: string; warnings?: string[]; error?: string }) =>
    settle(m.id, (s) => (m.svg !== undefined ? s.resolve({ svg: m.svg, warnings: m.warnings ?? [] }) : s.reject(new Error(`chart drawing failed: ${m.error ?? 'unknown error'}`)))),
  );
  // Nothing more goes to a broken worker; what it owed fails (the report is then not written).
  const broken = (e: Error) => {
    if (worker === w) worker = null;
    for (const id of [...jobs.keys()]) settle(id, (s) => s.reject(e));
  };
  w.on('error', broken);
  w.on('exit', (code) => broken(new Error(`the chart worker stopped (exit code ${code})`)));
  return (worker = w);
}
