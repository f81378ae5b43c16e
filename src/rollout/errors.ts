/**
 * Roll-out input problems (contract, roll-out spec, store, command options), each naming the
 * file, the JSON path or table, the value, what is wrong and the fix. The CLI prints
 * `userMessage()` and exits 2. Data-file problems use the data layer's DataValidationError, so a
 * municipal export gets exactly the messages a trial file gets.
 */
import { problemLine, shownValue } from '../data/problems.ts';

export interface RolloutProblem {
  readonly file: string;
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
}

export class RolloutInputError extends Error {
  readonly problems: readonly RolloutProblem[];
  constructor(problems: readonly RolloutProblem[]) {
    super(problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('; '));
    this.name = 'RolloutInputError';
    this.problems = problems;
  }

  userMessage(): string {
    const lines = this.problems.map((p) => {
      const value = p.value === undefined || p.value === null ? '' : ` (value: ${shownValue(p.value)})`;
      return problemLine(`  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}${value}. Fix: ${p.fix}`);
    });
    return `effekt rollout: ${this.problems.length} problem(s), nothing was changed:\n${lines.join('\n')}`;
  }
}

/** One problem, thrown. */
export function rolloutProblem(file: string, path: string, value: unknown, message: string, fix: string): RolloutInputError {
  return new RolloutInputError([{ file, path, value, message, fix }]);
}

/**
 * The store is held by another process (DuckDB allows one writer per file). Named so callers and
 * tests can tell it from bad input; the message says who holds it and what to do.
 */
export class StoreBusyError extends Error {
  readonly store: string;
  readonly holder: string | null;
  constructor(store: string, holder: string | null, waitedMs: number) {
    super(`the store ${store} is in use by another effekt process${holder ? ` (${holder})` : ''}; waited ${Math.round(waitedMs / 1000)} s`);
    this.name = 'StoreBusyError';
    this.store = store;
    this.holder = holder;
  }

  userMessage(): string {
    return `effekt rollout: StoreBusyError: ${this.message}. Nothing was changed. Fix: wait for the other command to finish and run this one again, or give --wait <seconds> to wait longer.`;
  }
}

/**
 * JSON paths of the strings (values or keys) in a contract or roll-out spec that hold a NUL
 * character. The store's SQL cannot hold one: DuckDB reads a query only up to it, so a visit id
 * "slut\u0000…" cut a quoted literal short and `rollout settle` failed with a parser error.
 */
export function pathsWithNul(value: unknown, path = ''): string[] {
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (typeof value === 'string') return value.includes('\u0000') ? [path || '(top level)'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsWithNul(v, at(i)));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k.includes('\u0000') ? [at(k)] : []), ...pathsWithNul(v, at(k))]);
}

export const NUL_MESSAGE = 'holds a NUL character (\\x00), which no text in a contract or spec may hold';
export const NUL_FIX = 'remove the NUL character (an export or editor put it there)';
