/**
 * CSV → RawTable for the dialects municipalities' Excel exports use: `,` or `;` (or tab),
 * UTF-8 with or without BOM or Windows-1252 (decode.ts), LF or CRLF, and Excel's optional
 * `sep=;` first line (which Excel hides: the header is still row 1). Problems name the row as
 * Excel shows it: an unmatched quote is reported where the quoted cell opens, not where the
 * parser ran out of file.
 */
import { parse } from 'csv-parse/sync';
import { DataValidationError } from '../problems.ts';
import type { RawTable } from './raw-table.ts';
import { sniffDelimiter } from './sniff.ts';
import { decodeCsv, type Encoding } from './decode.ts';

export interface CsvReadOptions {
  readonly delimiter: ',' | ';' | '\t' | 'auto';
  readonly encoding: Encoding;
}

type Delimiter = ',' | ';' | '\t';

/** Excel's "sep=;" line: the delimiter it names, and the text after it. */
function excelSepLine(text: string): { delimiter: Delimiter | null; rest: string; bad: string | null } | null {
  const m = /^sep=(.?)[ \t]*\r?\n/i.exec(text);
  if (!m) return null;
  const d = m[1];
  const rest = text.slice(m[0].length);
  return d === ',' || d === ';' || d === '\t' ? { delimiter: d, rest, bad: null } : { delimiter: null, rest, bad: d };
}

/**
 * Where quoting goes wrong: the line on which the quoted cell that never closes (or that runs
 * over more than `maxLines` lines) opens. Quotes count only at the start of a cell, as in CSV.
 */
export function findOpenQuote(text: string, delimiter: string, maxLines = 1): { line: number; closesAt: number | null } | null {
  let line = 1;
  let inQuotes = false;
  let openLine = 0;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else {
          inQuotes = false;
          if (line - openLine >= maxLines) return { line: openLine, closesAt: line };
        }
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      inQuotes = true;
      openLine = line;
      continue;
    }
    if (ch === '\n') {
      line++;
      atCellStart = true;
    } else atCellStart = ch === delimiter || (ch === '\r' && text[i + 1] === '\n');
  }
  return inQuotes ? { line: openLine, closesAt: null } : null;
}

/** Line breaks as csv-parse counts them (CRLF, LF or a lone CR). */
const breaks = (s: string) => (s.match(/\r\n|\n|\r/g) ?? []).length;

/**
 * The row Excel shows for each record: a record is one row however many lines its quoted cells
 * span, and each blank line before it (skipped here) is an empty row. Counted from the raw
 * text of each record, not csv-parse's line count (which counts a CRLF inside quotes twice).
 */
function excelRowNumbers(records: readonly { raw: string }[]): number[] {
  let row = 0;
  return records.map((r) => {
    const blank = /^(\r\n|\n|\r)*/.exec(r.raw)![0];
    row += 1 + (blank.match(/\r\n|\n|\r/g) ?? []).length;
    return row;
  });
}

/** A quoted cell that swallowed rows: it holds line breaks and delimiters (a quote left open by mistake). */
function runawayCell(records: readonly { record: string[] }[], rows: readonly number[], delimiter: string): { row: number; lines: number } | null {
  for (let i = 0; i < records.length; i++) {
    for (const cell of records[i].record) {
      // Almost no cell holds a line break: test for one before counting with a regular expression.
      if (!cell.includes('\n') && !cell.includes('\r')) continue;
      const n = (cell.match(/\r\n|\n|\r/g) ?? []).length;
      if (n >= 2 && cell.includes(delimiter)) return { row: rows[i], lines: n + 1 };
    }
  }
  return null;
}

const cut = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function readCsv(bytes: Uint8Array, file: string, options: CsvReadOptions): RawTable {
  let text = decodeCsv(bytes, file, options.encoding).text.replace(/^\uFEFF/, '');
  let delimiter: Delimiter = options.delimiter === 'auto' ? sniffDelimiter(text) : options.delimiter;
  const sep = excelSepLine(text);
  if (sep) {
    if (sep.bad !== null) {
      throw new DataValidationError([{ file, row: null, column: null, value: `sep=${sep.bad}`, message: 'the first line names a delimiter effekt does not read', allowed: 'sep=; or sep=, or sep=<tab>', fix: 'save the file again with ";" or "," as delimiter' }]);
    }
    text = sep.rest;
    delimiter = sep.delimiter!;
  }
  let records: { record: string[]; raw: string }[];
  try {
    // raw: each record's text, for the row Excel shows (excelRowNumbers). No `info`: nothing reads
    // it, and building it for every record was a tenth of reading a registry-sized file.
    records = parse(text, { delimiter, raw: true, skip_empty_lines: true, relax_column_count: true, trim: false, bom: true }) as unknown as { record: string[]; raw: string }[];
  } catch (e) {
    const err = e as { message: string; code?: string; lines?: number };
    const open = findOpenQuote(text, delimiter);
    if (open && /QUOTE/.test(err.code ?? '')) {
      throw new DataValidationError([
        { file, row: open.line, column: null, value: null, message: open.closesAt === null ? 'a quoted cell opens on this row and is never closed' : `a quoted cell opens on this row and runs on to row ${open.closesAt}`, allowed: `cells separated by "${delimiter}"; a cell that starts with " ends with "; a quote inside it is written ""`, fix: 'close the quote on that row, or double the quote ("") if it is part of the text' },
      ]);
    }
    throw new DataValidationError([
      { file, row: err.lines ?? null, column: null, value: null, message: `cannot be read as CSV (${cut(err.message, 200)})`, allowed: `delimiter "${delimiter}", quotes doubled inside quoted cells`, fix: 'check for an unmatched quote on that row, or set data.csv.delimiter in the spec' },
    ]);
  }
  if (records.length === 0) {
    throw new DataValidationError([{ file, row: null, column: null, value: null, message: 'the file is empty', allowed: 'a header row and at least one data row', fix: 'export the data again' }]);
  }
  const header = records[0].record.map((h) => h.trim());
  if (header.length === 1) {
    const other = ([';', ',', '\t'] as const).find((d) => d !== delimiter && header[0].includes(d));
    if (other) {
      const name = other === '\t' ? 'tab' : `"${other}"`;
      throw new DataValidationError([{ file, row: 1, column: null, value: cut(header[0]), message: `the header was read as a single column with delimiter "${delimiter === '\t' ? 'tab' : delimiter}"; it contains ${name}, so the delimiter is probably ${name}`, allowed: `columns separated by "${delimiter === '\t' ? 'tab' : delimiter}"`, fix: `set data.csv.delimiter to ${other === '\t' ? '"\\t"' : `"${other}"`} (or "auto") in the spec` }]);
    }
  }
  const excelRows = excelRowNumbers(records);
  const runaway = runawayCell(records, excelRows, delimiter);
  if (runaway) {
    throw new DataValidationError([
      { file, row: runaway.row, column: null, value: null, message: `a quoted cell opens on this row and runs on over ${runaway.lines} lines, taking in what look like other rows`, allowed: `cells separated by "${delimiter}"; a cell that starts with " ends with " on the same row; a quote inside it is written ""`, fix: 'close the quote on that row, or double the quote ("") if it is part of the text' },
    ]);
  }
  const problems: { row: number; n: number }[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    if (r.record.length !== header.length) problems.push({ row: excelRows[i], n: r.record.length });
    rows.push(r.record.map((c) => c.trim()));
    rowNumbers.push(excelRows[i]);
  }
  // A quoted cell that runs over many lines is what makes rows ragged: name where it opens.
  const open = problems.length > 0 ? findOpenQuote(text, delimiter) : null;
  if (open && open.closesAt !== null) {
    throw new DataValidationError([
      { file, row: open.line, column: null, value: null, message: `a quoted cell opens on this row and runs on to row ${open.closesAt}`, allowed: `cells separated by "${delimiter}"; a cell that starts with " ends with " on the same row; a quote inside it is written ""`, fix: 'close the quote on that row, or double the quote ("") if it is part of the text' },
    ]);
  }
  if (problems.length > 0) {
    throw new DataValidationError(
      problems.slice(0, 200).map((p) => ({
        file, row: p.row, column: null, value: null,
        message: `has ${p.n} cells but the header has ${header.length}`,
        allowed: `${header.length} cells separated by "${delimiter}"`,
        fix: 'check for a missing or extra delimiter on that row (decimal commas must be inside quotes when the delimiter is ",")',
      })),
      Math.max(0, problems.length - 200),
    );
  }
  return { file, header, rows, rowNumbers };
}
