import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { runPsa } from '../../src/economics/psa/psa.ts';

const scenarioFile = join(fileURLToPath(import.meta.url), '../../../data-samples/economics/dsi-base-case.json');

export const cases: BenchCase[] = [
  {
    name: 'economics: PSA, 100,000 draws (DSI base case)',
    setup: () => loadScenario(scenarioFile),
    run: (s) => runPsa(s as ReturnType<typeof loadScenario>, { draws: 100_000 }),
    targetMs: 1000,
  },
];
