/**
 * A Chromium driven over its DevTools pipe: started with --remote-debugging-pipe, it reads
 * commands on file descriptor 3 and writes replies and events on 4, each a JSON message ended by
 * a NUL byte (the Chrome DevTools Protocol without a WebSocket or a port anyone else could use).
 *
 * Why not playwright-core, which the PDFs were printed through before: the printer needs six
 * commands, and Playwright's library costs ≈ 0.7 s of CPU to load on the main thread (a
 * multi-megabyte bundle), plus the protocol traffic of a page it instruments for testing
 * (lifecycle events, network, isolated worlds). Printing the twin's two reports in one browser:
 * 2.9–3.3 s of CPU (Chromium included, cpuacct cgroup, 8 runs) over this pipe against 4.1–5.4 s
 * through Playwright, with the same PDF bytes (src/report/render/pdf.ts gives Chromium the
 * switches and page settings Playwright gave it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cleanupOnExit } from '../../data/io/exit-guard.ts';

/** An event the browser sent: a method name, its parameters, and the page session it came from. */
export interface DevToolsEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly sessionId?: string;
}

export interface DevToolsBrowser {
  /** One protocol command (to a page when `sessionId` is given); rejects with the browser's error, or when the browser ends first. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Calls `listener` with every event until the returned function is called. */
  onEvent(listener: (event: DevToolsEvent) => void): () => void;
  /** False once the browser process has ended or the pipe has closed. */
  readonly connected: boolean;
  /** How the browser ended (e.g. "exit code 0", "signal SIGKILL"); resolves when it has. */
  readonly ended: Promise<string>;
  /** Asks the browser to close, ends it if it does not within a few seconds, and removes its folder (profile and temporary files). */
  close(): Promise<void>;
}

/** How long close() waits for Browser.close to end the process before it is killed. */
const CLOSE_GRACE_MS = 5_000;
/** How much of the browser's standard error is kept to explain a failed start. */
const STDERR_TAIL = 2_000;

/**
 * Starts the browser with a fresh folder of its own and resolves once it answers on the pipe, or
 * rejects (the process ended, or did not answer within `startTimeoutMs`) with its last words.
 */
export async function launchBrowser(executablePath: string, switches: readonly string[], options: { startTimeoutMs?: number } = {}): Promise<DevToolsBrowser> {
  // One folder for all the browser writes: its profile, and its own temporary files (TMPDIR),
  // which it otherwise makes in the user's temporary folder (org.chromium.Chromium.*) and leaves
  // there whenever it does not end normally — it crashed on some closes without a print (SIGSEGV,
  // 1 in 3 at the time), and is killed when it does not close in time or this process ends.
  const folder = mkdtempSync(join(tmpdir(), 'effekt-chromium-'));
  const [profile, scratch] = [join(folder, 'profile'), join(folder, 'tmp')];
  let child: ChildProcess;
  try {
    mkdirSync(profile);
    mkdirSync(scratch);
    child = spawn(executablePath, [...switches, `--user-data-dir=${profile}`, '--remote-debugging-pipe', '--no-startup-window'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: scratch },
      // A process group of its own (see endGroup): an ordinary (multi-process) Chromium's helper
      // processes can outlive the browser process by a moment and write into its folder after
      // the folder was removed — the test suite left an effekt-chromium-* folder in /tmp each run.
      detached: true,
    });
  } catch (e) {
    rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  const browser = connect(child, folder);
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      browser.send('Browser.getVersion'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Chromium (${executablePath}) did not answer within ${timeoutMs / 1000} s of starting`)), timeoutMs);
      }),
    ]);
    return browser;
  } catch (e) {
    await browser.close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** The protocol over the child's pipes, and its ending and clean-up (`folder`: what the browser wrote, removed once it has ended). */
function connect(child: ChildProcess, folder: string): DevToolsBrowser {
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_TAIL);
  });

  let connected = true;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void; method: string }>();
  const listeners = new Set<(event: DevToolsEvent) => void>();

  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  // Every process of the browser's group, the browser's helpers included (spawned detached: the group is the browser's pid).
  const endGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group has ended
    }
  };
  // If this process exits (or is ended by a signal) with the browser still running: end it and
  // remove its folder, as Playwright did. A browser whose pipe closes ends by itself as well.
  const releaseGuard = cleanupOnExit(() => {
    endGroup();
    removeFolder();
  });

  const ended = new Promise<string>((resolve) => {
    child.once('error', (e) => resolve(`could not be started: ${e.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  void ended.then((how) => {
    connected = false;
    const last = stderr.trim().split('\n').slice(-3).join(' | ');
    const error = new Error(`Chromium ended (${how})${last ? `: ${last}` : ''}`);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });

  // Replies and events, each ended by a NUL byte; a message may span several chunks.
  let parts: Buffer[] = [];
  fromBrowser.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
      parts.push(chunk.subarray(start, end));
      const text = Buffer.concat(parts).toString('utf8');
      parts = [];
      start = end + 1;
      dispatch(JSON.parse(text) as Message);
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  });
  fromBrowser.on('error', () => undefined); // the exit reports it
  toBrowser.on('error', () => undefined);

  type Message = { id?: number; result?: unknown; error?: { message?: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
  function dispatch(message: Message): void {
    if (message.id !== undefined) {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.error) p.reject(new Error(`Chromium: ${p.method}: ${message.error.message ?? 'failed'}`));
      else p.resolve(message.result as never);
    } else if (message.method) {
      const event: DevToolsEvent = { method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) };
      for (const l of listeners) l(event);
    }
  }

  let closing: Promise<void> | null = null;
  return {
    send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
      if (!connected) return Promise.reject(new Error(`Chromium has ended; ${method} was not sent`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (result: never) => void, reject, method });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get connected() {
      return connected;
    },
    ended,
    close: () =>
      (closing ??= (async () => {
        if (connected) {
          // Browser.close answers only as the browser goes; its reply may never come.
          void toBrowser.write(`${JSON.stringify({ id: nextId++, method: 'Browser.close', params: {} })}\0`);
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
              endGroup();
              resolve();
            }, CLOSE_GRACE_MS);
          });
          await Promise.race([ended, late]);
          clearTimeout(timer);
          await ended;
        }
        endGroup(); // helpers still ending write no more into the folder
        releaseGuard();
        removeFolder();
      })()),
  };
}
