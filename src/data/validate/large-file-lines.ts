/**
 * The lines of a file too large for the general reader that large-file.ts shows it: a line at a
 * byte offset, its row, the lines after it the fast path does not take either, and the file cut
 * down to the header and the lines concerned (every other line left empty, so rows keep their
 * numbers).
 */
import { readSync } from 'node:fs';
import type { TrialSpec } from '../spec/load.ts';
import { LF, type CsvLayout } from '../load/columnar-csv.ts';
import type { GaveUp } from '../load/gave-up.ts';
import { checkedChunks, fileChunks } from '../load/line-chunks.ts';
import { quotedCellEnd, unquote } from '../load/quoted-cells.ts';
import type { ColumnRule } from './column-rules.ts';
import { readPart } from './columnar-part.ts';
import { partSpecFor } from './validate-columnar.ts';

const QUOTE = 0x22;
const CR = 0x0d;

/** The line that starts at `offset` (without its line ending), and where the next one starts. */
export function lineAt(fd: number, offset: number, size: number): { line: Buffer; next: number } {
  let line = Buffer.alloc(0);
  for (let p = offset; p < size; ) {
    const more = Buffer.allocUnsafe(64 << 10);
    const got = readSync(fd, more, 0, more.length, p);
    if (got === 0) break;
    const k = more.subarray(0, got).indexOf(LF);
    line = Buffer.concat([line, more.subarray(0, k < 0 ? got : k)]);
    if (k >= 0) return { line: line.at(-1) === CR ? line.subarray(0, -1) : line, next: p + k + 1 };
    p += got;
  }
  return { line, next: size };
}

/** The row (as the general reader numbers rows: every line break counts) of the line at `offset`. */
export function rowOf(fd: number, offset: number): number {
  let row = 1;
  for (const chunk of fileChunks(fd, { start: 0, end: offset })) {
    for (let k = chunk.buf.indexOf(LF, chunk.start); k >= 0 && k < chunk.end; k = chunk.buf.indexOf(LF, k + 1)) row++;
  }
  return row;
}

/** Where row `row` (as rowOf counts) starts, or undefined past the end. */
export function offsetOfRow(fd: number, size: number, row: number): number | undefined {
  if (row <= 1) return 0;
  let r = 1;
  for (const chunk of fileChunks(fd, { start: 0, end: size })) {
    for (let k = chunk.buf.indexOf(LF, chunk.start); k >= 0 && k < chunk.end; k = chunk.buf.indexOf(LF, k + 1)) if (++r === row) return chunk.at! + k + 1;
  }
  return undefined;
}

/** Cell `j` of the line [pos, lineEnd) as the general reader gives it (unquoted, trimmed), or null. */
export function cellOf(buf: Buffer, pos: number, lineEnd: number, delimiter: number, j: number): string | null {
  let s = pos;
  for (let c = 0; ; c++) {
    let e = s;
    if (buf[s] === QUOTE) {
      e = quotedCellEnd(buf, s, lineEnd, delimiter);
      if (e < 0) return null;
    } else while (e < lineEnd && buf[e] !== delimiter) e++;
    if (c === j) return (buf[s] === QUOTE ? unquote(buf, s, e) : buf.toString('utf8', s, e)).trim();
    if (e >= lineEnd) return null;
    s = e + 1;
  }
}

/**
 * The fast path's next reasons to give up after the line at `after`, reading on from the line
 * after each line it does not take: up to `max`, ending at the first that is not such a line
 * (a cross-row problem, found once a stretch reads to the end, or a quote left open). Each
 * stretch is read from its first line on, so what it finds within it is what a whole read finds.
 */
export function moreGiveUps(fd: number, size: number, layout: CsvLayout, spec: TrialSpec, rules: readonly ColumnRule[], after: number, max: number): GaveUp[] {
  const partSpec = partSpecFor(layout, spec, rules);
  const out: GaveUp[] = [];
  if (partSpec === null) return out;
  let from = lineAt(fd, after, size).next;
  while (from < size && out.length < max) {
    const found: { why?: 'general' | 'whole'; at?: GaveUp } = {};
    const part = readPart(checkedChunks(fileChunks(fd, { start: from, end: size }), layout.crlf, spec.data.csv.encoding, found), 1024, partSpec, found);
    if (found.why === 'whole' || (part !== null && found.why === undefined) || found.at === undefined) break;
    out.push(found.at);
    if (found.at.why !== 'line' || found.at.offset === undefined) break;
    from = lineAt(fd, found.at.offset, size).next;
  }
  return out;
}

/**
 * The file with every line but the header, the lines at `offsets` and the rows of `participants`
 * (by the id cell at `idAt`) made empty: the general reader skips an empty line but counts it,
 * so every row keeps its number.
 */
export function extract(fd: number, size: number, layout: CsvLayout, idAt: number, offsets: ReadonlySet<number>, participants: ReadonlySet<string>): Buffer {
  const eol = Buffer.from(layout.crlf ? '\r\n' : '\n');
  const pieces: Buffer[] = [];
  let blank = 0;
  const flush = () => {
    if (blank > 0) pieces.push(Buffer.alloc(blank * eol.length, eol));
    blank = 0;
  };
  for (const chunk of fileChunks(fd, { start: 0, end: size })) {
    const { buf, end } = chunk;
    for (let pos = chunk.start; pos < end; ) {
      let k = buf.indexOf(LF, pos);
      if (k < 0 || k >= end) k = end;
      const at = chunk.at! + pos;
      let keep = at < layout.dataStart ? at + (k - pos) + 1 >= layout.dataStart : offsets.has(at);
      if (!keep && participants.size > 0 && at >= layout.dataStart && k > pos) {
        const id = cellOf(buf, pos, layout.crlf && buf[k - 1] === CR ? k - 1 : k, layout.delimiter, idAt);
        keep = id !== null && participants.has(id);
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
