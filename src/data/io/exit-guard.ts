/**
 * Runs a synchronous clean-up when the process exits or is ended by SIGINT, SIGTERM or SIGHUP
 * (then dies of that signal, as it would have without the guard), so that nothing temporary is
 * left behind: a half-built output folder, a browser's profile folder, a browser.
 */
export type Cleanup = () => void;

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Installs the guard; the returned function removes it again (call it once the clean-up is no longer needed). */
export function cleanupOnExit(cleanup: Cleanup): () => void {
  const onSignal = (sig: NodeJS.Signals) => {
    cleanup();
    release();
    process.kill(process.pid, sig);
  };
  const onExit = () => cleanup();
  const handlers = SIGNALS.map((s) => [s, () => onSignal(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  process.on('exit', onExit);
  function release(): void {
    for (const [s, h] of handlers) process.removeListener(s, h);
    process.removeListener('exit', onExit);
  }
  return release;
}
