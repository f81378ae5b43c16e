/** The numerical core: pure functions over typed arrays, checked against R. */
export * from './errors.ts';
export * from './random/rng.ts';
export * from './linalg/index.ts';
export * from './dist/index.ts';
export * from './descriptive/index.ts';
export * from './hypothesis/index.ts';
export * from './effects/index.ts';
export * from './multiplicity/index.ts';
export * from './design/model-matrix.ts';
export * from './models/ols/index.ts';
export * from './models/glm/index.ts';
export * from './emm/index.ts';
export * from './anova/index.ts';
export * from './resample/index.ts';
export * from './pool/index.ts';
export * from './mi/index.ts';
export * from './models/mmrm/index.ts';
