export * from './family.ts';
export * from './irls.ts';
export * from './negative-binomial.ts';
export * from './robust.ts';
// Trial-effect GLMs (docs/binary-and-count.md): the entry points and their types only; the helpers
// in arm-model.ts and marginal-variance.ts stay internal.
export { marginalBinaryEffects } from './marginal-binary.ts';
export type { MarginalBinaryOptions, MarginalBinaryResult, MarginalBinaryComparison, StandardisedRisk } from './marginal-binary.ts';
export type { MarginalVariance } from './marginal-variance.ts';
export { countRateRatios } from './rate-ratios.ts';
export type { CountData, CountModel, CountVariance, RateRatioOptions, RateRatioResult, RateRatioComparison, ArmRate } from './rate-ratios.ts';
export type { ArmModelData, ArmComparison, ComparisonChoice, FactorVariable, WaldEffect, RatioEffect } from './arm-model.ts';
