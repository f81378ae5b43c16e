export * from './family.ts';
export * from './irls.ts';
export * from './negative-binomial.ts';
export * from './robust.ts';
export * from './arm-model.ts';
export * from './marginal-binary.ts';
export * from './marginal-variance.ts';
export * from './rate-ratios.ts';
