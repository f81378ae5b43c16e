/** Survival analysis: Kaplan–Meier, log-rank, Cox, PH test, RMST, Aalen–Johansen (see docs/survival.md). */
export * from './input.ts';
export * from './confidence.ts';
export * from './kaplan-meier.ts';
export * from './quantiles.ts';
export * from './at-times.ts';
export * from './log-rank.ts';
export type { CoxInput } from './cox/data.ts';
export * from './cox/fit.ts';
export * from './cox/zph.ts';
export type { ZphResiduals } from './cox/zph-residuals.ts';
export * from './rmst.ts';
export * from './cumulative-incidence.ts';
