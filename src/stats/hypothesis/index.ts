export * from './t-test.ts';
export * from './paired-t.ts';
export * from './chi-square.ts';
export * from './fisher.ts';
export * from './mann-whitney.ts';
export * from './signed-rank.ts';
export * from './zeroin.ts';
