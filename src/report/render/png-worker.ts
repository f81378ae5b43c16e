/**
 * The PNG worker (png.ts starts it): rasterises SVGs with resvg on its own thread — parsing,
 * text layout, raster and PNG encoding — so the main thread draws the next chart meanwhile.
 * Messages: { id, svg, scale, font } in, { id, png } or { id, error } out.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * This thread runs at the lowest priority (nice 19; Linux gives each thread its own). Nothing
 * waits for a PNG until the report's folder is written, while the chart worker's SVGs and
 * Chromium's prints are what the run waits for — and on two cores all of them, and the main
 * thread, want the CPU at once. At the lowest priority the PNGs are drawn in the time the others
 * leave: the second PDF was printed ≈ 0.2 s sooner, its PNGs drawn while it printed. The twin's
 * `effekt run`, 12 interleaved pairs: faster in 9, median 3.42 → 3.32 s; the PNGs are the same
 * bytes. The thread's id is the last part of /proc/thread-self; elsewhere nothing changes.
 */
function lowestPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
  } catch {
    // not Linux, or no /proc: the PNGs are drawn at the usual priority
  }
}
lowestPriority();

/**
 * A chart's pixmap (up to ≈ 7.5 MB at 2× zoom) and tree live in resvg's own memory, held by small
 * JavaScript objects and freed only when a garbage collection finds those dead. This thread makes
 * almost no JavaScript garbage, so no collection came: each PNG left ≈ 8.5 MB behind, and the next
 * drew into fresh memory the system had to fault in and zero (the twin's run: 67 huge pages,
 * ≈ 134 MB; now 16, ≈ 32 MB). A minor collection after each PNG (a fraction of a millisecond on
 * this small heap) lets resvg reuse the same memory. `gc` is reached the way leak detectors reach
 * it: --expose-gc set at run time applies to contexts made afterwards (V8 flags are per process;
 * effekt makes no other vm contexts).
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;

interface Job {
  readonly id: number;
  readonly svg: string;
  readonly scale: number;
  /** The fonts for this SVG (png.ts fontsFor: the build's DejaVu subsets when they cover its text). */
  readonly font: ResvgRenderOptions['font'];
}

/**
 * Jobs are drawn one per turn of the event loop: the finalizers that hand resvg's memory back run
 * on a later turn than the collection that finds their objects dead, and a burst of queued
 * messages would otherwise all be drawn before any of them ran.
 */
const queue: Job[] = [];
let draining = false;

parentPort?.on('message', (job: Job) => {
  queue.push(job);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
    draw(job);
    collect({ type: 'minor' });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  draining = false;
}

function draw({ id, svg, scale, font }: Job): void {
  try {
    // A copy the worker owns, so its memory can be handed over rather than copied again.
    const png = new Uint8Array(new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', font }).render().asPng());
    parentPort?.postMessage({ id, png }, [png.buffer]);
  } catch (e) {
    parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
}
