/**
 * The JSON Schemas effekt exports for editors and users' tools: input schemas generated from
 * the zod schemas that validate the files, output schemas (results.json, economics.json)
 * generated from their TypeScript types. `npm run schemas` writes them; a test fails when one
 * is stale, and another validates real outputs against them.
 */
import { createGenerator } from 'ts-json-schema-generator';
import { scenarioJsonSchema } from '../src/economics/scenario/schema.ts';
import { employmentScenarioJsonSchema } from '../src/economics/employment/schema.ts';
import { analysisPlanJsonSchema } from '../src/analysis/plan/json-schema.ts';
import { trialSpecJsonSchema } from '../src/data/spec/schema.ts';
import { contractJsonSchema } from '../src/rollout/contract/schema.ts';
import { rolloutSpecJsonSchema } from '../src/rollout/spec/schema.ts';

function fromType(path: string, type: string): () => unknown {
  return () => createGenerator({ path, type, tsconfig: 'tsconfig.json', skipTypeCheck: true, additionalProperties: false }).createSchema(type);
}

export const exportedSchemas: ReadonlyArray<{ readonly file: string; readonly schema: () => unknown }> = [
  { file: 'schemas/trial-spec.schema.json', schema: trialSpecJsonSchema },
  { file: 'schemas/economics-scenario.schema.json', schema: scenarioJsonSchema },
  { file: 'schemas/employment-scenario.schema.json', schema: employmentScenarioJsonSchema },
  { file: 'schemas/analysis-plan.schema.json', schema: analysisPlanJsonSchema },
  { file: 'schemas/rollout-contract.schema.json', schema: contractJsonSchema },
  { file: 'schemas/rollout-spec.schema.json', schema: rolloutSpecJsonSchema },
  { file: 'schemas/results.schema.json', schema: fromType('src/analysis/results/types.ts', 'AnalysisResults') },
  { file: 'schemas/economics.schema.json', schema: fromType('src/economics/result-shape.ts', 'EconomicsResultShape') },
];

export function schemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
