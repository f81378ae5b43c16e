export * from './basis.ts';
export * from './grid.ts';
export * from './emmeans.ts';
export * from './from-ols.ts';
