export * from './registry.ts';
export * from './score.ts';
export * from './resolve.ts';
export * from './score-trial.ts';
export * from './summary.ts';
export * from './load-trial.ts';
