export { trialDefaults, type TrialDefaults } from './trial-defaults.ts';
export { applyTrialDefaults, type Defaulted, type DefaultUsed, type TrialProvenance, type SingleArmChange } from './apply-defaults.ts';
export { PowerInputError, type PowerInputProblem } from './errors.ts';
export * from './simulate/index.ts';
