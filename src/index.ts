/**
 * effekt's public API: what notebooks, the CLI and users' scripts import. Layers from the
 * ground up: stats · data · instruments · analysis · economics · report.
 */
export * as stats from './stats/index.ts';
export * from './data/index.ts';
export * from './instruments/index.ts';
export * from './analysis/index.ts';
export * from './economics/index.ts';
export * from './report/index.ts';
