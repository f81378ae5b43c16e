import { printErr, printLines, singleLine } from './ui/terminal.ts';

/** CLI-level error handling: known input problems exit 2 with their message; anything else exits 1. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * Errors that carry a user-facing message expose `userMessage()` or are CliErrors. They mean
 * "bad input" (exit 2) unless they carry another `exitCode` (e.g. 1: the machine could not do it).
 */
interface UserFacing {
  userMessage(): string;
  readonly exitCode?: unknown;
}

function isUserFacing(e: unknown): e is UserFacing {
  return typeof e === 'object' && e !== null && typeof (e as { userMessage?: unknown }).userMessage === 'function';
}

export function reportError(err: unknown): number {
  if (err instanceof CliError) {
    // Every bad-input message ends with what to do; one that does not say points at the help.
    const fix = /\bFix:/.test(err.message) ? '' : '. Fix: see `effekt <command> --help` for what the options take';
    printLines([`effekt: ${err.message}${fix}`], 'err');
    return err.exitCode;
  }
  if (isUserFacing(err)) {
    printErr(`${err.userMessage()}\n`);
    return typeof err.exitCode === 'number' ? err.exitCode : 2;
  }
  // A stack trace helps no user and can echo data; it is shown only when asked for.
  const e = err instanceof Error ? err : new Error(String(err));
  const debug = process.env.EFFEKT_DEBUG ? `\n${e.stack ?? ''}` : '';
  printErr(`effekt: unexpected error: ${singleLine(e.message.slice(0, 2000))}. This is a bug in effekt, not a problem with your input: please report it with the command you ran (EFFEKT_DEBUG=1 shows where it happened)${debug}\n`);
  return 1;
}
