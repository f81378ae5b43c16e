/**
 * Where and why the fast CSV path (columnar-csv.ts and validate/columnar-*.ts) left a file to the
 * general path. The general path words every problem by itself, so this is only read for a file
 * too large for the general path (validate/large-file.ts): it is the place to look, so that the
 * general reader and checks can run on a few lines of the file instead of all of it.
 * Plain data: a worker thread posts it back.
 */
import type { DataProblem } from '../problems.ts';

export interface GaveUp {
  /**
   * - layout: the header, the file's form or the spec (nothing in a particular row);
   * - line: a line the reader does not take (a cell a rule refuses, a ragged row, a misplaced
   *   quote, a stray CR), at `offset`;
   * - open-quote: a quoted cell that does not close on its line (a missing quote, or a line break
   *   inside quotes, which the fast path does not read), at `offset`, cell `cell`;
   * - participant: a row check across a participant's rows (a duplicate visit, an arm or
   *   site/strata that changes, no baseline row), or a cell of theirs (a date that is not one);
   * - problems: the fast path's own checks found these, worded by the general path's code.
   */
  readonly why: 'layout' | 'line' | 'open-quote' | 'participant' | 'problems';
  /** Where the line starts in the file's bytes (for 'line' and 'open-quote'), when the bytes read were the file's. */
  readonly offset?: number;
  /** The line's number in the part read (its first line = 1). */
  readonly line?: number;
  /** The line's row in the file, when it is known but its offset is not (a Windows-1252 file read transcoded). */
  readonly row?: number;
  /** The header position of the cell concerned, when known. */
  readonly cell?: number;
  readonly participant?: string;
  readonly problems?: readonly DataProblem[];
  readonly omitted?: number;
}

/** Records `g` in `into` (when given) and returns null: the fast path's way of giving up. */
export function giveUp(into: { at?: GaveUp } | undefined, g: GaveUp): null {
  if (into !== undefined && into.at === undefined) into.at = g;
  return null;
}
