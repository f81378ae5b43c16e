export * from './types.ts';
export * from './fit.ts';
export * from './basis.ts';
export * from './data.ts';
export { mmrmDf, satterthwaiteDf, betweenWithinDf } from './df/index.ts';
export { covarianceStructures, covarianceStructure } from './covariance/registry.ts';
export type { CovarianceId, CovarianceStructure } from './covariance/types.ts';
export { pacfToAcf, acfToPacf } from './covariance/toeplitz.ts';
