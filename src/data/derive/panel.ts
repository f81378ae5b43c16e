/**
 * A register panel: each participant's status code per week, as a dense participant × week
 * matrix of code indices (Uint8Array, NOT_OBSERVED where the register has no row: before the
 * participant's first or after their last week, e.g. after death or emigration, or a gap).
 * Built once from long rows (participant, week, status), checking every row: a week that is
 * not a whole number in the declared range, a status that is not a declared code, or a
 * participant × week given twice is a problem naming the file, row and column — never dropped.
 */
import { ProblemList, type DataProblem } from '../problems.ts';
import { didYouMean } from '../validate/suggest.ts';

export const NOT_OBSERVED = 255;

export interface RegisterPanel {
  /** Participant ids in the order of the matrix rows. */
  readonly ids: readonly string[];
  /** The declared status codes; a cell holds an index into this list. */
  readonly codes: readonly string[];
  readonly firstWeek: number;
  readonly lastWeek: number;
  /** ids.length × (lastWeek − firstWeek + 1) code indices, row-major. */
  readonly status: Uint8Array;
  /** Last observed week per participant (−1 when none): the panel's end for that participant. */
  readonly lastObserved: Int32Array;
}

export interface PanelRows {
  readonly file: string;
  readonly idColumn: string;
  readonly weekColumn: string;
  readonly statusColumn: string;
  readonly ids: readonly string[];
  readonly weeks: readonly string[];
  readonly statuses: readonly string[];
  /** Row number of each record as a spreadsheet shows it (header = 1). */
  readonly rowNumbers: readonly number[];
}

export interface PanelDeclaration {
  readonly codes: readonly string[];
  readonly firstWeek: number;
  readonly lastWeek: number;
}

export function panelWidth(p: Pick<RegisterPanel, 'firstWeek' | 'lastWeek'>): number {
  return p.lastWeek - p.firstWeek + 1;
}

/** The code index of participant i at week w (NOT_OBSERVED outside the panel or in a gap). */
export function statusAt(p: RegisterPanel, i: number, week: number): number {
  if (week < p.firstWeek || week > p.lastWeek) return NOT_OBSERVED;
  return p.status[i * panelWidth(p) + (week - p.firstWeek)];
}

/**
 * Builds the panel. `participants` fixes the row order (every participant of the trial, so a
 * participant with no register rows at all is visible as an empty panel, not lost); a register
 * row for a participant not in the list is a problem.
 */
export function buildPanel(rows: PanelRows, decl: PanelDeclaration, participants: readonly string[]): { panel: RegisterPanel; problems: DataProblem[]; omitted: number } {
  if (decl.codes.length === 0 || decl.codes.length >= NOT_OBSERVED) throw new RangeError(`a register panel declares 1…${NOT_OBSERVED - 1} status codes, got ${decl.codes.length}`);
  if (!(Number.isInteger(decl.firstWeek) && Number.isInteger(decl.lastWeek) && decl.firstWeek <= decl.lastWeek)) throw new RangeError(`the panel's weeks ${decl.firstWeek}…${decl.lastWeek} are not a range of whole numbers`);
  const problems = new ProblemList();
  const file = rows.file;
  const width = panelWidth(decl);
  const index = new Map(participants.map((id, i) => [id, i]));
  const codeIndex = new Map(decl.codes.map((c, i) => [c, i]));
  const status = new Uint8Array(participants.length * width).fill(NOT_OBSERVED);
  const lastObserved = new Int32Array(participants.length).fill(-1);
  const seenRow = new Map<number, number>();
  const range = `whole numbers ${decl.firstWeek}…${decl.lastWeek}`;
  for (let r = 0; r < rows.ids.length; r++) {
    const row = rows.rowNumbers[r];
    const id = rows.ids[r];
    const i = index.get(id);
    if (i === undefined) {
      problems.add({ file, row, column: rows.idColumn, value: id, message: 'a register row for a participant who is not in the trial', allowed: null, fix: 'remove the row or add the participant to the trial data' });
      continue;
    }
    const weekText = rows.weeks[r].trim();
    const week = /^-?\d+$/.test(weekText) ? Number(weekText) : Number.NaN;
    if (!Number.isInteger(week) || week < decl.firstWeek || week > decl.lastWeek) {
      problems.add({ file, row, column: rows.weekColumn, value: rows.weeks[r], message: 'the week is not a whole number within the panel', allowed: range, fix: `write the week as a whole number, or widen the panel's weeks in the spec` });
      continue;
    }
    const code = codeIndex.get(rows.statuses[r]);
    if (code === undefined) {
      const near = didYouMean(rows.statuses[r], decl.codes);
      problems.add({ file, row, column: rows.statusColumn, value: rows.statuses[r], message: rows.statuses[r] === '' ? 'the status is empty' : 'the status is not a declared code', allowed: decl.codes.join(', '), fix: near ? `did you mean "${near}"?` : 'use a declared code, or declare this code in the spec' });
      continue;
    }
    const cell = i * width + (week - decl.firstWeek);
    const first = seenRow.get(cell);
    if (first !== undefined) {
      problems.add({ file, row, column: rows.weekColumn, value: `${id} / week ${week}`, message: `the participant has two rows for this week (first on row ${first})`, allowed: 'one status per participant per week', fix: 'keep one row per participant and week (the register status that counts)' });
      continue;
    }
    seenRow.set(cell, row);
    status[cell] = code;
    if (week > lastObserved[i]) lastObserved[i] = week;
  }
  return { panel: { ids: participants, codes: decl.codes, firstWeek: decl.firstWeek, lastWeek: decl.lastWeek, status, lastObserved }, problems: problems.items, omitted: problems.omitted };
}

/** A panel straight from code-index rows (tests, simulations): rows[i][k] is the code at firstWeek + k, undefined/NOT_OBSERVED = no row. */
export function panelFromMatrix(ids: readonly string[], codes: readonly string[], firstWeek: number, rows: readonly (readonly (string | null)[])[]): RegisterPanel {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const status = new Uint8Array(ids.length * width).fill(NOT_OBSERVED);
  const lastObserved = new Int32Array(ids.length).fill(-1);
  rows.forEach((r, i) =>
    r.forEach((c, k) => {
      if (c === null) return;
      const j = codes.indexOf(c);
      if (j < 0) throw new RangeError(`unknown code "${c}"`);
      status[i * width + k] = j;
      lastObserved[i] = firstWeek + k;
    }),
  );
  return { ids, codes, firstWeek, lastWeek: firstWeek + width - 1, status, lastObserved };
}
