import { problemLine, shownValue } from '../../data/problems.ts';

/** Scenario problems, each naming the file, the JSON path, the value, what is allowed and the fix. */
export interface ScenarioProblem {
  readonly file: string;
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
}

export class EconomicsInputError extends Error {
  readonly problems: readonly ScenarioProblem[];
  constructor(problems: readonly ScenarioProblem[]) {
    super(problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('; '));
    this.name = 'EconomicsInputError';
    this.problems = problems;
  }

  userMessage(): string {
    const lines = this.problems.map(
      (p) => problemLine(`  ${p.file} at ${p.path || '(top level)'}: ${p.message} (value: ${shownValue(p.value)}). Fix: ${p.fix}`),
    );
    return `effekt economics: ${this.problems.length} problem(s), nothing was written:\n${lines.join('\n')}`;
  }
}
