/** Parsing of numeric command-line options with errors that say what was expected. */
import { CliError } from './errors.ts';

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive whole number, got "${value}". Fix: give a whole number of 1 or more, e.g. ${name} 1000`);
  return n;
}

/** A number as typed on the command line; a share may not be given in percent (15 is not 15 %). */
export function parseNumberOption(value: string | undefined, flag: string, share = false): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  const x = Number(t);
  if (t === '' || !Number.isFinite(x)) {
    const pct = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(t);
    const fix = pct && share ? ` — give it as a share: ${Number(pct[1]) / 100}` : '';
    throw new CliError(`${flag} must be a number, got "${value}"${fix}`);
  }
  if (share && x > 1 && x <= 100) throw new CliError(`${flag} is a share between 0 and 1, got ${x}: for ${x} % write ${x / 100}`);
  return x;
}
