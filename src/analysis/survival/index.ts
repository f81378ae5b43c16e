export * from './types.ts';
export { analyseSurvival, resolveOptions } from './analyse.ts';
export { analyseCompetingRisks } from './competing.ts';
export { coxComparison } from './cox.ts';
export { defaultGrid, riskTicks } from './grid.ts';
