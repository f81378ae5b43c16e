export * from './continuous.ts';
