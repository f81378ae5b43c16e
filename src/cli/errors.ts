/** CLI-level error handling: known input problems exit 2 with their message; anything else exits 1. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Errors that carry a user-facing message and mean "bad input" expose `userMessage()` or are CliErrors. */
interface UserFacing {
  userMessage(): string;
}

function isUserFacing(e: unknown): e is UserFacing {
  return typeof e === 'object' && e !== null && typeof (e as { userMessage?: unknown }).userMessage === 'function';
}

export function reportError(err: unknown): number {
  if (err instanceof CliError) {
    process.stderr.write(`effekt: ${err.message}\n`);
    return err.exitCode;
  }
  if (isUserFacing(err)) {
    process.stderr.write(`${err.userMessage()}\n`);
    return 2;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`effekt: unexpected error: ${e.stack ?? e.message}\n`);
  return 1;
}
