/**
 * Resolves the spec's instrument uses against the registry: the effective scoring rules (the
 * registry entry with the spec's overrides), the item columns, and the validation rule for each
 * item column.
 */
import type { TrialSpec } from '../data/spec/load.ts';
import type { NumericRule } from '../data/validate/column-rules.ts';
import { DataValidationError, type DataProblem } from '../data/problems.ts';
import { didYouMean } from '../data/validate/suggest.ts';
import { instrumentRegistry, type InstrumentDefinition } from './registry.ts';

export interface ResolvedInstrument {
  readonly id: string;
  readonly key: string;
  readonly definition: InstrumentDefinition;
  readonly itemColumns: readonly string[];
}

export function resolveInstruments(spec: TrialSpec): ResolvedInstrument[] {
  const registry = instrumentRegistry();
  const problems: DataProblem[] = [];
  const out: ResolvedInstrument[] = [];
  const problem = (path: string, value: string, message: string, allowed: string | null, fix: string) => problems.push({ file: spec.specFile, row: null, column: null, path, value, message, allowed, fix });
  spec.instruments.forEach((use, i) => {
    const itemColumns = 'prefix' in use.items ? Array.from({ length: use.items.count }, (_, j) => `${(use.items as { prefix: string }).prefix}${j + 1}`) : [...use.items.columns];
    const k = itemColumns.length;
    let base: Omit<InstrumentDefinition, 'items' | 'totalRange'>;
    let key: string;
    let rangePath: string;
    if (use.definition) {
      base = use.definition;
      key = use.id;
      rangePath = `instruments[${i}].definition`;
    } else {
      const entry = registry[use.instrument!];
      if (!entry) {
        const near = didYouMean(use.instrument!, Object.keys(registry));
        problem(`instruments[${i}].instrument`, use.instrument!, 'is not in the built-in instrument library', Object.keys(registry).join(', '), near ? `did you mean "${near}"?` : 'use a built-in name, or write the instrument\'s "definition" in the spec (docs/spec.md)');
        return;
      }
      if (k !== entry.items && !use.overrides) {
        problem(`instruments[${i}].items`, String(k), `${use.instrument} has ${entry.items} items in the library`, String(entry.items), 'list every item column, or add "overrides" for a shortened version');
      }
      base = { ...entry, ...(use.overrides ?? {}) };
      key = use.instrument!;
      rangePath = `instruments[${i}].overrides`;
    }
    const { itemRange, scoring } = base;
    const definition: InstrumentDefinition = {
      ...base,
      items: k,
      // The total range follows the version actually used (item count, range and scoring).
      totalRange: scoring === 'sum' ? [k * itemRange[0], k * itemRange[1]] : [itemRange[0], itemRange[1]],
    };
    if (!(itemRange[0] < itemRange[1])) problem(`${rangePath}.itemRange`, JSON.stringify(itemRange), 'the item range is empty', '[min, max] with min < max', 'correct the item range');
    for (const r of definition.reverseItems) if (r > k) problem(`${rangePath}.reverseItems`, String(r), 'names an item beyond the last one', `1–${k}`, 'correct the item number');
    out.push({ id: use.id, key, definition, itemColumns });
  });
  if (problems.length > 0) throw new DataValidationError(problems);
  return out;
}

export function itemRules(instruments: readonly ResolvedInstrument[]): NumericRule[] {
  return instruments.flatMap((ins) =>
    ins.itemColumns.map((column): NumericRule => ({
      column,
      kind: 'numeric',
      integer: true,
      min: ins.definition.itemRange[0],
      max: ins.definition.itemRange[1],
      describe: `${ins.key} item (${ins.definition.itemRange[0]}–${ins.definition.itemRange[1]})`,
    })),
  );
}
