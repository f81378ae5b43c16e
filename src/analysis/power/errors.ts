import { problemLine } from '../../data/problems.ts';

/** Problems with the inputs of a power calculation that come from files (results.json, pilot data). */
export interface PowerInputProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export class PowerInputError extends Error {
  readonly problems: readonly PowerInputProblem[];
  constructor(problems: readonly PowerInputProblem[]) {
    super(problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('; '));
    this.name = 'PowerInputError';
    this.problems = problems;
  }

  userMessage(): string {
    const lines = this.problems.map((p) => problemLine(`  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}. Fix: ${p.fix}`));
    return `effekt power: ${this.problems.length} problem(s), nothing was written:\n${lines.join('\n')}`;
  }
}
