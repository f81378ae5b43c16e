/**
 * The instrument registry: scoring rules as data (registry.json), validated once. A trial spec
 * picks an entry and may override item range, reverse-coded items, scoring and direction for
 * its version of a scale; `resolveInstrument` merges the two.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const localised = z.object({ da: z.string(), en: z.string() }).strict();

export const instrumentDefinitionSchema = z
  .object({
    name: localised,
    items: z.number().int().positive(),
    itemRange: z.tuple([z.number(), z.number()]),
    scoring: z.enum(['sum', 'mean']),
    totalRange: z.tuple([z.number(), z.number()]),
    higherIsBetter: z.boolean(),
    mcid: z.object({ betweenGroups: z.number().positive(), withinPerson: z.number().positive() }).strict().nullable(),
    missing: z.union([
      z.object({ rule: z.literal('prorate'), maxMissingShare: z.number().min(0).max(1) }).strict(),
      z.object({ rule: z.literal('prorate'), maxMissing: z.number().int().min(0) }).strict(),
      z.object({ rule: z.literal('replace-mean'), maxMissing: z.number().int().min(0) }).strict(),
    ]),
    reverseItems: z.array(z.number().int().positive()),
    source: z.string(),
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
