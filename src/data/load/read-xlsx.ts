/**
 * XLSX → RawTable with exceljs: the first worksheet (or a named one), the first row as the
 * header. Numbers keep full precision (written with "." as decimal); dates become ISO dates.
 */
import ExcelJS from 'exceljs';
import { DataValidationError } from '../problems.ts';
import type { RawTable } from './raw-table.ts';

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v && v.result !== undefined) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

export async function readXlsx(bytes: Uint8Array, file: string, sheet?: string): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new DataValidationError([{ file, row: null, column: null, value: null, message: `cannot be read as an Excel workbook (${(e as Error).message})`, allowed: 'an .xlsx file', fix: 'open it in Excel and save it again as .xlsx, or export CSV' }]);
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) {
    throw new DataValidationError([{ file, row: null, column: null, value: sheet ?? null, message: 'the worksheet was not found', allowed: wb.worksheets.map((w) => w.name).join(', ') || 'a workbook with a sheet', fix: 'set data.sheet in the spec to one of the sheet names' }]);
  }
  const width = ws.getRow(1).cellCount;
  const header: string[] = [];
  for (let c = 1; c <= width; c++) header.push(cellText(ws.getRow(1).getCell(c).value));
  if (header.every((h) => h === '')) {
    throw new DataValidationError([{ file, row: 1, column: null, value: null, message: 'the first row (the header) is empty', allowed: 'column names in row 1', fix: 'put the column names in row 1' }]);
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= header.length; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.every((x) => x === '')) continue;
    rows.push(cells);
    rowNumbers.push(r);
  }
  return { file, header, rows, rowNumbers };
}
