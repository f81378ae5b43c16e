export * from './continuous.ts';
export * from './noncentral-t.ts';
export * from './discrete.ts';
