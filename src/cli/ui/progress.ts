/**
 * A progress bar for long runs, drawn only on an interactive terminal (never in CI, pipes or
 * library use). Returns a callback with the library's `onProgress(done, total)` shape.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  readonly update: (done: number, total: number) => void;
  readonly stop: () => void;
}

export function progressBar(label: string): Progress {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  if (!interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
