export { employmentScenarioSchema, weeklyComponentSchema, employmentScenarioJsonSchema, type EmploymentScenario, type EmploymentScenarioInput, type WeeklyComponent } from './schema.ts';
export { buildUp, compileEmploymentScenario, checkEmploymentScenario, type EmploymentBuildUp, type ComponentSaving } from './compile.ts';
export { parseEmploymentScenario, parseAnyScenario, loadAnyScenario, type LoadedScenario } from './load.ts';
export { employmentEconomics, type EmploymentEconomics, type EmploymentBreakEven } from './result.ts';
