export * from './matrix.ts';
export * from './qr.ts';
export * from './cholesky.ts';
