/**
 * Loading any economics scenario file: an ordinary scenario, or an employment scenario
 * (`"kind": "employment"`) that is checked, compiled (compile.ts) and then validated as an
 * ordinary one. Every problem names the file, the JSON path and the fix.
 */
import { parseScenario, readScenarioJson, zodProblems } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EconomicsInputError } from '../scenario/errors.ts';
import { employmentScenarioSchema, type EmploymentScenario } from './schema.ts';
import { checkEmploymentScenario, compileEmploymentScenario, type EmploymentBuildUp } from './compile.ts';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Present for an employment scenario: its inputs and weekly build-up. */
  readonly employment: { readonly inputs: EmploymentScenario; readonly buildUp: EmploymentBuildUp } | null;
}

export function parseEmploymentScenario(input: unknown, file = '<scenario>'): { scenario: Scenario; inputs: EmploymentScenario; buildUp: EmploymentBuildUp } {
  const parsed = employmentScenarioSchema.safeParse(input);
  if (!parsed.success) throw new EconomicsInputError(zodProblems(file, parsed.error.issues, input, 'schemas/employment-scenario.schema.json'));
  const problems = checkEmploymentScenario(parsed.data, file);
  if (problems.length > 0) throw new EconomicsInputError(problems);
  const { scenario, buildUp } = compileEmploymentScenario(parsed.data);
  return { scenario: parseScenario(scenario, `${file} (compiled)`), inputs: parsed.data, buildUp };
}

export function parseAnyScenario(input: unknown, file = '<scenario>'): LoadedScenario {
  if (input !== null && typeof input === 'object' && (input as { kind?: unknown }).kind === 'employment') {
    const r = parseEmploymentScenario(input, file);
    return { scenario: r.scenario, employment: { inputs: r.inputs, buildUp: r.buildUp } };
  }
  return { scenario: parseScenario(input, file), employment: null };
}

export function loadAnyScenario(file: string): LoadedScenario {
  return parseAnyScenario(readScenarioJson(file), file);
}
