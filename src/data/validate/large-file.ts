/**
 * A file too large for the general reader (read-file.ts: GENERAL_READER_MAX_BYTES) that the fast
 * path gave back. Its problem is worded by the general reader and checks themselves, run on the
 * lines concerned only: the header, the line where the fast path gave up (gave-up.ts) and every
 * row of that line's participant (a duplicate visit, an arm that changes or a missing baseline
 * row is only seen among them). Every other line is kept as an empty line, which the general
 * reader skips but counts, so rows are numbered as in the whole file, in the messages' text too
 * ("first seen on row …"), with nothing to translate. The fast path stops at the first problem,
 * so the message says it is the first found; the problems of those rows are all reported.
 *
 * A quoted cell that does not close on its line (a missing quote, or a line break inside quotes,
 * which the fast path does not read) is named with its row and column and both readings.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { participantRows, type TrialSpec } from '../spec/load.ts';
import { csvLayout, LF, type CsvLayout } from '../load/columnar-csv.ts';
import type { GaveUp } from '../load/gave-up.ts';
import { fileChunks } from '../load/line-chunks.ts';
import { splitLine } from '../load/quoted-cells.ts';
import { GENERAL_READER_MAX_BYTES, readDataBytes, tooLargeProblem } from '../load/read-file.ts';
import { DataValidationError } from '../problems.ts';
import type { ColumnRule } from './column-rules.ts';
import { validateLong } from './validate.ts';

const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en')} MB`;

/** The line that starts at `offset` (without its line ending). */
function lineAt(fd: number, offset: number, size: number): Buffer {
  let buf = Buffer.alloc(0);
  for (let p = offset; p < size; ) {
    const more = Buffer.allocUnsafe(64 << 10);
    const got = readSync(fd, more, 0, more.length, p);
    if (got === 0) break;
    const k = more.subarray(0, got).indexOf(LF);
    buf = Buffer.concat([buf, more.subarray(0, k < 0 ? got : k)]);
    if (k >= 0) break;
    p += got;
  }
  return buf.at(-1) === 0x0d ? buf.subarray(0, -1) : buf;
}

/** Lines (as the general reader counts rows: every line break) before `offset`. */
function rowOf(fd: number, offset: number): number {
  let row = 1;
  for (const chunk of fileChunks(fd, { start: 0, end: offset })) {
    for (let k = chunk.buf.indexOf(LF, chunk.start); k >= 0 && k < chunk.end; k = chunk.buf.indexOf(LF, k + 1)) row++;
  }
  return row;
}

/**
 * The file with every line but the header, the line at `offset` and the rows of `participant`
 * (by the id cell, read as the general reader reads it) made empty.
 */
function extract(fd: number, size: number, layout: CsvLayout, idAt: number, offset: number | undefined, participant: string | undefined): Buffer {
  const eol = Buffer.from(layout.crlf ? '\r\n' : '\n');
  const pieces: Buffer[] = [];
  let blank = 0;
  const flush = () => {
    if (blank > 0) pieces.push(Buffer.alloc(blank * eol.length, eol));
    blank = 0;
  };
  const delimiter = String.fromCharCode(layout.delimiter);
  const idBytes = participant === undefined ? null : Buffer.from(participant, 'utf8');
  for (const chunk of fileChunks(fd, { start: 0, end: size })) {
    const { buf, end } = chunk;
    // Only a line holding the id's bytes can be the participant's, and its id cell is read only
    // then: the next place the bytes stand (`end`: nowhere in the chunk), found once per place.
    const next = (from: number) => {
      const h = idBytes === null ? -1 : buf.indexOf(idBytes, from);
      return h < 0 || h > end ? end : h;
    };
    let hit = next(chunk.start);
    for (let pos = chunk.start; pos < end; ) {
      let k = buf.indexOf(LF, pos);
      if (k < 0 || k >= end) k = end;
      const at = chunk.at! + pos;
      let keep = at < layout.dataStart ? at + (k - pos) + 1 >= layout.dataStart : at === offset;
      if (hit < k) {
        if (!keep && at >= layout.dataStart) keep = (splitLine(buf.toString('utf8', pos, layout.crlf && k > pos && buf[k - 1] === 0x0d ? k - 1 : k), delimiter).cells[idAt] ?? '').trim() === participant;
        hit = next(k);
      }
      if (keep) {
        flush();
        pieces.push(Buffer.from(buf.subarray(pos, Math.min(k + 1, end))));
      } else if (k < end) blank++;
      pos = k + 1;
    }
  }
  flush();
  return Buffer.concat(pieces);
}

/** `e` with the note that it is the first problem found, when it is a DataValidationError. */
function firstFound(e: unknown, size: number, limit: number, participant: string | undefined, row: boolean): unknown {
  if (!(e instanceof DataValidationError)) return e;
  const whose = participant === undefined ? 'the row concerned' : `${row ? 'the row concerned and ' : ''}participant ${JSON.stringify(participant)}'s rows`;
  return new DataValidationError(e.problems, e.omitted, `The file is ${mb(size)}: in a file over ${mb(limit)} effekt stops at the first problem it finds and checks only ${whose} in full, so these are the first problem(s) found; fix them and validate again to find any others.`);
}

/**
 * Throws the problem of `file` that made the fast path give up (`gave`), when the file is over
 * the general reader's limit (`maxBytes`, default GENERAL_READER_MAX_BYTES); returns when it is
 * not, for the general path to read it whole.
 */
export async function explainLargeFile(file: string, spec: TrialSpec, rules: readonly ColumnRule[], gave: GaveUp, maxBytes?: number): Promise<void> {
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
    const idAt = layout === null || layout === 'more' ? -1 : layout.header.indexOf(spec.columns.id);
    if (layout === null || layout === 'more' || gave.why === 'layout') {
      // Nothing in a particular row: the general reader on the first lines and the header checks.
      if (layout !== null && layout !== 'more') await checkExtract(extract(fd, Math.min(size, 1 << 20), layout, idAt, undefined, undefined), file, spec, rules, true, size, limit, undefined);
      throw new DataValidationError([tooLargeProblem(file, size, limit)]);
    }
    const line = gave.offset === undefined ? null : lineAt(fd, gave.offset, size);
    const cells = line === null ? null : splitLine(line.toString('utf8'), String.fromCharCode(layout.delimiter));
    if (gave.why === 'open-quote' && cells !== null) {
      const row = rowOf(fd, gave.offset!);
      const column = layout.header[cells.open] ?? null;
      throw new DataValidationError([{
        file, row, column, value: null,
        message: `a quoted cell opens here and does not close on this row: either its closing quote is missing, or the cell holds a line break, which effekt reads only in files up to ${mb(limit)} (this one is ${mb(size)}; larger files are read a line at a time)`,
        allowed: 'a cell that starts with " ends with " on the same row; a quote inside it is written ""',
        fix: 'close the quote on that row, or remove line breaks from text cells before exporting (in R: gsub("[\\r\\n]+", " ", x); in Excel: find Ctrl+J, replace with a space)',
      }]);
    }
    const participant = gave.participant ?? (cells !== null && idAt >= 0 && cells.cells[idAt] !== undefined && cells.cells[idAt].trim() !== '' ? cells.cells[idAt].trim() : undefined);
    await checkExtract(extract(fd, size, layout, idAt, gave.offset, participant), file, spec, rules, false, size, limit, participant, gave.offset !== undefined);
    // The general path finds nothing wrong in those rows: a form only it reads (e.g. a carriage return inside a cell).
    const row = gave.offset === undefined ? null : rowOf(fd, gave.offset);
    throw new DataValidationError([tooLargeProblem(file, size, limit, row)]);
  } finally {
    closeSync(fd);
  }
}

/** The general reader and checks on `bytes` (the header only when `headerOnly`): throws what they find. */
async function checkExtract(bytes: Buffer, file: string, spec: TrialSpec, rules: readonly ColumnRule[], headerOnly: boolean, size: number, limit: number, participant: string | undefined, row = false): Promise<void> {
  try {
    const raw = await readDataBytes(bytes, file, spec);
    validateLong(headerOnly ? { ...raw, rows: [], rowNumbers: [] } : raw, spec, rules);
  } catch (e) {
    throw headerOnly && e instanceof DataValidationError ? e : firstFound(e, size, limit, participant, row);
  }
}
