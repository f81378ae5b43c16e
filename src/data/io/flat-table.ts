/**
 * Rectangular result tables and their CSV/XLSX serialisations, shared by every command that
 * writes tables (analyze, economics). Numbers are written with full precision; rounding is for
 * reports. XLSX metadata is fixed so identical tables give identical workbooks.
 */

export type Cell = string | number | boolean | null;

export interface FlatTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * A text cell that a spreadsheet would run as a formula (it begins with = + - @, a tab or a
 * carriage return: OWASP's CSV-injection rule) gets a leading apostrophe, which Excel and
 * LibreOffice show as text. Numbers are number cells and are never changed.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  const s = typeof c === 'string' ? neutraliseFormula(c) : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(t: FlatTable): string {
  const lines = [t.columns.map(csvCell).join(',')];
  for (const r of t.rows) lines.push(r.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export async function tablesToXlsx(tables: readonly FlatTable[]): Promise<Uint8Array> {
  // Loaded when a workbook is written: commands that only print JSON or CSV (rollout status) skip exceljs' start-up.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const epoch = new Date(Date.UTC(2000, 0, 1));
  wb.creator = 'effekt';
  wb.created = epoch;
  wb.modified = epoch;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31));
    ws.addRow([...t.columns]);
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow([...r]);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const buf = await wb.xlsx.writeBuffer();
  return stableZip(new Uint8Array(buf as ArrayBuffer));
}

const ZIP_EPOCH = new Date(Date.UTC(2000, 0, 1));

/** Re-packs a zip (an .xlsx) with fixed entry dates, so equal content gives equal bytes. */
export async function stableZip(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  // Keep the writer’s entry order ([Content_Types].xml first), which some readers expect.
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  for (const name of names) {
    out.file(name, await zip.files[name].async('uint8array'), { date: ZIP_EPOCH, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** JSON with non-finite numbers written as null (JSON has no NaN) and a trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
