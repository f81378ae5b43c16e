/**
 * No real identifiers in the store: a value shaped like a Danish CPR number (DDMMYY-SSSS, with or
 * without the hyphen, whose first six digits are a day and month — replacement numbers add 60 to
 * the day) is refused before anything else looks at the file, and the problem never repeats the
 * value: it is masked, so the error message is not itself a leak.
 */
import type { DataProblem } from '../../data/problems.ts';
import type { RawTable } from '../../data/load/raw-table.ts';

const SHAPE = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

export function isCprShaped(value: string): boolean {
  const m = SHAPE.exec(value.trim());
  if (!m) return false;
  const dd = Number(m[1]);
  const mm = Number(m[2]);
  const day = dd > 60 ? dd - 60 : dd;
  return day >= 1 && day <= 31 && mm >= 1 && mm <= 12;
}

export const MASKED_CPR = 'DDMMYY-XXXX (masked)';

/** Problems for every CPR-shaped cell in the named columns (those present in the header). */
export function cprProblems(raw: RawTable, columns: readonly string[]): DataProblem[] {
  const out: DataProblem[] = [];
  for (const column of columns) {
    const j = raw.header.indexOf(column);
    if (j < 0) continue;
    raw.rows.forEach((r, i) => {
      if (r[j] !== undefined && isCprShaped(r[j])) {
        out.push({
          file: raw.file, row: raw.rowNumbers[i], column, value: MASKED_CPR,
          message: 'looks like a CPR number; the roll-out store takes pseudonymised ids only',
          allowed: 'the pseudonym the agency assigns (never a CPR number)',
          fix: 'export the pseudonymised citizen id instead; nothing from this file was stored',
        });
      }
    });
  }
  return out;
}
