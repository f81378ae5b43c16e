export * from './binary.ts';
export * from './cohens-d.ts';
export * from './funnel.ts';
