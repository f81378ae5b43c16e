import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { linkResults } from '../../src/economics/link/from-results.ts';
import { runPsa } from '../../src/economics/psa/psa.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const scenarioFile = join(root, 'data-samples/economics/dsi-base-case.json');
const threeMetrics = join(root, 'data-samples/economics/dsi-three-payment-metrics.json');
const fixtureResults = join(root, 'test/economics/fixtures/results.json');

export const cases: BenchCase[] = [
  {
    name: 'economics: PSA, 100,000 draws (DSI base case)',
    setup: () => loadScenario(scenarioFile),
    run: (s) => runPsa(s as ReturnType<typeof loadScenario>, { draws: 100_000 }),
    targetMs: 1000,
  },
  {
    // Seven uncertain parameters: three trial effect rates (one t-distributed, MI df), cost, two savings, discount rate fixed.
    name: 'economics: PSA, 100,000 draws (three payment metrics linked to trial results)',
    setup: () => linkResults(loadScenario(threeMetrics), fixtureResults).scenario,
    run: (s) => runPsa(s as ReturnType<typeof loadScenario>, { draws: 100_000 }),
    targetMs: 1000,
  },
];
