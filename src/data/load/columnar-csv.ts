/**
 * The fast path of the CSV reader, for the common file: UTF-8 (BOM or not), one line ending
 * throughout (LF or CRLF), every row as many cells as the header, quoted cells (R's write.csv
 * quotes every text cell, Excel those holding the delimiter) only on one line (quoted-cells.ts). Such
 * a file is read straight from its bytes into columns without a string per cell: numeric columns
 * become numbers as they are read (plain whole numbers from their digits, any other text through
 * the same parseNumber and checks as the general path); text columns become codes, one string
 * per distinct value seen lately (the same few levels repeat on every row).
 *
 * The rows are read from runs of whole lines (LineChunk), so a file need not be in memory at
 * once, and a file's data lines can be read in parts (line-chunks.ts: a byte range each, on
 * their own threads) whose results are joined afterwards (validate/columnar-merge.ts).
 *
 * Windows-1252 files (Danish Excel) are transcoded to UTF-8 first (asUtf8), the text the general
 * path decodes. Anything else — a line break inside quotes, a `sep=` line, UTF-16, a ragged row,
 * a cell a column rule refuses — gives null, and the caller reads the file the general way
 * (csv-parse, read-csv.ts), which finds and words every problem. So the fast path never decides
 * what is wrong with a file; it only reads files with nothing wrong, and messages stay those of
 * the general path. Where it gave up is noted (gave-up.ts) for a file too large for the general
 * path, which is then shown only the lines concerned (validate/large-file.ts).
 */
import { decodeWindows1252 } from './cp1252.ts';
import { isUtf8 } from 'node:buffer';
import { looksUtf16, sniffDelimiter } from './sniff.ts';
import { giveUp, type GaveUp } from './gave-up.ts';
import { checkLineQuotes, OPEN, quotedCellEnd, splitLine, unquote } from './quoted-cells.ts';
import { RecentText } from './recent-text.ts';

export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
/** Bytes of Windows-1252 decoded at a time (asUtf8). */
const TRANSCODE_SLICE = 64 << 20;

/** How a column's cells are read. */
export type CellSink =
  /**
   * Numbers: whole numbers written as plain digits are read from their digits (when `digits`)
   * and kept if in range; any other text goes to `slow`, which returns its number, NaN when
   * empty, or null to give up.
   */
  | {
    readonly kind: 'number';
    /** Plain whole numbers are read from their digits only when this is true (else all cells go to `slow`). */
    readonly digits: boolean;
    /** The allowed range of a plain whole number (−∞/∞ when open), the minimum itself excluded when `minExclusive`. */
    readonly min: number;
    readonly max: number;
    readonly minExclusive: boolean;
    readonly slow: (text: string) => number | null;
  }
  /**
   * A number that is only ever summed (an instrument item, when only the score is wanted): each
   * row's values of the columns of one `group` (0, 1, …) are added, in the order the columns
   * stand in the file, to the group's sum (as `offset − value` when `reversed`), and its
   * `answered` counts them; an empty cell (NaN from `slow`) adds nothing. No column is kept.
   */
  | {
    readonly kind: 'sum';
    readonly group: number;
    readonly reversed: boolean;
    readonly offset: number;
    readonly digits: boolean;
    readonly min: number;
    readonly max: number;
    readonly minExclusive: boolean;
    readonly slow: (text: string) => number | null;
  }
  /**
   * Text as a code per row: `intern` is given the cell's text, trimmed as the general path trims
   * it, and returns its code (≥ 0), −1 for an empty cell, or −2 to give up. It is called once
   * per value that differs from the column's recent values, not once per cell.
   */
  | {
    readonly kind: 'code';
    readonly intern: (text: string) => number;
    /** Recent values remembered (default 16): 1 for identifiers, which repeat only on a participant's next rows. */
    readonly recent?: number;
  };

/** How the file's lines and cells are delimited, and where its data lines start. */
export interface CsvLayout {
  /** The delimiter's character code. */
  readonly delimiter: number;
  readonly crlf: boolean;
  readonly header: readonly string[];
  /** The header's line number (1-based; blank lines before it count, as Excel counts rows). */
  readonly headerLine: number;
  /** Where the line after the header starts, in the (UTF-8) bytes. */
  readonly dataStart: number;
}

/** Whole lines: `buf[start, end)`, where `end` is just after an LF or is the file's end. */
export interface LineChunk {
  readonly buf: Buffer;
  readonly start: number;
  readonly end: number;
  /** Where `buf[0]` stands in the file's bytes, when they are the file's (to say where a problem is). */
  readonly at?: number;
}

/** The delimiter as the general path would choose it (sniffDelimiter over the first non-empty lines), or null when `buf` (not the whole file) holds too few lines to tell. */
function delimiterOf(buf: Buffer, start: number, option: ',' | ';' | '\t' | 'auto', whole: boolean): ',' | ';' | '\t' | null {
  if (option !== 'auto') return option;
  // sniffDelimiter looks at the first 20 non-empty lines: give it whole lines, enough of them.
  let end = start;
  let lines = 0;
  while (lines < 64) {
    const k = buf.indexOf(LF, end);
    if (k < 0) {
      if (!whole) return null;
      end = buf.length;
      break;
    }
    end = k + 1;
    lines++;
  }
  return sniffDelimiter(buf.toString('utf8', start, end));
}

/**
 * The bytes as the UTF-8 of the text the general path decodes (decode.ts), or null where it
 * refuses them (it words why): UTF-8 as it is; Windows-1252 — declared, or "auto" with bytes that
 * are not UTF-8 (Danish Excel's "CSV (semikolonsepareret)") — transcoded, so the same loop reads
 * it and its cells are the same strings. UTF-8 bytes with any non-ASCII byte (a letter, a BOM)
 * declared as Windows-1252 are left to the general path, which refuses the letters and keeps
 * such a BOM as text.
 */
export function asUtf8(buf: Buffer, encoding: 'auto' | 'utf-8' | 'windows-1252', slice = TRANSCODE_SLICE): Buffer | null {
  if (looksUtf16(buf)) return null;
  const utf8 = isUtf8(buf);
  if (encoding === 'windows-1252' && utf8) return buf.some((b) => b >= 0x80) ? null : buf;
  if (utf8) return buf;
  if (encoding === 'utf-8') return null;
  // A slice at a time: one byte is one character, so any cut is a cut between characters, and a
  // registry-sized file would be a text longer than V8 makes (the process aborted at 770 MB).
  const slices: Buffer[] = [];
  for (let p = 0; p < buf.length; p += slice) slices.push(Buffer.from(decodeWindows1252(buf.subarray(p, p + slice)), 'utf8'));
  return slices.length === 1 ? slices[0] : Buffer.concat(slices);
}



/**
 * The layout of a file whose (UTF-8) bytes start with `buf` (all of them when `whole`): null
 * when the fast path does not read it (a `sep=` line, mixed line endings, a CR inside the header,
 * a header of fewer than two columns, no header), 'more' when `buf` is too short to tell.
 * Quotes and a CR after the first line are the caller's to find (line-chunks.ts scans for them).
 */
export function csvLayout(buf: Buffer, whole: boolean, delimiterOption: ',' | ';' | '\t' | 'auto'): CsvLayout | null | 'more' {
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (buf.length - start >= 4 && buf.toString('latin1', start, start + 4).toLowerCase() === 'sep=') return null;
  // One line ending throughout: csv-parse takes the first one it meets as the record delimiter.
  const firstLf = buf.indexOf(LF, start);
  if (firstLf < 0 && !whole) return 'more';
  const firstCr = buf.indexOf(CR, start);
  const crlf = firstCr >= 0 && firstLf === firstCr + 1;
  if (firstCr >= 0 && !crlf) return null;
  const d = delimiterOf(buf, start, delimiterOption, whole);
  if (d === null) return 'more';
  const delimiter = d.charCodeAt(0);
  // The header: the first non-empty line.
  let lineNo = 0;
  let pos = start;
  const end = buf.length;
  while (pos < end) {
    let k = buf.indexOf(LF, pos);
    if (k < 0) {
      if (!whole) return 'more';
      k = end;
    }
    lineNo++;
    const lineEnd = crlf && k < end ? k - 1 : k;
    if (crlf && k < end && buf[k - 1] !== CR) return null;
    if (crlf) {
      const c = buf.indexOf(CR, pos);
      if (c >= 0 && c < lineEnd) return null;
    }
    if (lineEnd > pos) {
      const line = buf.toString('utf8', pos, lineEnd);
      const cells = line.includes('"') ? splitLine(line, d) : { cells: line.split(d), open: -1, bad: -1 };
      if (cells.open >= 0 || cells.bad >= 0) return null;
      const header = cells.cells.map((h) => h.trim());
      return header.length < 2 ? null : { delimiter, crlf, header, headerLine: lineNo, dataStart: k + 1 };
    }
    pos = k + 1;
  }
  return whole ? null : 'more';
}

/** The data rows (non-empty lines) of `chunk`, as the reading loop below counts them (room to make for a part in memory). */
export function countRows(chunk: LineChunk, crlf: boolean): number {
  const { buf, end } = chunk;
  let rows = 0;
  for (let p = chunk.start; p < end; ) {
    let k = buf.indexOf(LF, p);
    if (k < 0 || k >= end) k = end;
    const lineEnd = crlf && k < end ? k - 1 : k;
    if (lineEnd > p) rows++;
    p = k + 1;
  }
  return rows;
}

/**
 * What readRows read: `n` rows; each column's values (numbers: Float64Array, NaN = empty; text:
 * Int32Array codes; null for a column not read or summed), each group's sums and counts, and
 * each row's line number counted from the part's first line (= 1). Arrays may be longer than
 * `n` (room made while reading); only their first `n` entries are the rows.
 */
export interface RowsRead {
  readonly n: number;
  /** The part's lines, blank ones too. */
  readonly lines: number;
  readonly rowLines: Int32Array;
  readonly columns: readonly (Float64Array | Int32Array | null)[];
  readonly sums: readonly { readonly sum: Float64Array; readonly answered: Int32Array }[];
}

/** `a` in a new array of `size` entries (room for more rows). */
function widened<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Gives up on the line at `pos` of a chunk whose `buf[0]` is at `at` in the file (−1: not known). A function of its own: a closure over the reading loop's variables would slow the loop. */
function lineGaveUp(gave: { at?: GaveUp } | undefined, why: 'line' | 'open-quote', at: number, pos: number, line: number, cell?: number): null {
  return giveUp(gave, { why, offset: at >= 0 ? at + pos : undefined, line, cell });
}

/**
 * Reads the data lines in `chunks` (whole lines) by `sinks`, one per column of `layout.header`
 * (null = not read), or returns null when a line is not one the fast path reads or a sink gives
 * up (noting where in `gave`). Room is made for `capacity` rows, and more as needed.
 */
export function readRows(chunks: Iterable<LineChunk>, layout: CsvLayout, sinks: readonly (CellSink | null)[], capacity: number, gave?: { at?: GaveUp }): RowsRead | null {
  const { delimiter, crlf } = layout;
  const width = layout.header.length;
  if (sinks.length !== width) return giveUp(gave, { why: 'layout' });
  let cap = Math.max(1, capacity);
  const recent = sinks.map((s) => (s?.kind === 'code' ? new RecentText(s.intern, s.recent) : null));
  // Each column's reading as flat per-column arrays, so the cell loop reads one shape everywhere:
  // 0 not read, 1 text codes, 2 numbers, 4 summed.
  const kind = Int8Array.from(sinks, (k) => (k === null ? 0 : k.kind === 'code' ? 1 : k.kind === 'sum' ? 4 : 2));
  const empty = new Float64Array(0);
  const typed = sinks.map((k) => (k?.kind === 'number' ? new Float64Array(cap) : empty));
  const codes = sinks.map((k) => (k?.kind === 'code' ? new Int32Array(cap) : new Int32Array(0)));
  // Summed columns add into their group's running sum for the row (acc, cnt), written to the
  // group's arrays once at the end of the row.
  const groupOf = Int32Array.from(sinks, (k) => (k?.kind === 'sum' ? k.group : -1));
  const groups = groupOf.reduce((m, g) => Math.max(m, g + 1), 0);
  const groupSum = Array.from({ length: groups }, () => new Float64Array(cap));
  const groupAnswered = Array.from({ length: groups }, () => new Int32Array(cap));
  const acc = new Float64Array(groups);
  const cnt = new Int32Array(groups);
  const reversed = Uint8Array.from(sinks, (k) => (k?.kind === 'sum' && k.reversed ? 1 : 0));
  const offset = Float64Array.from(sinks, (k) => (k?.kind === 'sum' ? k.offset : 0));
  const number = (k: CellSink | null) => k?.kind === 'number' || k?.kind === 'sum';
  const lo = Float64Array.from(sinks, (k) => (number(k) ? (k as { min: number }).min : 0));
  const hi = Float64Array.from(sinks, (k) => (number(k) ? (k as { max: number }).max : 0));
  const loOpen = Uint8Array.from(sinks, (k) => (number(k) && (k as { minExclusive: boolean }).minExclusive ? 1 : 0));
  const byDigits = Uint8Array.from(sinks, (k) => (number(k) && (k as { digits: boolean }).digits ? 1 : 0));
  // Where the run of summed columns of one group that column j is in ends (not counting the
  // line's last cell, whose end is the line's); 0 for any other column.
  const runEnd = new Int32Array(width);
  for (let j = width - 2; j >= 0; j--) if (kind[j] === 4) runEnd[j] = kind[j + 1] === 4 && groupOf[j + 1] === groupOf[j] && j + 1 < width - 1 ? runEnd[j + 1] : j + 1;
  // A summed column's single digits its rule allows, as bits (0 when its digits go to `slow`):
  // most of a file's cells are items of one digit, read without the general scan below.
  const oneDigit = Uint16Array.from(sinks, (k, j) => {
    let bits = 0;
    if (k?.kind === 'sum' && byDigits[j] === 1) for (let d = 0; d <= 9; d++) if (d >= lo[j] && d <= hi[j] && !(loOpen[j] === 1 && d === lo[j])) bits |= 1 << d;
    return bits;
  });
  const slow = sinks.map((k) => (k?.kind === 'number' || k?.kind === 'sum' ? k.slow : null));
  let rowLines = new Int32Array(cap);
  let lineNo = 0;
  let i = 0;
  for (const chunk of chunks) {
    const buf = chunk.buf;
    const end = chunk.end;
    const at = chunk.at ?? -1;
    let pos = chunk.start;
    // The next quote in the chunk (`end`: none): a line before it is read without a thought for quotes.
    let nextQuote = buf.indexOf(QUOTE, pos);
    if (nextQuote < 0 || nextQuote > end) nextQuote = end;
    while (pos < end) {
      let k = buf.indexOf(LF, pos);
      if (k < 0 || k >= end) k = end;
      lineNo++;
      let lineEnd = k;
      if (crlf && k < end) {
        if (buf[k - 1] !== CR) return lineGaveUp(gave, 'line', at, pos, lineNo);
        lineEnd = k - 1;
      }
      if (lineEnd === pos) {
        pos = k + 1;
        continue; // a blank line: skipped, but it is still a row in Excel
      }
      if (crlf) {
        const c = buf.indexOf(CR, pos); // bounded: every line but the last ends in CR LF
        if (c >= 0 && c < lineEnd) return lineGaveUp(gave, 'line', at, pos, lineNo); // a CR inside a line
      }
      // A line with quotes: checked whole first, so that below a quote at a cell's start always
      // opens a well-formed quoted cell, and an unquoted cell never holds one.
      const quoted = nextQuote < lineEnd;
      if (quoted) {
        const q = checkLineQuotes(buf, pos, lineEnd, delimiter, nextQuote);
        if (q !== 0) return lineGaveUp(gave, q === OPEN ? 'open-quote' : 'line', at, pos, lineNo);
        nextQuote = buf.indexOf(QUOTE, k);
        if (nextQuote < 0 || nextQuote > end) nextQuote = end;
      }
      if (i === cap) {
        // More rows than room was made for: half as much again.
        cap = Math.ceil(cap * 1.5) + 1024;
        rowLines = widened(rowLines, cap);
        for (let j = 0; j < width; j++) {
          if (kind[j] === 2) typed[j] = widened(typed[j], cap);
          else if (kind[j] === 1) codes[j] = widened(codes[j], cap);
        }
        for (let g = 0; g < groups; g++) {
          groupSum[g] = widened(groupSum[g], cap);
          groupAnswered[g] = widened(groupAnswered[g], cap);
        }
      }
      rowLines[i] = lineNo;
      let s = pos;
      let j = 0;
      while (j < width) {
        const stop = runEnd[j];
        if (stop > j) {
          // A run of one group's summed columns (not the last cell): the common item cell, empty
          // or one allowed digit, is added here; any other cell ends the run and is read below.
          // The byte after a cell that is not the line's last is the delimiter, and neither the
          // line's end (CR, LF) nor the byte after the chunk (line-chunks.ts puts an LF there, or
          // it is past the buffer's end) is, so no bound check is needed.
          const g = groupOf[j];
          let a = acc[g];
          let c = cnt[g];
          while (j < stop) {
            const b = buf[s];
            if (b === delimiter) {
              s++; // an empty cell: a missing item, nothing to add
              j++;
              continue;
            }
            const d = b - 0x30;
            if (d >= 0 && d <= 9 && buf[s + 1] === delimiter && ((oneDigit[j] >> d) & 1) === 1) {
              a += reversed[j] === 1 ? offset[j] - d : d;
              c++;
              s += 2;
              j++;
              continue;
            }
            break;
          }
          acc[g] = a;
          cnt[g] = c;
          if (j === stop) continue;
        }
        if (kind[j] === 1) {
          // Text: the cell runs to the next delimiter (the line's end for the last cell). The
          // column's last value is tried first (a participant's rows repeat most of their cells).
          const rt = recent[j]!;
          let code = rt.lastAt(buf, s, lineEnd, delimiter);
          let e: number;
          if (code !== -3) e = s + rt.lastLen();
          else {
            e = s;
            if (quoted && buf[s] === QUOTE) e = quotedCellEnd(buf, s, lineEnd, delimiter);
            else while (e < lineEnd && buf[e] !== delimiter) e++;
            code = rt.get(buf, s, e);
          }
          if (j === width - 1 ? e !== lineEnd : e === lineEnd) return lineGaveUp(gave, 'line', at, pos, lineNo); // more or fewer cells than the header
          if (code === -2) return lineGaveUp(gave, 'line', at, pos, lineNo, j);
          codes[j][i] = code;
          s = e + 1;
          j++;
          continue;
        }
        // The cell runs to the next delimiter, or to the end of the line for the last cell; its
        // value as plain digits (optionally negative) is read on the way.
        let e = s;
        let neg = false;
        let x = 0;
        let digits = 0;
        let plain = true;
        // A quoted cell's text (its quotes off) goes to `slow`: the number the general path reads from it.
        const inQuotes = quoted && buf[s] === QUOTE;
        if (inQuotes) {
          e = quotedCellEnd(buf, s, lineEnd, delimiter);
          plain = false;
        } else {
          neg = e < lineEnd && buf[e] === 0x2d;
          if (neg) e++;
          for (; e < lineEnd; e++) {
            const b = buf[e];
            if (b === delimiter) break;
            const d = b - 0x30;
            if (d >= 0 && d <= 9) {
              x = x * 10 + d;
              digits++;
            } else plain = false;
          }
        }
        if (j === width - 1 ? e !== lineEnd : e === lineEnd) return lineGaveUp(gave, 'line', at, pos, lineNo); // more or fewer cells than the header
        const kj = kind[j];
        if (kj === 4) {
          // An empty cell is a missing item (NaN from `slow`, as blank text always is): nothing to add.
          if (e !== s) {
            let v: number;
            if (plain && digits > 0 && digits <= 15 && byDigits[j] === 1) {
              v = neg ? -x : x;
              if (!(v >= lo[j] && v <= hi[j] && !(loOpen[j] === 1 && v === lo[j]))) return lineGaveUp(gave, 'line', at, pos, lineNo, j);
            } else {
              const w = slow[j]!((inQuotes ? unquote(buf, s, e) : buf.toString('utf8', s, e)).trim());
              if (w === null) return lineGaveUp(gave, 'line', at, pos, lineNo, j);
              v = w;
            }
            // The same arithmetic as scoreTrial on a kept column: `sum += rev ? lo + hi − v : v`,
            // from 0, in column order.
            if (v === v) {
              const g = groupOf[j];
              acc[g] += reversed[j] === 1 ? offset[j] - v : v;
              cnt[g]++;
            }
          }
        } else if (kj !== 0) {
          // At most 15 digits: exact as a double, and what Number() gives for the text.
          if (plain && digits > 0 && digits <= 15 && byDigits[j] === 1) {
            if (neg) x = -x;
            if (!(x >= lo[j] && x <= hi[j] && !(loOpen[j] === 1 && x === lo[j]))) return lineGaveUp(gave, 'line', at, pos, lineNo, j); // out of range: the general path says so
            typed[j][i] = x;
          } else {
            const w = slow[j]!((inQuotes ? unquote(buf, s, e) : buf.toString('utf8', s, e)).trim());
            if (w === null) return lineGaveUp(gave, 'line', at, pos, lineNo, j);
            typed[j][i] = w;
          }
        }
        s = e + 1;
        j++;
      }
      for (let g = 0; g < groups; g++) {
        groupSum[g][i] = acc[g];
        groupAnswered[g][i] = cnt[g];
        acc[g] = 0;
        cnt[g] = 0;
      }
      i++;
      pos = k + 1;
    }
  }
  return {
    n: i, lines: lineNo, rowLines,
    columns: sinks.map((k, j) => (kind[j] === 2 ? typed[j] : kind[j] === 1 ? codes[j] : null)),
    sums: groupSum.map((sum, g) => ({ sum, answered: groupAnswered[g] })),
  };
}
