/**
 * A file too large for the general reader (read-file.ts: GENERAL_READER_MAX_BYTES) that the fast
 * path gave back. Its problems are worded by the general reader and checks themselves, run on the
 * lines concerned only (large-file-lines.ts): the header, the line where the fast path gave up
 * (gave-up.ts) and the lines after it that it does not take either (it reads on from each, up to
 * MAX_REPORTED_PROBLEMS of them), and every row of their participants (a duplicate visit, an arm
 * that changes or a missing baseline row is only seen among them). Every other line is kept as
 * an empty line, which the general reader skips but counts, so rows are numbered as in the whole
 * file, in the messages' text too ("first seen on row …"), with nothing to translate. Checks
 * across participants' rows elsewhere in the file wait until those lines are fixed, so the
 * message says the list may not be complete.
 *
 * A quoted cell that does not close on its line (a missing quote, or a line break inside quotes,
 * which the fast path does not read) is named with its row and column and both readings.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { participantRows, type TrialSpec } from '../spec/load.ts';
import { csvLayout } from '../load/columnar-csv.ts';
import type { GaveUp } from '../load/gave-up.ts';
import { splitLine } from '../load/quoted-cells.ts';
import { GENERAL_READER_MAX_BYTES, readDataBytes, tooLargeProblem } from '../load/read-file.ts';
import { DataValidationError, MAX_REPORTED_PROBLEMS } from '../problems.ts';
import type { ColumnRule } from './column-rules.ts';
import { cellOf, extract, lineAt, moreGiveUps, offsetOfRow, rowOf } from './large-file-lines.ts';
import { validateLong } from './validate.ts';

const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en')} MB`;

/** The note on what was checked: `rows` lines the reader did not take, and `participants`' rows. */
function note(size: number, limit: number, rows: number, participants: readonly string[], capped: boolean): string {
  const who = participants.length === 1 ? `participant ${JSON.stringify(participants[0])}'s rows` : `the rows of their ${participants.length} participants`;
  const what = rows === 0 ? who : `the ${rows === 1 ? 'row' : `${rows.toLocaleString('en')} rows`} its one-pass reader could not take${capped ? ` (it stops looking after ${MAX_REPORTED_PROBLEMS})` : ''}${participants.length > 0 ? ` and ${who}` : ''}`;
  return `The file is ${mb(size)}: in a file over ${mb(limit)} effekt checks in full only ${what}, so the list may not be complete; fix these problems and validate again to find any others.`;
}

/** A quoted cell that does not close on its row: where, and both readings. */
function openQuote(file: string, row: number, column: string | null, size: number, limit: number): DataValidationError {
  return new DataValidationError([{
    file, row, column, value: null,
    message: `a quoted cell opens here and does not close on this row: either its closing quote is missing, or the cell holds a line break, which effekt reads only in files up to ${mb(limit)} (this one is ${mb(size)}; larger files are read a line at a time)`,
    allowed: 'a cell that starts with " ends with " on the same row; a quote inside it is written ""',
    fix: 'close the quote on that row, or remove line breaks from text cells before exporting (in R: gsub("[\\r\\n]+", " ", x); in Excel: find Ctrl+J, replace with a space)',
  }]);
}

/**
 * Throws the problems of `file` that made the fast path give up (`gave`), when the file is over
 * the general reader's limit (`maxBytes`, default GENERAL_READER_MAX_BYTES); returns when it is
 * not, for the general path to read it whole.
 */
export async function explainLargeFile(file: string, spec: TrialSpec, rules: readonly ColumnRule[], given: GaveUp, maxBytes?: number): Promise<void> {
  let gave = given;
  const limit = maxBytes ?? GENERAL_READER_MAX_BYTES;
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined || size <= limit) return;
  // The fast path's own checks, worded by the general path's code over the whole file: complete.
  if (gave.why === 'problems') throw new DataValidationError(gave.problems ?? [], gave.omitted ?? 0);
  // A wide file or one with a register panel is not read by the fast path at all.
  if (participantRows(spec) || spec.registerPanel !== undefined) throw new DataValidationError([tooLargeProblem(file, size, limit)]);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.allocUnsafe(Math.min(size, 1 << 20));
    const layout = csvLayout(head.subarray(0, readSync(fd, head, 0, head.length, 0)), false, spec.data.csv.delimiter);
    // A line of a file read transcoded (Windows-1252) is known by its row: the same line in the file's bytes.
    if (gave.offset === undefined && gave.row !== undefined) gave = { ...gave, offset: offsetOfRow(fd, size, gave.row) };
    if (layout === null || layout === 'more' || gave.why === 'layout' || (gave.offset === undefined && gave.participant === undefined)) {
      // Nothing in a particular row: the header checks of the general path.
      if (layout !== null && layout !== 'more') {
        const bytes = extract(fd, Math.min(size, 1 << 20), layout, -1, new Set(), new Set());
        const raw = await readDataBytes(bytes, file, spec);
        validateLong({ ...raw, rows: [], rowNumbers: [] }, spec, rules);
      }
      throw new DataValidationError([tooLargeProblem(file, size, limit)]);
    }
    const idAt = layout.header.indexOf(spec.columns.id);
    // The line given up on and those after it the reader does not take either, each with its participant.
    const gaves = [gave, ...(gave.why === 'line' && gave.offset !== undefined ? moreGiveUps(fd, size, layout, spec, rules, gave.offset, MAX_REPORTED_PROBLEMS - 1) : [])];
    const offsets = new Set<number>();
    const participants = new Set<string>();
    for (const g of gaves) {
      if (g.participant !== undefined) participants.add(g.participant);
      if (g.offset === undefined) continue;
      const { line } = lineAt(fd, g.offset, size);
      if (g.why === 'open-quote') {
        // Only the first thing found: later lines are read only up to such a quote.
        if (g === gave) throw openQuote(file, rowOf(fd, g.offset), layout.header[splitLine(line.toString('utf8'), String.fromCharCode(layout.delimiter)).open] ?? null, size, limit);
        continue;
      }
      offsets.add(g.offset);
      const id = idAt < 0 ? null : cellOf(line, 0, line.length, layout.delimiter, idAt);
      if (id !== null && id !== '') participants.add(id);
    }
    try {
      const raw = await readDataBytes(extract(fd, size, layout, idAt, offsets, participants), file, spec);
      validateLong(raw, spec, rules);
    } catch (e) {
      if (!(e instanceof DataValidationError)) throw e;
      throw new DataValidationError(e.problems, e.omitted, note(size, limit, offsets.size, [...participants], gaves.length >= MAX_REPORTED_PROBLEMS));
    }
    // The general path finds nothing wrong in those rows: a form only it reads (e.g. a carriage return inside a cell).
    throw new DataValidationError([tooLargeProblem(file, size, limit, gave.offset === undefined ? null : rowOf(fd, gave.offset))]);
  } finally {
    closeSync(fd);
  }
}
