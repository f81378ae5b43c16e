/** A file read as text cells, before any typing: what the user sees in Excel, with row numbers. */
export interface RawTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Cells as text ('' = empty), one array per data row. */
  readonly rows: readonly (readonly string[])[];
  /** Row number of each data row as Excel shows it (header = row 1). */
  readonly rowNumbers: readonly number[];
  /**
   * For long tables made from wide files: a long column → visit id → the header of the wide
   * column it came from, so messages name the column exactly as the user's file writes it.
   */
  readonly columnOrigins?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}
