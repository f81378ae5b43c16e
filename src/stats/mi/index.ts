export * from './options.ts';
export * from './fcs.ts';
export * from './delta.ts';
export { normDraw, normDrawQr, linearPredictor, type NormDraw } from './methods/norm-draw.ts';
export { imputeNorm, type MethodInput } from './methods/norm.ts';
export { imputePmm, matchDonors } from './methods/pmm.ts';
export { imputeLogreg } from './methods/logreg.ts';
