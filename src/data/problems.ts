/**
 * Input problems, reported all at once. Each names where (file; row as Excel shows it, header =
 * row 1; column; or a JSON path for spec files), the offending value, what is allowed and the
 * fix. The CLI prints `userMessage()` and exits 2 without writing anything.
 */
import { singleLine } from './io/visible.ts';

export interface DataProblem {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  /** JSON path, for problems in a spec or plan file. */
  readonly path?: string;
  readonly value: string | null;
  readonly message: string;
  readonly allowed: string | null;
  readonly fix: string;
}

export const MAX_REPORTED_PROBLEMS = 200;

/** Longest value and text kept in a problem: a 10 MB cell is named, not copied into every message. */
export const MAX_PROBLEM_VALUE = 120;
const MAX_PROBLEM_TEXT = 600;

/** Text cut to `max` characters with a note of how long it was. */
export function clipText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length.toLocaleString('en-GB')} characters in all)`;
}

/** A problem with every text field bounded, so a hostile cell cannot make messages (or memory) huge. */
export function boundProblem(p: DataProblem): DataProblem {
  const t = (s: string | null, max: number) => (s === null ? null : clipText(s, max));
  return {
    ...p,
    file: clipText(p.file, MAX_PROBLEM_TEXT),
    column: t(p.column, MAX_PROBLEM_VALUE),
    ...(p.path === undefined ? {} : { path: clipText(p.path, MAX_PROBLEM_TEXT) }),
    value: t(p.value, MAX_PROBLEM_VALUE),
    message: clipText(p.message, MAX_PROBLEM_TEXT),
    allowed: t(p.allowed, MAX_PROBLEM_TEXT),
    fix: clipText(p.fix, MAX_PROBLEM_TEXT),
  };
}

/**
 * A problem's value as a message shows it: JSON (quotes and control characters escaped), cut to
 * MAX_PROBLEM_VALUE — a whole scenario or contract object is named by its path, not echoed.
 */
export function shownValue(v: unknown): string {
  return clipText(JSON.stringify(v) ?? String(v), MAX_PROBLEM_VALUE);
}

/** One problem of a JSON input (scenario, contract, results) as one bounded line. */
export function problemLine(text: string): string {
  return singleLine(clipText(text, MAX_PROBLEM_TEXT * 3));
}

export function formatProblem(p: DataProblem): string {
  const where = [p.file, p.row !== null ? `row ${p.row}` : null, p.column !== null ? `column "${p.column}"` : null, p.path ? `at ${p.path}` : null]
    .filter(Boolean)
    .join(', ');
  const value = p.value === null ? '' : ` (value: ${JSON.stringify(p.value)})`;
  const allowed = p.allowed ? ` Allowed: ${p.allowed}.` : '';
  // One problem, one line: a value or file name with a line break cannot print a line of its own.
  return singleLine(`${where}: ${p.message}${value}.${allowed} Fix: ${p.fix}`);
}

export class DataValidationError extends Error {
  readonly problems: readonly DataProblem[];
  /** Problems found beyond those kept (the list is capped). */
  readonly omitted: number;
  /** What the list is (e.g. only the first problem found in a very large file), said after it. */
  readonly note: string | null;
  constructor(problems: readonly DataProblem[], omitted = 0, note: string | null = null) {
    const bounded = problems.map(boundProblem);
    super(bounded.length > 0 ? formatProblem(bounded[0]) : 'invalid input');
    this.name = 'DataValidationError';
    this.problems = bounded;
    this.omitted = omitted;
    this.note = note;
  }

  userMessage(): string {
    const lines = this.problems.map((p) => `  - ${formatProblem(p)}`);
    if (this.omitted > 0) lines.push(`  … and ${this.omitted} more problem(s) of the same kinds.`);
    if (this.note !== null) lines.push(`  ${this.note}`);
    const total = this.problems.length + this.omitted;
    return `effekt: ${total} problem(s) in the input; nothing was written:\n${lines.join('\n')}`;
  }
}

/** Collects problems up to a cap and counts the rest. */
export class ProblemList {
  readonly items: DataProblem[] = [];
  omitted = 0;
  constructor(private readonly cap = MAX_REPORTED_PROBLEMS) {}
  add(p: DataProblem): void {
    if (this.items.length < this.cap) this.items.push(boundProblem(p));
    else this.omitted++;
  }
  get count(): number {
    return this.items.length + this.omitted;
  }
  throwIfAny(): void {
    if (this.count > 0) throw new DataValidationError(this.items, this.omitted);
  }
}
