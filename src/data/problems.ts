/**
 * Input problems, reported all at once. Each names where (file; row as Excel shows it, header =
 * row 1; column; or a JSON path for spec files), the offending value, what is allowed and the
 * fix. The CLI prints `userMessage()` and exits 2 without writing anything.
 */
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

export function formatProblem(p: DataProblem): string {
  const where = [p.file, p.row !== null ? `row ${p.row}` : null, p.column !== null ? `column "${p.column}"` : null, p.path ? `at ${p.path}` : null]
    .filter(Boolean)
    .join(', ');
  const value = p.value === null ? '' : ` (value: ${JSON.stringify(p.value)})`;
  const allowed = p.allowed ? ` Allowed: ${p.allowed}.` : '';
  return `${where}: ${p.message}${value}.${allowed} Fix: ${p.fix}`;
}

export class DataValidationError extends Error {
  readonly problems: readonly DataProblem[];
  /** Problems found beyond those kept (the list is capped). */
  readonly omitted: number;
  constructor(problems: readonly DataProblem[], omitted = 0) {
    super(problems.length > 0 ? formatProblem(problems[0]) : 'invalid input');
    this.name = 'DataValidationError';
    this.problems = problems;
    this.omitted = omitted;
  }

  userMessage(): string {
    const lines = this.problems.map((p) => `  - ${formatProblem(p)}`);
    if (this.omitted > 0) lines.push(`  … and ${this.omitted} more problem(s) of the same kinds.`);
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
    if (this.items.length < this.cap) this.items.push(p);
    else this.omitted++;
  }
  get count(): number {
    return this.items.length + this.omitted;
  }
  throwIfAny(): void {
    if (this.count > 0) throw new DataValidationError(this.items, this.omitted);
  }
}
