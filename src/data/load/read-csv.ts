/**
 * CSV → RawTable for the dialects municipalities' Excel exports use: `,` or `;` (or tab),
 * UTF-8 with or without BOM or Windows-1252, LF or CRLF. Decoding is strict for UTF-8: bytes
 * that are not UTF-8 are reported (with the hint to declare windows-1252), never turned into
 * replacement characters silently.
 */
import { parse } from 'csv-parse/sync';
import { DataValidationError } from '../problems.ts';
import type { RawTable } from './raw-table.ts';
import { sniffDelimiter } from './sniff.ts';

export interface CsvReadOptions {
  readonly delimiter: ',' | ';' | '\t' | 'auto';
  readonly encoding: 'utf-8' | 'windows-1252';
}

function decode(bytes: Uint8Array, file: string, encoding: CsvReadOptions['encoding']): string {
  if (encoding === 'windows-1252') return new TextDecoder('windows-1252').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalid(bytes);
    throw new DataValidationError([
      { file, row: at.row, column: at.column, value: at.value, message: 'the file is not valid UTF-8 text', allowed: 'UTF-8 or Windows-1252 text', fix: 'if it was saved by Excel as "CSV (semikolonsepareret)", set data.csv.encoding to "windows-1252" in the spec' },
    ]);
  }
}

/** Where the first byte that is not UTF-8 sits: its line, the header name of its cell, and that cell read as Windows-1252. */
function firstInvalid(bytes: Uint8Array): { row: number | null; column: string | null; value: string | null } {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const k = text.indexOf('\uFFFD');
  if (k < 0) return { row: null, column: null, value: null };
  const lines = text.split(/\r?\n/);
  const row = text.slice(0, k).split('\n').length;
  const delimiter = sniffDelimiter(text);
  // Quotes are ignored here: this only points the user at the cell, it does not parse the file.
  const lineStart = text.lastIndexOf('\n', k - 1) + 1;
  const cell = text.slice(lineStart, k).split(delimiter).length - 1;
  const column = row > 1 ? (lines[0].split(delimiter)[cell]?.trim() ?? null) : null;
  const latin = new TextDecoder('windows-1252').decode(bytes).split(/\r?\n/);
  const raw = latin[row - 1]?.split(delimiter)[cell] ?? null;
  return { row, column, value: raw === null ? null : raw.trim() };
}

export function readCsv(bytes: Uint8Array, file: string, options: CsvReadOptions): RawTable {
  const text = decode(bytes, file, options.encoding).replace(/^\uFEFF/, '');
  const delimiter = options.delimiter === 'auto' ? sniffDelimiter(text) : options.delimiter;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true, trim: false, bom: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new DataValidationError([
      { file, row: err.lines ?? null, column: null, value: null, message: `cannot be read as CSV (${err.message})`, allowed: `delimiter "${delimiter}", quotes doubled inside quoted cells`, fix: 'check for an unmatched quote on that row, or set data.csv.delimiter in the spec' },
    ]);
  }
  if (records.length === 0) {
    throw new DataValidationError([{ file, row: null, column: null, value: null, message: 'the file is empty', allowed: 'a header row and at least one data row', fix: 'export the data again' }]);
  }
  const header = records[0].record.map((h) => h.trim());
  const problems: { row: number; n: number }[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    if (r.record.length !== header.length) problems.push({ row: r.info.lines, n: r.record.length });
    rows.push(r.record.map((c) => c.trim()));
    rowNumbers.push(r.info.lines);
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
