/**
 * Reads a data file (CSV or XLSX, by content, not just by name) into a RawTable, and turns
 * wide files (one row per participant, visit as a column suffix) into the long layout.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { ROW_ID_COLUMN, participantRows, type TrialSpec } from '../spec/load.ts';
import { attachRegisterPanel } from '../derive/attach.ts';
import { DataValidationError, type DataProblem } from '../problems.ts';
import type { RawTable } from './raw-table.ts';
import { readCsv } from './read-csv.ts';
import { sniffKind } from './sniff.ts';

function fail(file: string, message: string, fix: string): never {
  throw new DataValidationError([{ file, row: null, column: null, value: null, message, allowed: 'a CSV text file or an .xlsx workbook', fix }]);
}

export async function readDataBytes(bytes: Uint8Array, file: string, spec: TrialSpec): Promise<RawTable> {
  const kind = sniffKind(bytes);
  switch (kind) {
    case 'empty':
      return fail(file, 'the file is empty', 'export the data again');
    case 'pdf':
      return fail(file, 'this is a PDF document, not a data table', 'export the data from the source system as CSV or .xlsx');
    case 'zip':
      return fail(file, 'this is a zip archive, not a data table', 'unpack it and point effekt at the CSV or .xlsx inside');
    case 'binary':
      return fail(file, 'this is a binary file, not a data table', 'export the data as CSV or .xlsx');
    case 'markup':
      return fail(file, 'this is an HTML or XML document (e.g. Excel\'s "web page" or XML export), not a data table', 'open it in Excel and save it as .xlsx or CSV');
    case 'json':
      return fail(file, 'this is a JSON document, not a data table', 'export the data as CSV or .xlsx');
    case 'xlsx':
      // Imported here: exceljs takes longer to load than a whole CSV validation, and most data is CSV.
      return (await import('./read-xlsx.ts')).readXlsx(bytes, file, spec.data.sheet);
    case 'text':
      if (extname(file).toLowerCase() === '.xlsx') return fail(file, 'has the .xlsx extension but holds text', 'rename it to .csv');
      return readCsv(bytes, file, spec.data.csv);
  }
}

/**
 * The largest file this general reader takes: it holds the file as one text and every cell as a
 * string (an 80 MB CSV of 300,000 rows × 110 columns peaked at 1.5 GB and 27 s), and V8 cannot
 * make a text longer than ≈ 512 M characters at all. Larger files are read only by the columnar
 * fast path (validate-columnar.ts), which takes a clean long CSV (quoted cells too, but no line
 * break inside one); one it gives back — a line break in a cell, a wide layout, a workbook —
 * is refused here by name instead of ending in V8's "Cannot create a string longer than …".
 * A problem in such a file is worded by the general checks on the lines concerned only
 * (validate/large-file.ts).
 */
export const GENERAL_READER_MAX_BYTES = 256 * 1024 * 1024;

/** The problem of a file over `limit` that only the general reader would read; `row`: the row the fast reader stopped at, when known. */
export function tooLargeProblem(file: string, size: number, limit: number, row: number | null = null): DataProblem {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en')} MB`;
  if (row !== null) {
    return {
      file, row, column: null, value: null,
      message: `is ${mb(size)}: files over ${mb(limit)} are read only as a plain long CSV, a line per row, and this row is not in the form that reader takes (e.g. a carriage return inside a cell, or a line ending unlike the others), though the detailed check finds nothing wrong in it`,
      allowed: 'cells without line breaks or carriage returns, one line ending throughout',
      fix: 'remove the carriage return or line break from the cells of that row, or export the file again',
    };
  }
  return {
    file, row: null, column: null, value: null,
    message: `is ${mb(size)}: files over ${mb(limit)} are read only as a plain long CSV (one row per participant and visit, one line per row), and this one is not — it is a workbook, a wide file, or has another form that only the detailed reader (files up to ${mb(limit)}) takes`,
    allowed: `a long CSV with one line per row, or any supported file up to ${mb(limit)}`,
    fix: 'export it again as a long CSV (one row per participant and visit); or validate a part of the file (the header row and, e.g., one municipality\'s rows) with effekt validate',
  };
}

function tooLarge(file: string, size: number, limit: number): never {
  throw new DataValidationError([tooLargeProblem(file, size, limit)]);
}

export async function readDataFile(file: string, spec: TrialSpec, options: { maxBytes?: number } = {}): Promise<RawTable> {
  const limit = options.maxBytes ?? GENERAL_READER_MAX_BYTES;
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size !== undefined && size > limit) tooLarge(file, size, limit);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path');
  }
  const raw = await readDataBytes(bytes, file, spec);
  if (raw.rows.length === 0) fail(file, 'has a header but no data rows', 'export the data again with its rows');
  const table = await attachRegisterPanel(raw, spec, (b, f) => readDataBytes(b, f, spec));
  return participantRows(spec) ? wideToLong(table, spec) : table;
}

/**
 * Wide → long: columns named `<name><sep><suffix>` become `<name>` on the row of that visit;
 * all other columns are per participant and repeated on every visit row (outcomes may also name
 * a column per visit, read from those repeated columns). A visit row is kept even when all its
 * per-visit cells are empty (it records a missed visit). Row numbers stay those of the
 * participant's wide row, so errors still point at the right Excel row; without an id column the
 * participant is that row number.
 */
export function wideToLong(raw: RawTable, spec: TrialSpec): RawTable {
  const separator = spec.data.wide?.separator ?? '_';
  const suffixes = spec.data.wide?.suffixes ?? {};
  const visitCol = spec.columns.visit;
  const perVisit = new Map<string, Map<string, number>>(); // base name → visit → column index
  const constant: number[] = [];
  raw.header.forEach((h, j) => {
    for (const [visit, suffix] of Object.entries(suffixes)) {
      const end = `${separator}${suffix}`;
      if (h.endsWith(end) && h.length > end.length) {
        const base = h.slice(0, -end.length);
        if (!perVisit.has(base)) perVisit.set(base, new Map());
        perVisit.get(base)!.set(visit, j);
        return;
      }
    }
    constant.push(j);
  });
  const bases = [...perVisit.keys()];
  const rowId = spec.columns.id === ROW_ID_COLUMN;
  const header = [...(rowId ? [spec.columns.id] : []), ...constant.map((j) => raw.header[j]), visitCol, ...bases];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  raw.rows.forEach((r, i) => {
    for (const v of spec.visits) {
      rows.push([...(rowId ? [String(raw.rowNumbers[i])] : []), ...constant.map((j) => r[j]), v.id, ...bases.map((b) => {
        const j = perVisit.get(b)!.get(v.id);
        return j === undefined ? '' : r[j];
      })]);
      rowNumbers.push(raw.rowNumbers[i]);
    }
  });
  const columnOrigins = new Map(bases.map((b) => [b, new Map([...perVisit.get(b)!].map(([visit, j]) => [visit, raw.header[j]]))] as const));
  return { file: raw.file, header, rows, rowNumbers, columnOrigins };
}
