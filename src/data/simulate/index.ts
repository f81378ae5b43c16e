export * from './options.ts';
export * from './simulate.ts';
export { scaleModels, esrReverseItems, type ScaleModel } from './scales.ts';
export { generate, recipe, type Cohort, type DatasetRecipe } from './write-twin.ts';
export { header, participantRows, type Layout } from './layout.ts';
export * as ips from './ips/index.ts';
export { allocateArms, type ArmAllocation } from './allocate-arms.ts';
