/**
 * Survival analysis (docs/survival.md), each routine pinned to R's survival package:
 * kaplanMeier → survivalQuantiles / survivalAt / numberAtRisk; logRank; coxPH → coxZph;
 * restrictedMeanSurvival; cumulativeIncidence → cumulativeIncidenceAt.
 */
export type { SurvivalInput, Grouping } from './input.ts';
export type { ConfType } from './confidence.ts';
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
