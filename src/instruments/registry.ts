/**
 * The built-in instrument library: scoring rules as data (registry.json), validated once. A trial
 * spec picks an entry by name and may override any field for its version of a scale, or define
 * an instrument the library lacks in full (`definition`); `resolveInstruments` merges them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { scoringFields } from '../data/spec/instrument-schema.ts';

export const instrumentDefinitionSchema = z
  .object({
    ...scoringFields,
    items: z.number().int().positive(),
    totalRange: z.tuple([z.number(), z.number()]),
  })
  .strict();

export type InstrumentDefinition = z.output<typeof instrumentDefinitionSchema>;

const registrySchema = z.record(z.string(), instrumentDefinitionSchema);

let cached: Readonly<Record<string, InstrumentDefinition>> | null = null;

export function instrumentRegistry(): Readonly<Record<string, InstrumentDefinition>> {
  if (!cached) {
    const text = readFileSync(new URL('./registry.json', import.meta.url), 'utf8');
    cached = Object.freeze(registrySchema.parse(JSON.parse(text)));
  }
  return cached;
}

/** The largest number of missing items that still gives a score. */
export function maxMissingItems(def: Pick<InstrumentDefinition, 'items' | 'missing'>): number {
  const m = def.missing;
  if ('maxMissingShare' in m) return Math.floor(def.items * m.maxMissingShare + 1e-9);
  return m.maxMissing;
}
