/** A file read as text cells, before any typing: what the user sees in Excel, with row numbers. */
export interface RawTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Cells as text ('' = empty), one array per data row. */
  readonly rows: readonly (readonly string[])[];
  /** Row number of each data row as Excel shows it (header = row 1). */
  readonly rowNumbers: readonly number[];
}
