export * from './adjust.ts';
