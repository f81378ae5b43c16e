/**
 * RFC 4180 quoted cells for the fast CSV reader (columnar-csv.ts), as csv-parse reads them with
 * read-csv.ts's options: a cell that starts with `"` runs to the next `"` that is not doubled,
 * and that quote must be followed by the delimiter or the line's end; `""` inside it is one `"`;
 * the delimiter may stand inside it. A quote anywhere else (inside an unquoted cell, after a
 * closing quote) is an error csv-parse reports, so the fast path leaves such a line to it.
 *
 * A line break inside quotes is not read here: the fast path reads a file as runs of whole lines
 * (and in parts split at line breaks), so such a cell shows as a quote still open at the end of
 * its line, and the fast path gives up (validate/large-file.ts words it for a file too large for
 * the general reader).
 */

const QUOTE = 0x22;

/** The quote at `s` does not close on its line. */
export const OPEN = -1;
/** The cell's closing quote is followed by something other than the delimiter or the line's end. */
export const BAD = -2;

/**
 * For the quoted cell whose opening quote is at `s`: the index just after its closing quote
 * (the delimiter or `lineEnd`), OPEN or BAD.
 */
export function quotedCellEnd(buf: Uint8Array, s: number, lineEnd: number, delimiter: number): number {
  // A byte loop, not indexOf: cells are short, and a native call per cell cost more than the scan.
  for (let q = s + 1; q < lineEnd; q++) {
    if (buf[q] !== QUOTE) continue;
    if (q + 1 < lineEnd && buf[q + 1] === QUOTE) {
      q++; // a doubled quote: one quote in the text
      continue;
    }
    return q + 1 === lineEnd || buf[q + 1] === delimiter ? q + 1 : BAD;
  }
  return OPEN;
}

/**
 * Whether every quote of the line [pos, lineEnd) — the first at `first` — opens a quoted cell at
 * a cell's start and closes as quotedCellEnd requires: 0, or OPEN/BAD for the first that does not.
 * After this, any quote the reader meets at a cell's start opens a well-formed quoted cell, and
 * no unquoted cell holds one.
 */
export function checkLineQuotes(buf: Uint8Array, pos: number, lineEnd: number, delimiter: number, first: number): number {
  for (let q = first; q < lineEnd; q++) {
    if (buf[q] !== QUOTE) continue;
    if (q !== pos && buf[q - 1] !== delimiter) return BAD;
    const e = quotedCellEnd(buf, q, lineEnd, delimiter);
    if (e < 0) return e;
    q = e;
  }
  return 0;
}

/** The text of the quoted cell [s, e) (its quotes included): without them, each `""` as `"`. */
export function unquote(buf: Buffer, s: number, e: number): string {
  const text = buf.toString('utf8', s + 1, e - 1);
  return text.includes('"') ? text.replaceAll('""', '"') : text;
}

/**
 * A line's cells as csv-parse gives them (untrimmed), or where its quoting goes wrong: `open` /
 * `bad` is the index of the cell whose quote does not close on the line / is misplaced. For
 * the header and for words about a line, never for the rows (those are read in place).
 */
export function splitLine(line: string, delimiter: string): { cells: string[]; open: number; bad: number } {
  const buf = Buffer.from(line, 'utf8');
  const d = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let s = 0;
  for (;;) {
    let e: number;
    if (buf[s] === QUOTE) {
      e = quotedCellEnd(buf, s, buf.length, d);
      if (e === OPEN) return { cells, open: cells.length, bad: -1 };
      if (e === BAD) return { cells, open: -1, bad: cells.length };
      cells.push(unquote(buf, s, e));
    } else {
      e = buf.indexOf(d, s);
      if (e < 0) e = buf.length;
      const q = buf.indexOf(QUOTE, s);
      if (q >= 0 && q < e) return { cells, open: -1, bad: cells.length };
      cells.push(buf.toString('utf8', s, e));
    }
    if (e >= buf.length) return { cells, open: -1, bad: -1 };
    s = e + 1;
  }
}
