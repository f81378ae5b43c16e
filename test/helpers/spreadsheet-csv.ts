/**
 * How a spreadsheet splits a CSV file into cells, for the CSV-injection tests: with the comma, or
 * with ";" as Danish Excel does when it opens a comma-separated file (its list separator). A
 * quote is special only where a cell begins; a line break outside quotes ends the row.
 */
export function spreadsheetCells(text: string, delimiter: ',' | ';' | '\t'): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
    }
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    cells.push(cell);
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
  }
  return cells;
}

/** A cell a spreadsheet would run as a formula (OWASP's rule; spaces and quotes before it skipped); a leading apostrophe marks text. */
export function runsAsFormula(cell: string): boolean {
  if (cell.startsWith("'")) return false;
  // The fullwidth signs as well: an East Asian input method makes them the ASCII ones.
  return /^[\t\r]/.test(cell) || /^[ \t"']*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell);
}
