export * from './one-way.ts';
