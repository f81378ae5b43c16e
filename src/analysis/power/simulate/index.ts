export { simulatePower, resolveJob } from './run.ts';
export { simEstimators, type SimEstimator, type SimSource, type SimulationPowerOptions, type SimulatedPowerResult, type SimEstimatorPower, type ReplicateRecord } from './options.ts';
