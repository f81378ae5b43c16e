/**
 * A data table as an .xlsx workbook (one sheet, header in row 1): numbers as numbers, empty
 * cells left empty. The inverse of the XLSX loader; used for round-trip tests and exports.
 * Deterministic: the same rows give the same bytes.
 */
import { Workbook } from '../io/excel-workbook.ts';
import type { CsvValue } from './csv.ts';
import { stableZip, stampWorkbook, UNCOMPRESSED } from '../io/flat-table.ts';

export async function writeXlsx(header: readonly string[], rows: readonly (readonly CsvValue[])[], sheet = 'data'): Promise<Uint8Array> {
  const wb = new Workbook();
  stampWorkbook(wb);
  const ws = wb.addWorksheet(sheet);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? null : v)));
  const buf = await wb.xlsx.writeBuffer({ zip: UNCOMPRESSED });
  return stableZip(new Uint8Array(buf as ArrayBuffer));
}
