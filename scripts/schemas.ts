/**
 * The JSON Schemas effekt exports for editors and users' tools, generated from the zod schemas
 * that validate the files. `npm run schemas` writes them; a test fails when one is stale.
 */
import { scenarioJsonSchema } from '../src/economics/scenario/schema.ts';
import { analysisPlanJsonSchema } from '../src/analysis/plan/json-schema.ts';
import { trialSpecJsonSchema } from '../src/data/spec/schema.ts';

export const exportedSchemas: ReadonlyArray<{ readonly file: string; readonly schema: () => unknown }> = [
  { file: 'schemas/trial-spec.schema.json', schema: trialSpecJsonSchema },
  { file: 'schemas/economics-scenario.schema.json', schema: scenarioJsonSchema },
  { file: 'schemas/analysis-plan.schema.json', schema: analysisPlanJsonSchema },
];

export function schemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
