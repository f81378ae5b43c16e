/**
 * Rectangular result tables and their CSV/XLSX serialisations, shared by every command that
 * writes tables (analyze, economics). Numbers are written with full precision; rounding is for
 * reports. XLSX metadata is fixed so identical tables give identical workbooks.
 */
import { documentText } from './visible.ts';

export type Cell = string | number | boolean | null;

export interface FlatTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * A text cell that a spreadsheet would run as a formula gets an apostrophe where the spreadsheet's
 * cell begins, which Excel and LibreOffice show as text (OWASP's CSV-injection rule: = + - @,
 * tab, carriage return). A spreadsheet's cell begins at the start of the text, and also after a
 * ";", a tab or a line break inside it: Danish Excel opens a comma-separated file splitting on
 * ";" (its list separator) and, not seeing the quotes that hold our cell together, ends the row
 * at a line break; pasted text splits on tabs. Spaces and quotes before the = are skipped, as
 * spreadsheets do. The fullwidth signs ＝ ＋ － ＠ count too: a spreadsheet with an East Asian
 * input method takes them as the ASCII ones. Numbers are number cells and are never changed.
 */
const FORMULA_AHEAD = String.raw`(?=["']*[\t\r]|[ \t"']*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])`;
const AFTER_BREAK = new RegExp(`([;\\t\\n\\r])${FORMULA_AHEAD}`, 'g');
const AT_START = new RegExp(`^${FORMULA_AHEAD}`);

export function neutraliseFormula(s: string): string {
  // Breaks first: an empty match at the start would make one pass skip a break there ("\r=").
  return s.replace(AFTER_BREAK, "$1'").replace(AT_START, "'");
}

/** Excel's limit on the characters of one cell: a longer text makes Excel report the workbook damaged. */
export const XLSX_MAX_TEXT = 32767;

/**
 * A text cell of a workbook: characters XML cannot hold shown as \x01, \uFFFE (nothing dropped);
 * a literal "_x0041_", which Excel would read as its escape for "A", kept literal (Excel's own
 * escape of "_"); and a text beyond Excel's cell limit cut, saying how long it was (the CSV and
 * JSON hold it whole). A text cell is never a formula in a workbook, so no apostrophe is needed.
 */
export function xlsxText(s: string): string {
  // exceljs would drop the C0 controls without a word, and write U+FFFE, U+FFFF and lone surrogates.
  const shown = documentText(s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
  if (shown.length <= XLSX_MAX_TEXT) return shown;
  const note = `… (${s.length.toLocaleString('en-GB')} characters in all; cut to Excel's limit for a cell)`;
  let end = XLSX_MAX_TEXT - note.length;
  if (/[\udc00-\udfff]/.test(shown[end])) end--; // never split a surrogate pair
  return shown.slice(0, end) + note;
}

/** A workbook cell: text through xlsxText, a number that is not finite left empty (as in the CSV; Excel refuses "NaN"). */
function xlsxCell(c: Cell): Cell {
  if (typeof c === 'string') return xlsxText(c);
  if (typeof c === 'number' && !Number.isFinite(c)) return null;
  return c;
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  // documentText: a control character shown, not written (cat results.csv must not run an escape sequence).
  const s = typeof c === 'string' ? neutraliseFormula(documentText(c)) : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(t: FlatTable): string {
  const lines = [t.columns.map(csvCell).join(',')];
  for (const r of t.rows) lines.push(r.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Fixed metadata (exceljs stamps the clock otherwise), so the same tables give the same bytes. */
export function stampWorkbook(wb: Pick<import('exceljs').Workbook, 'creator' | 'created' | 'modified'>): void {
  const epoch = new Date(Date.UTC(2000, 0, 1));
  wb.creator = 'effekt';
  wb.created = epoch;
  wb.modified = epoch;
}

export async function tablesToXlsx(tables: readonly FlatTable[]): Promise<Uint8Array> {
  // Loaded when a workbook is written: commands that only print JSON or CSV (rollout status) skip exceljs' start-up.
  const { Workbook } = await import('./excel-workbook.ts');
  const wb = new Workbook();
  stampWorkbook(wb);
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31));
    ws.addRow(t.columns.map(xlsxCell));
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map(xlsxCell));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const buf = await wb.xlsx.writeBuffer({ zip: UNCOMPRESSED });
  return stableZip(new Uint8Array(buf as ArrayBuffer));
}

/**
 * exceljs' own zip is only read back by stableZip, which compresses every entry itself: stored
 * uncompressed, it is neither deflated nor inflated in between (both in JavaScript, by JSZip's
 * pako) — the final bytes are the same, since stableZip writes them from the entries' contents.
 */
export const UNCOMPRESSED = { compression: 'STORE' } as const;

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
