export * from './rubin.ts';
