/**
 * Report test inputs: results.json and economics.json written by `effekt analyze` and
 * `effekt economics` on the bundled twin (dsi-base-case linked to the trial), committed so the
 * report tests do not depend on the analysis being re-run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisResults } from '../../src/analysis/results/types.ts';
import type { EconomicsResult } from '../../src/economics/run.ts';
import { repoRoot } from '../helpers/fixtures.ts';

export const fixtureDir = join(repoRoot, 'test/report/fixtures');
export const resultsFile = join(fixtureDir, 'results.json');
export const economicsFile = join(fixtureDir, 'economics.json');

export function loadResults(): AnalysisResults {
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as AnalysisResults;
}

export function loadEconomics(): EconomicsResult {
  return JSON.parse(readFileSync(economicsFile, 'utf8')) as EconomicsResult;
}

/** A deep copy with changes, for "what if results.json holds …" cases. */
export function withResults(f: (r: { -readonly [K in keyof AnalysisResults]: AnalysisResults[K] }) => void): AnalysisResults {
  const r = structuredClone(loadResults()) as { -readonly [K in keyof AnalysisResults]: AnalysisResults[K] };
  f(r);
  return r;
}
