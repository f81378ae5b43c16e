export * from './continuous.ts';
export * from './noncentral-t.ts';
