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
