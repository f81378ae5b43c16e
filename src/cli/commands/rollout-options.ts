/** Options shared by the roll-out commands. */
import { CliError } from '../errors.ts';
import { printErr } from '../ui/terminal.ts';

/** --wait in seconds → milliseconds (default 10 s). */
export function waitMs(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const s = Number(value);
  if (!Number.isFinite(s) || s < 0 || s > 86_400) throw new CliError(`--wait must be a number of seconds from 0 to 86400, got "${value}"`);
  return s * 1000;
}

/** How a command opens the store: --wait, and a line on stderr when it has to wait for another process. */
export function storeOptions(wait: string | undefined): { waitMs: number; onWait: (holder: string | null) => void } {
  const ms = waitMs(wait);
  return { waitMs: ms, onWait: (holder) => printErr(`effekt: the store is in use by another effekt process${holder ? ` (${holder})` : ''}; waiting up to ${ms / 1000} s\n`) };
}
