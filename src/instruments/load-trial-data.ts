/**
 * Loads a trial's data the way every command needs it: spec → file → validation (all problems
 * at once) → instrument scores → summary, with warnings for declared things nothing uses and
 * file columns the spec does not mention. load-trial.ts adds the arquero table on top; this
 * module does not import arquero (nor the general CSV reader until a file needs it), so
 * `effekt validate`, which never reads the table, does not pay for loading them.
 */
import { basename } from 'node:path';
import { armColumn, loadSpec, type TrialSpec } from '../data/spec/load.ts';
import type { RawTable } from '../data/load/raw-table.ts';
import { specColumnRules, type ColumnRule } from '../data/validate/column-rules.ts';
import { validateLong, type LongData } from '../data/validate/validate.ts';
import { readLongFastOrWhere, type ItemSums } from '../data/validate/validate-columnar.ts';
import { itemRules, resolveInstruments, type ResolvedInstrument } from './resolve.ts';
import { nullableScores, scoreTrialTyped, type ScoringCount } from './score-trial.ts';
import { summariseTrial, type TrialSummary } from './summary.ts';

export interface TrialData {
  readonly spec: TrialSpec;
  readonly dataFile: string;
  readonly data: LongData;
  readonly instruments: readonly ResolvedInstrument[];
  /**
   * One score column per instrument outcome (by outcome id), null where not scorable. Made on
   * first read: validate never reads it, and at registry size it is millions of boxed numbers.
   */
  readonly scores: Readonly<Record<string, (number | null)[]>>;
  /** The same scores as Float64Arrays, NaN where not scorable (what `scores` is made from). */
  readonly typedScores: Readonly<Record<string, Float64Array>>;
  readonly scoring: readonly ScoringCount[];
  readonly summary: TrialSummary;
  /** Recoverable problems found while loading (e.g. columns nothing uses); carried into results.json. */
  readonly warnings: readonly string[];
}

export interface LoadOptions {
  /**
   * Keep the instrument item columns on `data.columns` after scoring (default true). The CLI's
   * commands read only the scores, and at 10⁶ participants × 3 visits the items are 2.5 GB of
   * Float64Arrays, so they pass false: `data.columns` then holds the non-item columns, and a
   * clean CSV's items are summed per row as they are read instead of kept (validate-columnar.ts).
   */
  readonly keepItems?: boolean;
  /**
   * The largest file the general reader takes (default read-file.ts's GENERAL_READER_MAX_BYTES);
   * tests make it small so that a small file stands in for a registry-sized one.
   */
  readonly maxBytes?: number;
}

/**
 * Declared things nothing uses, and file columns the spec does not mention — often a sign of a
 * forgotten outcome or a misspelt name, so they are said, not silently skipped.
 */
function unusedWarnings(spec: TrialSpec, header: readonly string[], used: ReadonlySet<string>, origins: RawTable['columnOrigins'], file: string): string[] {
  const out: string[] = [];
  const unused = header.filter((h) => h !== '' && !used.has(h)).flatMap((h) => [...(origins?.get(h)?.values() ?? [h])]);
  if (unused.length) out.push(`${basename(file)}: column(s) the spec does not use: ${unused.map((u) => `"${u}"`).join(', ')}`);
  const scored = new Set(spec.outcomes.map((o) => (o.kind === 'score' ? o.instrument : null)));
  for (const ins of spec.instruments) if (!scored.has(ins.id)) out.push(`instrument "${ins.id}" is declared but no outcome uses it`);
  return out;
}

function withoutItems(columns: LongData['columns'], items: ReadonlySet<string>): LongData['columns'] {
  const out: Record<string, LongData['columns'][string]> = Object.create(null);
  for (const [name, values] of Object.entries(columns)) if (!items.has(name)) out[name] = values;
  return out;
}

/** The item rules; with `fold`, each says which instrument's sum it adds to (items only scoring reads). */
function instrumentItemRules(instruments: readonly ResolvedInstrument[], fold: boolean): ColumnRule[] {
  const rules = itemRules(instruments);
  if (!fold) return rules.map((r) => ({ ...r, typed: true }));
  let k = 0;
  const out: ColumnRule[] = [];
  for (const ins of instruments) {
    const [lo, hi] = ins.definition.itemRange;
    ins.itemColumns.forEach((_, j) => {
      out.push({ ...rules[k++], typed: true, fold: { group: ins.id, item: j, reversed: ins.definition.reverseItems.includes(j + 1), offset: lo + hi } });
    });
  }
  return out;
}

export async function loadTrialData(dataFile: string, specOrPath: string | TrialSpec, options: LoadOptions = {}): Promise<TrialData> {
  const spec = typeof specOrPath === 'string' ? loadSpec(specOrPath) : specOrPath;
  const instruments = resolveInstruments(spec);
  // Item columns (most of a file's cells; only scoring reads them) are held as Float64Arrays,
  // or (keepItems false) only summed.
  const rules = [...specColumnRules(spec), ...instrumentItemRules(instruments, options.keepItems === false)];
  // A clean long CSV is read straight into columns; anything else (or any problem) goes the
  // general way, which words every problem (validate-columnar.ts).
  const fast = await readLongFastOrWhere(dataFile, spec, rules);
  let data: LongData;
  let header: readonly string[];
  let origins: RawTable['columnOrigins'];
  let sums: Readonly<Record<string, ItemSums>> = {};
  if ('data' in fast) ({ data, header, sums } = fast);
  else {
    // A file too large for the general reader: its problem from the lines concerned only.
    await (await import('../data/validate/large-file.ts')).explainLargeFile(dataFile, spec, rules, fast, options.maxBytes);
    const { readDataFile } = await import('../data/load/read-file.ts');
    const raw = await readDataFile(dataFile, spec, { maxBytes: options.maxBytes });
    data = validateLong(raw, spec, rules);
    ({ header, columnOrigins: origins } = raw);
  }
  const c = spec.columns;
  const used = new Set([c.id, armColumn(spec), c.visit, ...rules.map((r) => r.column)]);
  const warnings = unusedWarnings(spec, header, used, origins, dataFile);
  const { scores: typed, counts } = scoreTrialTyped(data, spec, instruments, sums);
  const summary = summariseTrial(data, spec, typed);
  const itemCols = new Set(instruments.flatMap((i) => i.itemColumns));
  const kept = options.keepItems === false ? { ...data, columns: withoutItems(data.columns, itemCols) } : data;
  let scores: Record<string, (number | null)[]> | undefined;
  return {
    spec, dataFile, data: kept, instruments,
    get scores() {
      return (scores ??= nullableScores(typed));
    },
    typedScores: typed,
    scoring: counts, summary, warnings,
  };
}
