export * from './family.ts';
export * from './irls.ts';
export * from './negative-binomial.ts';
export * from './robust.ts';
