export * from './bootstrap.ts';
export * from './intervals.ts';
export * from './permutation.ts';
