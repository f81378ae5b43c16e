/**
 * A row's validated cells as the JSON array the store keeps in visit_rows.cells (change
 * detection compares these strings, so the text must stay exactly JSON.stringify's). Built from
 * the columns without an array per row, and each distinct string is quoted once: down a column
 * the same municipality, group, dates and answer codes repeat on every row. Reading a national
 * roll-out spent most of its own (non-CSV) time in the per-row JSON.stringify.
 */
export type Quoted = Map<string, string>;

export function cellsJson(columns: readonly (readonly unknown[])[], i: number, quoted: Quoted): string {
  let s = '[';
  for (let j = 0; j < columns.length; j++) {
    const v = columns[j][i];
    if (j > 0) s += ',';
    if (v === null || v === undefined) s += 'null';
    // JSON writes a finite number as String(number) does (-0 as "0"), and NaN or ±Infinity as null.
    else if (typeof v === 'number') s += Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'string') {
      let q = quoted.get(v);
      if (q === undefined) quoted.set(v, (q = JSON.stringify(v)));
      s += q;
    } else s += JSON.stringify(v) ?? 'null';
  }
  return s + ']';
}
