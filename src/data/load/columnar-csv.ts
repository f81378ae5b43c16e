/**
 * The fast path of the CSV reader, for the common file: UTF-8 (BOM or not), no quote character
 * anywhere, one line ending throughout (LF or CRLF), every row as many cells as the header. Such
 * a file is read straight from its bytes into columns, one pass, without a string per cell:
 * numeric columns become numbers as they are read (plain whole numbers from their digits, any
 * other text through the same parseNumber and checks as the general path); text columns keep
 * one string per distinct value seen lately (the same few levels repeat on every row).
 *
 * Windows-1252 files (Danish Excel) are transcoded to UTF-8 first (asUtf8), the text the general
 * path decodes. Anything else — quotes, a `sep=` line, UTF-16, a ragged row, a cell a column rule
 * refuses — returns null, and the caller reads the file the general way (csv-parse, read-csv.ts),
 * which finds and words every problem. So the fast path never decides what is wrong with a file;
 * it only reads files with nothing wrong, and messages stay those of the general path.
 */
import { decodeWindows1252 } from './cp1252.ts';
import { isUtf8 } from 'node:buffer';
import { looksUtf16, sniffDelimiter } from './sniff.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** How a column's cells are read. */
export type CellSink =
  /** Whole numbers written as plain digits go to `put` (when `digits`); any other text to `slow`, which returns false to give up. */
  | {
    readonly kind: 'number';
    /** Where plain whole numbers go (a Float64Array, or an array of numbers and nulls). */
    readonly out: Float64Array | (number | null)[];
    /** Plain whole numbers are read from their digits only when this is true (else all cells go to `slow`). */
    readonly digits: boolean;
    /** The allowed range of a plain whole number (−∞/∞ when open), the minimum itself excluded when `minExclusive`. */
    readonly min: number;
    readonly max: number;
    readonly minExclusive: boolean;
    readonly slow: (i: number, text: string) => boolean;
  }
  /**
   * A number that is only ever summed (an instrument item, when only the score is wanted): each
   * row's values of the sink's columns are added, in the order the columns stand in the file, to
   * `sum[i]` (as `offset − value` when `reversed`), and `answered[i]` counts them; an empty cell
   * (NaN from `slow`) adds nothing. No column is kept. `slow` reads any other text: its number,
   * NaN when empty, or null to give up.
   */
  | {
    readonly kind: 'sum';
    readonly sum: Float64Array;
    readonly answered: Int32Array;
    readonly reversed: boolean;
    readonly offset: number;
    readonly digits: boolean;
    readonly min: number;
    readonly max: number;
    readonly minExclusive: boolean;
    readonly slow: (text: string) => number | null;
  }
  /** The cell's text, trimmed as the general path trims it. */
  | { readonly kind: 'text'; readonly put: (i: number, text: string) => void };

export interface ColumnarFile {
  readonly header: readonly string[];
  /** Data rows (blank lines are skipped, as csv-parse skips them). */
  readonly n: number;
  /** Row number of each data row as Excel shows it (header = row 1): the file's line number. */
  readonly rowNumbers: number[];
}

export interface ColumnarPlan {
  /** Called with the header and the number of data rows; returns a sink per column (null = not read), or null to give up. */
  sinks(header: readonly string[], rows: number): (CellSink | null)[] | null;
}

/**
 * A few recent distinct values of a text column, each remembered by where its bytes stand in
 * the file (the file's buffer outlives the read): a repeat costs a byte compare, not a string.
 * The last value found is tried first — a participant's rows, a visit's block.
 */
class RecentText {
  private readonly at: number[] = [];
  private readonly len: number[] = [];
  private readonly text: string[] = [];
  private last = 0;
  private next = 0;
  constructor(private readonly buf: Buffer, private readonly size = 16) {}
  private same(k: number, s: number, len: number): boolean {
    if (this.len[k] !== len) return false;
    const buf = this.buf;
    const a = this.at[k];
    // The last byte first: identifiers of one width differ at their end.
    if (len > 0 && buf[a + len - 1] !== buf[s + len - 1]) return false;
    for (let q = 0; q < len; q++) if (buf[a + q] !== buf[s + q]) return false;
    return true;
  }
  get(s: number, e: number): string {
    const len = e - s;
    const n = this.at.length;
    if (n > 0 && this.same(this.last, s, len)) return this.text[this.last];
    for (let k = 0; k < n; k++) {
      if (k !== this.last && this.same(k, s, len)) {
        this.last = k;
        return this.text[k];
      }
    }
    const t = this.buf.toString('utf8', s, e).trim();
    let k: number;
    if (n < this.size) k = n;
    else {
      k = this.next;
      this.next = (this.next + 1) % this.size;
    }
    this.at[k] = s;
    this.len[k] = len;
    this.text[k] = t;
    this.last = k;
    return t;
  }
}

/** The delimiter as the general path would choose it (sniffDelimiter over the first non-empty lines). */
function delimiterOf(buf: Buffer, start: number, option: ',' | ';' | '\t' | 'auto'): ',' | ';' | '\t' {
  if (option !== 'auto') return option;
  // sniffDelimiter looks at the first 20 non-empty lines: give it whole lines, enough of them.
  let end = start;
  let lines = 0;
  while (lines < 64) {
    const k = buf.indexOf(LF, end);
    if (k < 0) {
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
function asUtf8(buf: Buffer, encoding: 'auto' | 'utf-8' | 'windows-1252'): Buffer | null {
  if (looksUtf16(buf)) return null;
  const utf8 = isUtf8(buf);
  if (encoding === 'windows-1252' && utf8) return buf.some((b) => b >= 0x80) ? null : buf;
  if (utf8) return buf;
  return encoding === 'utf-8' ? null : Buffer.from(decodeWindows1252(buf), 'utf8');
}

/**
 * Reads the file by `plan`, or returns null when the file is not one the fast path reads (see
 * above) or a sink gives up.
 */
export function readColumnar(bytes: Uint8Array, options: { readonly delimiter: ',' | ';' | '\t' | 'auto'; readonly encoding: 'auto' | 'utf-8' | 'windows-1252' }, plan: ColumnarPlan): ColumnarFile | null {
  const buf = asUtf8(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options.encoding);
  if (buf === null || buf.indexOf(QUOTE) >= 0) return null;
  let start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (buf.length - start >= 4 && buf.toString('latin1', start, start + 4).toLowerCase() === 'sep=') return null;
  // One line ending throughout: csv-parse takes the first one it meets as the record delimiter.
  const firstLf = buf.indexOf(LF, start);
  const firstCr = buf.indexOf(CR, start);
  const crlf = firstCr >= 0 && firstLf === firstCr + 1;
  if (firstCr >= 0 && !crlf) return null;
  const delimiter = delimiterOf(buf, start, options.delimiter).charCodeAt(0);

  // Lines: where each starts; the data rows are the non-empty lines after the header.
  let lineNo = 0;
  let header: string[] | null = null;
  let headerEnd = 0;
  const end = buf.length;
  // The header: the first non-empty line.
  let pos = start;
  while (pos < end && header === null) {
    let k = buf.indexOf(LF, pos);
    if (k < 0) k = end;
    lineNo++;
    const lineEnd = crlf && k < end ? k - 1 : k;
    if (crlf && k < end && buf[k - 1] !== CR) return null;
    if (crlf) {
      const c = buf.indexOf(CR, pos);
      if (c >= 0 && c < lineEnd) return null;
    }
    if (lineEnd > pos) header = buf.toString('utf8', pos, lineEnd).split(String.fromCharCode(delimiter)).map((h) => h.trim());
    pos = k + 1;
    headerEnd = pos;
  }
  if (header === null || header.length < 2) return null;
  const headerLine = lineNo;
  // Count the data rows first, so every column is allocated once at its final size.
  let rows = 0;
  for (let p = headerEnd; p < end; ) {
    let k = buf.indexOf(LF, p);
    if (k < 0) k = end;
    const lineEnd = crlf && k < end ? k - 1 : k;
    if (lineEnd > p) rows++;
    p = k + 1;
  }
  if (rows === 0) return null;
  const sinks = plan.sinks(header, rows);
  if (sinks === null) return null;
  const width = header.length;
  const recent = sinks.map((s) => (s?.kind === 'text' ? new RecentText(buf) : null));
  // Each column's reading as flat per-column arrays, so the cell loop reads one shape everywhere:
  // 0 not read, 1 text, 2 numbers into a Float64Array, 3 numbers into an array, 4 summed.
  const kind = Int8Array.from(sinks, (k) => (k === null ? 0 : k.kind === 'text' ? 1 : k.kind === 'sum' ? 4 : k.out instanceof Float64Array ? 2 : 3));
  const typed = sinks.map((k) => (k?.kind === 'number' && k.out instanceof Float64Array ? k.out : new Float64Array(0)));
  const plainOut = sinks.map((k) => (k?.kind === 'number' && !(k.out instanceof Float64Array) ? k.out : []));
  // Summed columns add into their group's running sum for the row (acc, cnt), written to the
  // group's arrays once at the end of the row: a group is the sinks sharing one `sum` array.
  const groupSum: Float64Array[] = [];
  const groupAnswered: Int32Array[] = [];
  const groupOf = Int32Array.from(sinks, (k) => {
    if (k?.kind !== 'sum') return -1;
    let g = groupSum.indexOf(k.sum);
    if (g < 0) {
      g = groupSum.push(k.sum) - 1;
      groupAnswered.push(k.answered);
    }
    return g;
  });
  const groups = groupSum.length;
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
  const rowNumbers: number[] = new Array(rows);
  lineNo = headerLine;
  let i = 0;
  pos = headerEnd;
  while (pos < end) {
    let k = buf.indexOf(LF, pos);
    if (k < 0) k = end;
    lineNo++;
    let lineEnd = k;
    if (crlf && k < end) {
      if (buf[k - 1] !== CR) return null;
      lineEnd = k - 1;
    }
    if (lineEnd === pos) {
      pos = k + 1;
      continue; // a blank line: skipped, but it is still a row in Excel
    }
    if (crlf) {
      const c = buf.indexOf(CR, pos); // bounded: every line but the last ends in CR LF
      if (c >= 0 && c < lineEnd) return null; // a CR inside a line
    }
    rowNumbers[i] = lineNo;
    let s = pos;
    let j = 0;
    while (j < width) {
      const stop = runEnd[j];
      if (stop > j) {
        // A run of one group's summed columns (not the last cell): the common item cell, empty
        // or one allowed digit, is added here; any other cell ends the run and is read below.
        // The byte after a cell that is not the line's last is the delimiter, and neither the
        // line's end (CR, LF) nor the buffer's end is, so no bound check is needed.
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
        // Text: the cell runs to the next delimiter (the line's end for the last cell).
        let e = s;
        while (e < lineEnd && buf[e] !== delimiter) e++;
        if (j === width - 1 ? e !== lineEnd : e === lineEnd) return null; // more or fewer cells than the header
        (sinks[j] as Extract<CellSink, { kind: 'text' }>).put(i, recent[j]!.get(s, e));
        s = e + 1;
        j++;
        continue;
      }
      // The cell runs to the next delimiter, or to the end of the line for the last cell; its
      // value as plain digits (optionally negative) is read on the way.
      let e = s;
      const neg = e < lineEnd && buf[e] === 0x2d;
      if (neg) e++;
      let x = 0;
      let digits = 0;
      let plain = true;
      for (; e < lineEnd; e++) {
        const b = buf[e];
        if (b === delimiter) break;
        const d = b - 0x30;
        if (d >= 0 && d <= 9) {
          x = x * 10 + d;
          digits++;
        } else plain = false;
      }
      if (j === width - 1 ? e !== lineEnd : e === lineEnd) return null; // more or fewer cells than the header
      const k = kind[j];
      if (k === 4) {
        // An empty cell is a missing item (NaN from `slow`, as blank text always is): nothing to add.
        if (e !== s) {
          let v: number;
          if (plain && digits > 0 && digits <= 15 && byDigits[j] === 1) {
            v = neg ? -x : x;
            if (!(v >= lo[j] && v <= hi[j] && !(loOpen[j] === 1 && v === lo[j]))) return null;
          } else {
            const w = (sinks[j] as Extract<CellSink, { kind: 'sum' }>).slow(buf.toString('utf8', s, e).trim());
            if (w === null) return null;
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
      } else if (k !== 0) {
        // At most 15 digits: exact as a double, and what Number() gives for the text.
        if (plain && digits > 0 && digits <= 15 && byDigits[j] === 1) {
          if (neg) x = -x;
          if (!(x >= lo[j] && x <= hi[j] && !(loOpen[j] === 1 && x === lo[j]))) return null; // out of range: the general path says so
          if (k === 2) typed[j][i] = x;
          else plainOut[j][i] = x;
        } else if (!(sinks[j] as Extract<CellSink, { kind: 'number' }>).slow(i, buf.toString('utf8', s, e).trim())) return null;
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
  return { header, n: rows, rowNumbers };
}
