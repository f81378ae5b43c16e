/**
 * A byte range of a file as runs of whole lines, read into one reused buffer: the fast CSV
 * reader (columnar-csv.ts) then never holds the whole file (807 MB at 10⁶ participants × 3
 * visits), and the file's pages are not all faulted in at once (readFileSync of that file cost
 * ≈ 1 s of system time). A range can start anywhere after an LF, so a file can be read in parts.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { CR, LF, type LineChunk } from './columnar-csv.ts';
import type { GaveUp } from './gave-up.ts';

type Encoding = 'auto' | 'utf-8' | 'windows-1252';

/** Bytes read at a time; a longer line widens the buffer. */
const CHUNK = 8 << 20;

/** Where a part of a file's data lines stands: bytes [start, end), end just after an LF or the file's end. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The lines of `range` of the open file `fd`, a buffer-full at a time. The buffer is reused:
 * a chunk is valid until the next is asked for. Every chunk but the last ends with an LF; the
 * byte after the last is set to LF, so the reader's item loop, which reads one byte past a cell
 * without a bound check, stops there on a last line without one.
 */
export function* fileChunks(fd: number, range: ByteRange, chunk = CHUNK): Generator<LineChunk> {
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunk, range.end - range.start)) + 1);
  let carry = 0;
  let pos = range.start;
  while (pos < range.end || carry > 0) {
    const want = Math.min(buf.length - 1 - carry, range.end - pos);
    const got = want > 0 ? readSync(fd, buf, carry, want, pos) : 0;
    pos += got;
    const end = carry + got;
    if (got === 0 || pos >= range.end) {
      // The range's last lines (a file that shrank while being read ends here too; its rows no longer match their count).
      buf[end] = LF;
      yield { buf, start: 0, end, at: pos - end };
      return;
    }
    const last = buf.lastIndexOf(LF, end - 1);
    if (last < 0) {
      // A line longer than the buffer: widen it and read on.
      const wider = Buffer.allocUnsafe(2 * buf.length);
      buf.copy(wider, 0, 0, end);
      buf = wider;
      carry = end;
      continue;
    }
    yield { buf, start: 0, end: last + 1, at: pos - end };
    // The partial line after the last LF is carried to the front, for the next read to complete.
    buf.copyWithin(0, last + 1, end);
    carry = end - (last + 1);
  }
}

/** Why the fast path does not read a file: 'general' (the general path reads it), 'whole' (read it whole and decode it as asUtf8 does). */
export type NotFast = 'general' | 'whole';

/**
 * What the fast path needs of a chunk's bytes, or why not: no CR in an LF file ('general'; quotes
 * are read line by line, columnar-csv.ts); UTF-8 for "utf-8" and "auto", ASCII for "windows-1252" — otherwise the
 * file is read whole and decoded as today (asUtf8: 'whole'), which a chunk alone cannot decide.
 * Chunks end after an LF, which no multi-byte character contains, so the chunks are all UTF-8
 * exactly when the file is.
 */
export function chunkProblem(chunk: LineChunk, crlf: boolean, encoding: Encoding): NotFast | null {
  const bytes = chunk.buf.subarray(chunk.start, chunk.end);
  if (encoding === 'windows-1252' ? !isAscii(bytes) : !isUtf8(bytes)) return encoding === 'utf-8' ? 'general' : 'whole';
  if (!crlf && bytes.indexOf(CR) >= 0) return 'general';
  return null;
}

/** Where the first line of `buf[start, end)` that is not UTF-8 starts, or −1. */
export function firstLineNotUtf8(buf: Buffer, start: number, end: number): number {
  if (isUtf8(buf.subarray(start, end))) return -1;
  for (let p = start; p < end; ) {
    let k = buf.indexOf(LF, p);
    if (k < 0 || k >= end) k = end;
    if (!isUtf8(buf.subarray(p, k))) return p;
    p = k + 1;
  }
  return -1;
}

/**
 * Where the first problem of chunkProblem ('general') is: the first line that is not UTF-8 (of a
 * file declared UTF-8: the general reader names its row and column), else the line of the first
 * CR of an LF file.
 */
function chunkGaveUp(chunk: LineChunk, crlf: boolean): GaveUp {
  const { buf, start, end, at } = chunk;
  if (at === undefined) return { why: 'layout' };
  const bad = firstLineNotUtf8(buf, start, end);
  if (bad >= 0) return { why: 'line', offset: at + bad };
  const cr = crlf ? -1 : buf.subarray(start, end).indexOf(CR);
  if (cr < 0) return { why: 'layout' };
  return { why: 'line', offset: at + Math.max(start, buf.lastIndexOf(LF, start + cr) + 1) };
}

/** The chunks, each checked by chunkProblem before it is handed on; the first problem ends them and is kept in `found` (with where it is, for 'general'). */
export function* checkedChunks(chunks: Iterable<LineChunk>, crlf: boolean, encoding: Encoding, found: { why?: NotFast; at?: GaveUp }): Generator<LineChunk> {
  for (const chunk of chunks) {
    const why = chunkProblem(chunk, crlf, encoding);
    if (why !== null) {
      found.why = why;
      if (why === 'general') found.at = chunkGaveUp(chunk, crlf);
      return;
    }
    yield chunk;
  }
}

/** Whether any chunk of `range` would send the whole file elsewhere: 'whole' first (decoding comes before any other reading), then 'general'. */
export function rangeProblem(file: string, range: ByteRange, crlf: boolean, encoding: Encoding, chunkBytes?: number): NotFast | null {
  const fd = openSync(file, 'r');
  try {
    let found: NotFast | null = null;
    for (const chunk of fileChunks(fd, range, chunkBytes)) {
      const why = chunkProblem(chunk, crlf, encoding);
      if (why === 'whole') return why;
      found ??= why;
    }
    return found;
  } finally {
    closeSync(fd);
  }
}
