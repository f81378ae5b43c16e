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
  spec.instruments.forEach((use, i) => {
    const base = registry[use.instrument];
    if (!base) {
      const near = didYouMean(use.instrument, Object.keys(registry));
      problems.push({ file: spec.specFile, row: null, column: null, path: `instruments[${i}].instrument`, value: use.instrument, message: 'is not in the instrument registry', allowed: Object.keys(registry).join(', '), fix: near ? `did you mean "${near}"?` : 'use a registry key, or add the instrument to src/instruments/registry.json' });
      return;
    }
    const itemColumns = 'prefix' in use.items ? Array.from({ length: use.items.count }, (_, j) => `${(use.items as { prefix: string }).prefix}${j + 1}`) : [...use.items.columns];
    const o = use.overrides ?? {};
    const itemRange = o.itemRange ?? base.itemRange;
    const scoring = o.scoring ?? base.scoring;
    const k = itemColumns.length;
    const definition: InstrumentDefinition = {
      ...base,
      items: k,
      itemRange,
      reverseItems: o.reverseItems ?? base.reverseItems,
      scoring,
      higherIsBetter: o.higherIsBetter ?? base.higherIsBetter,
      // The total range follows the version actually used (item count, range and scoring).
      totalRange: scoring === 'sum' ? [k * itemRange[0], k * itemRange[1]] : [itemRange[0], itemRange[1]],
    };
    if (!(itemRange[0] < itemRange[1])) problems.push({ file: spec.specFile, row: null, column: null, path: `instruments[${i}].overrides.itemRange`, value: JSON.stringify(itemRange), message: 'the item range is empty', allowed: '[min, max] with min < max', fix: 'correct the item range' });
    if (itemColumns.length !== base.items && !use.overrides) {
      problems.push({ file: spec.specFile, row: null, column: null, path: `instruments[${i}].items`, value: String(itemColumns.length), message: `${use.instrument} has ${base.items} items in the registry`, allowed: String(base.items), fix: 'list every item column, or add "overrides" for a shortened version' });
    }
    for (const r of definition.reverseItems) if (r > itemColumns.length) problems.push({ file: spec.specFile, row: null, column: null, path: `instruments[${i}].overrides.reverseItems`, value: String(r), message: 'names an item beyond the last one', allowed: `1–${itemColumns.length}`, fix: 'correct the item number' });
    out.push({ id: use.id, key: use.instrument, definition, itemColumns });
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
