/**
 * The CSV and XLSX sink: the analysis tables (src/analysis/results/tables.ts) of the publishable
 * model. A count the model withholds is NaN there; here it becomes the text the plan decided —
 * "<5" (1–4) or "–" (hidden so that no 1–4 can be recovered) — in the same cell every other sink
 * shows it. Figures withheld with it are empty cells (as a not-estimable one).
 */
import { allTables } from '../../analysis/results/tables.ts';
import type { Cell, FlatTable } from '../../data/io/flat-table.ts';
import { keyOf } from './model.ts';
import { isPublishable, type PublishableModel } from './publish.ts';

type Row = readonly Cell[];

/** The count-system key of a count cell of a table (by column name and the row's identifying columns), or null. */
function countKey(table: string, col: string, row: Row, columns: readonly string[]): string | null {
  const at = (name: string) => String(row[columns.indexOf(name)] ?? '');
  const arm = (prefix: string) => (col.startsWith(prefix) ? col.slice(prefix.length) : null);
  switch (table) {
    case 'consort': {
      if (col !== 'n') return null;
      const [a, stage, visit, , reason] = row.map((c) => (c === null ? null : String(c)));
      if (stage === 'randomised') return keyOf('consort', a!, 'randomised');
      if (stage === 'received_allocated') return keyOf('consort', a!, 'received');
      if (stage === 'analysed') return keyOf('consort', a!, 'analysed', visit!);
      if (stage === 'lost_to_follow_up') return reason === null ? keyOf('consort', a!, 'lost', visit!) : keyOf('consort', a!, 'reason', visit!, reason);
      return null;
    }
    case 'outcomes': {
      const rest = [at('outcome'), at('visit'), at('estimator'), at('population')];
      const r = arm('n_randomised_');
      if (r !== null) return keyOf('consort', r, 'randomised');
      const an = arm('n_analysed_');
      if (an !== null) return keyOf('analysed', ...rest, an);
      const wd = arm('n_with_data_');
      return wd === null ? null : keyOf('withData', ...rest, wd);
    }
    case 'responders': {
      const rest = [at('outcome'), at('visit'), at('estimator'), at('population')];
      const ev = arm('responders_');
      if (ev !== null) return keyOf('responders', ...rest, ev);
      const n = arm('n_');
      return n === null ? null : keyOf('responderN', ...rest, n);
    }
    case 'baseline': {
      const v = arm('value1_');
      if (v !== null && at('summary') === 'n-percent') return keyOf('baseline', at('variable'), at('level'), v);
      const m = arm('missing_');
      return m !== null && at('summary') !== 'n-percent' ? keyOf('baselineMissing', at('variable'), m) : null;
    }
    case 'safety': {
      const w = arm('with_event_');
      if (w !== null) return keyOf('safety', at('outcome'), at('visit'), w);
      const n = arm('n_');
      return n === null ? null : keyOf('safetyN', at('outcome'), at('visit'), n);
    }
    default:
      return null;
  }
}

/** Every analysis table of the model, with withheld counts as "<5" or "–". */
export function publishedTables(model: PublishableModel): FlatTable[] {
  if (!isPublishable(model)) throw new Error('publishedTables renders the publishable model only (publish(results, economics))');
  const d = model.disclosure;
  return allTables(model.results).map((t) => ({
    ...t,
    rows: t.rows.map((row) =>
      row.map((c, i) => {
        const key = countKey(t.name, t.columns[i], row, t.columns);
        const s = key === null ? undefined : d.state(key);
        if (s === 'hidden') return '–';
        if (s === 'small') return '<5';
        if (typeof c !== 'number' || !Number.isNaN(c)) return c;
        // Withheld by the primary rule alone (a count the plan has no key for): "<5"; a total or mean
        // of events beside one: "–"; a figure (rate, difference) withheld: empty, as a not-estimable one.
        const col = t.columns[i];
        if (col.startsWith('total_') || col.startsWith('mean_')) return '–';
        return /^(n|n_.*|responders_.*|with_event_.*|missing_.*)$/.test(col) ? '<5' : null;
      }),
    ),
  }));
}
