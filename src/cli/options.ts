/** Parsing of numeric command-line options with errors that say what was expected. */
import { CliError } from './errors.ts';

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive whole number, got "${value}"`);
  return n;
}
