/**
 * XLSX → RawTable with exceljs: the first worksheet (or a named one), the first row as the
 * header. Numbers keep full precision (written with "." as decimal); dates become ISO dates.
 * A formula cell gives the value Excel saved for it (0 included, read from the sheet XML when
 * exceljs drops it); a formula with no saved value is a problem naming the cell; an error value (#DIV/0!) is kept as text for validation to report.
 */
import type ExcelJS from 'exceljs';
import { Workbook } from '../io/excel-workbook.ts';
import { DataValidationError, ProblemList } from '../problems.ts';
import type { RawTable } from './raw-table.ts';
import { cachedFormulaValues } from './xlsx-cached.ts';

type Text = { readonly text: string } | { readonly problem: string; readonly fix: string };

function cellText(v: ExcelJS.CellValue, cached: string | null | undefined): Text {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: String(v) };
  if (typeof v === 'string') return { text: v.trim() };
  if (typeof v === 'boolean') return { text: v ? '1' : '0' };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      if (result !== undefined && result !== null) return cellText(result, undefined);
      if (cached === null || cached === undefined) return { problem: 'is a formula with no saved value', fix: 'open the workbook in Excel, let it calculate and save it again (or paste the values instead of the formulas)' };
      return { text: cached.trim() };
    }
    // An error value (#DIV/0!, #N/A) is kept as its text: a column the spec uses then reports it as not a number.
    if ('error' in v) return { text: String((v as { error: unknown }).error) };
    if ('richText' in v) return { text: v.richText.map((t) => t.text).join('').trim() };
    if ('text' in v) return { text: String(v.text).trim() };
  }
  return { problem: 'holds a value effekt cannot read as text or a number', fix: 'type the value into the cell as text or a number' };
}

export async function readXlsx(bytes: Uint8Array, file: string, sheet?: string): Promise<RawTable> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new DataValidationError([{ file, row: null, column: null, value: null, message: `cannot be read as an Excel workbook (${(e as Error).message})`, allowed: 'an .xlsx file', fix: 'open it in Excel and save it again as .xlsx, or export CSV' }]);
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) {
    throw new DataValidationError([{ file, row: null, column: null, value: sheet ?? null, message: 'the worksheet was not found', allowed: wb.worksheets.map((w) => w.name).join(', ') || 'a workbook with a sheet', fix: 'set data.sheet in the spec to one of the sheet names' }]);
  }
  const cached = await cachedFormulaValues(bytes, ws.name);
  const problems = new ProblemList();
  const text = (cell: ExcelJS.Cell, row: number, column: string | null): string => {
    const t = cellText(cell.value, cached.get(cell.address));
    if ('text' in t) return t.text;
    problems.add({ file, row, column: column ?? cell.address, value: null, message: `cell ${cell.address} ${t.problem}`, allowed: 'a number, text or an empty cell', fix: t.fix });
    return '';
  };
  const width = ws.getRow(1).cellCount;
  const header: string[] = [];
  for (let c = 1; c <= width; c++) header.push(text(ws.getRow(1).getCell(c), 1, null));
  problems.throwIfAny();
  if (header.every((h) => h === '')) {
    throw new DataValidationError([{ file, row: 1, column: null, value: null, message: 'the first row (the header) is empty', allowed: 'column names in row 1', fix: 'put the column names in row 1' }]);
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= header.length; c++) cells.push(text(row.getCell(c), r, header[c - 1] || null));
    if (cells.every((x) => x === '')) continue;
    rows.push(cells);
    rowNumbers.push(r);
  }
  problems.throwIfAny();
  return { file, header, rows, rowNumbers };
}
