/**
 * Progress of long runs, on stderr (stdout stays the command's result):
 * - on an interactive terminal, a bar while a stage with steps runs (cli-progress), then the
 *   stage's line;
 * - otherwise (CI logs, pipes) one plain line per stage when it ends, with its time:
 *   `effekt: analysis — 12/12 done in 1.93 s`;
 * - nothing with `--quiet`.
 * A stage's `update` has the library's `onProgress(done, total)` shape.
 */
import cliProgress from 'cli-progress';
import { terminalSafe } from './terminal.ts';

export interface Stage {
  readonly update: (done: number, total: number) => void;
  /** Ends the stage and prints its line; `detail` is added after the time. */
  readonly end: (detail?: string) => void;
}

export interface Progress {
  stage(label: string): Stage;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Default: process.stderr. */
  readonly stream?: NodeJS.WriteStream;
}

const silentStage: Stage = { update: () => undefined, end: () => undefined };

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { stage: () => silentStage };
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  return {
    stage(label: string): Stage {
      const t0 = performance.now();
      let bar: cliProgress.SingleBar | null = null;
      let last: { done: number; total: number } | null = null;
      let ended = false;
      return {
        update(done: number, total: number) {
          last = { done, total };
          if (!interactive) return;
          if (bar === null) {
            bar = new cliProgress.SingleBar(
              { format: `${terminalSafe(label)} [{bar}] {percentage}% | {value}/{total}`, stream, hideCursor: true, clearOnComplete: true },
              cliProgress.Presets.shades_classic,
            );
            bar.start(total, 0);
          }
          bar.setTotal(total);
          bar.update(done);
        },
        end(detail?: string) {
          if (ended) return;
          ended = true;
          if (bar !== null) (bar as cliProgress.SingleBar).stop();
          const steps = last === null ? '' : ` ${last.done}/${last.total}`;
          stream.write(terminalSafe(`effekt: ${label}${steps} done in ${seconds(performance.now() - t0)}${detail ? ` (${detail})` : ''}\n`));
        },
      };
    },
  };
}
