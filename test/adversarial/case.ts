/**
 * One case of the adversarial corpus (test/adversarial/corpus/manifest.json, written by
 * scripts/make-adversarial-corpus.ts): the command to run, the files it gets, and what must hold.
 *
 * Placeholders in argv and names: {case} the case's folder (the base trial with the case's files
 * over it, in a temporary copy), {out} an output path beside it, {results} a copy of the base
 * trial's analysis folder. The pseudo-command "analyze+report" runs analyze into {out}/analysis
 * and then report (--no-pdf, English) into {out}/report.
 */
export interface Expect {
  readonly exit: number;
  /** What the message must name: a file (or option), and the row, column or JSON path. */
  readonly names?: { readonly file: string; readonly row?: number; readonly column?: string; readonly path?: string };
  /** Text that must appear in stdout or stderr (terminal-escaped as printed). */
  readonly contains?: readonly string[];
  /** Text that must not appear in stdout or stderr. */
  readonly notContains?: readonly string[];
  /** none: nothing at {out}; intact: {out} exactly as set up; written: a new output; recoverable: intact after the next run's recovery. */
  readonly output: 'none' | 'intact' | 'written' | 'recoverable';
  /** The case's input files must be byte-identical afterwards. */
  readonly inputsIntact?: boolean;
  readonly maxStderr?: number;
  readonly maxStdout?: number;
  /** Named checks of the written output (see corpus.test.ts). */
  readonly checks?: readonly string[];
}

export type Generate =
  | { readonly kind: 'big-cell'; readonly row: number; readonly column: string; readonly bytes: number; readonly char: string; readonly participant?: boolean }
  | { readonly kind: 'results'; readonly mutate: string }
  | { readonly kind: 'economics'; readonly mutate: string };

export type Setup = 'out-file' | 'out-folder' | 'tables-file' | 'user-results-csv' | 'previous' | 'previous+notes' | 'previous-economics' | 'logo';

export interface AdversarialCase {
  readonly id: string;
  readonly category: string;
  readonly title: string;
  /** Files of the case's folder (over the base trial's data.csv and spec.json). */
  readonly files: readonly string[];
  readonly argv: readonly string[];
  readonly expect: Expect;
  readonly setup?: Setup;
  readonly env?: Readonly<Record<string, string>>;
  readonly generate?: Generate;
  /** Run in a child process with a memory cap (big inputs, kill -9). */
  readonly isolate?: boolean;
}
