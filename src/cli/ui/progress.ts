/**
 * Progress of long runs, on stderr (stdout stays the command's result):
 * - on an interactive terminal, a status line `effekt: <stage> …` from the moment a stage starts
 *   (with its current step when the work names one), a bar while a stage with counted steps runs
 *   (cli-progress), then the stage's line;
 * - otherwise (CI logs, pipes) one plain line per stage when it ends, with its time:
 *   `effekt: analysis 12/12 done in 1.93 s`;
 * - nothing with `--quiet`.
 * A stage's `update` has the library's `onProgress(done, total)` shape; `note` takes a named step
 * (e.g. the roll-out ingest's 'reading and validating').
 * cli-progress is loaded when the first bar is drawn, so `--quiet`, CI logs and pipes never load it.
 */
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import { singleLine, terminalSafe } from './terminal.ts';

const require = createRequire(import.meta.url);

export interface Stage {
  readonly update: (done: number, total: number) => void;
  /** Names the step the stage is at (shown on a terminal only). */
  readonly note: (step: string) => void;
  /** Ends the stage and prints its line; `detail` is added after the time. */
  readonly end: (detail?: string) => void;
}

export interface Progress {
  stage(label: string): Stage;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Default: process.stderr. */
  readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

const silentStage: Stage = { update: () => undefined, note: () => undefined, end: () => undefined };

/** Carriage return and erase line: the status line is rewritten in place. */
const CLEAR_LINE = '\r\u001b[2K';

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
      let status = false;
      const show = (text: string) => {
        if (!interactive || bar !== null || ended) return;
        // One terminal line: a long label or step is cut rather than wrapped (a wrapped line cannot be erased).
        const width = Math.max(20, ((stream as NodeJS.WriteStream).columns ?? 80) - 1);
        const safe = terminalSafe(singleLine(text));
        stream.write(`${CLEAR_LINE}${safe.length > width ? `${safe.slice(0, width - 1)}…` : safe}`);
        status = true;
      };
      const clear = () => {
        if (status) stream.write(CLEAR_LINE);
        status = false;
      };
      show(`effekt: ${label} …`);
      return {
        update(done: number, total: number) {
          last = { done, total };
          if (!interactive || ended) return;
          if (bar === null) {
            clear();
            const bars = require('cli-progress') as typeof cliProgress;
            bar = new bars.SingleBar(
              { format: `${terminalSafe(singleLine(label))} [{bar}] {percentage}% | {value}/{total}`, stream: stream as NodeJS.WriteStream, hideCursor: true, clearOnComplete: true },
              bars.Presets.shades_classic,
            );
            bar.start(total, 0);
          }
          bar.setTotal(total);
          bar.update(done);
        },
        note(step: string) {
          show(`effekt: ${label} — ${step} …`);
        },
        end(detail?: string) {
          if (ended) return;
          ended = true;
          if (bar !== null) (bar as cliProgress.SingleBar).stop();
          clear();
          const steps = last === null ? '' : ` ${last.done}/${last.total}`;
          // One line: a label holding a file name with a line break stays on it.
          stream.write(`${terminalSafe(singleLine(`effekt: ${label}${steps} done in ${seconds(performance.now() - t0)}${detail ? ` (${detail})` : ''}`))}\n`);
        },
      };
    },
  };
}
