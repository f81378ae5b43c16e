export * from './t-test.ts';
