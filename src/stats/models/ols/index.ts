export * from './ols.ts';
export * from './robust.ts';
