export * from './one-way.ts';
export * from './term-tests.ts';
