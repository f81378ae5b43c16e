/**
 * Power: a full closed-form plan (sample size by root finding through the noncentral t, as pwr),
 * a minimum detectable effect, simulation-based power of the ANCOVA (20 pilot-resampled trials on
 * one thread: the per-trial cost), and settlement precision for the sample contract. R times
 * pwr.t.test / its tight uniroot for the first two.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';
import { planPower } from '../../src/stats/power/plan.ts';
import { simulatePower } from '../../src/analysis/power/simulate/run.ts';
import { loadContract } from '../../src/rollout/contract/load.ts';
import { settlementPrecision, spreadCitizens } from '../../src/rollout/precision/precision.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const cases: BenchCase[] = [
  {
    name: 'power: two-sample n for d = 0.5, power 0.8 (noncentral t, root to 1e-12)',
    run: () => planPower({ design: 'two-sample', effectSize: 0.5, power: 0.8 }),
    repeat: 21,
    r: `library(pwr)\nbench <- function() uniroot(function(n) pwr.t.test(n = n, d = 0.5)$power - 0.8, c(2 + 1e-10, 1e9), tol = 1e-12)$root`,
    rInner: 20,
  },
  {
    name: 'power: ANCOVA minimum detectable effect, 145 per arm, ρ 0.6, dropout and design effect',
    run: () => planPower({ design: 'ancova', n: 145, power: 0.8, rho: 0.6, sd: 10.8, dropout: 0.18, icc: 0.05, clusterSize: 8, clusterArms: 'intervention' }),
    repeat: 11,
  },
  {
    name: 'simulate-power: 20 pilot-resampled trials of 100 per arm, ANCOVA, one thread',
    run: () => simulatePower({ source: { kind: 'pilot', dataFile: join(root, 'data-samples/peer-trial.csv'), specFile: join(root, 'data-samples/peer-trial.spec.json') }, outcome: 'qpr15', nPerArm: 100, delta: 4, dropout: 0.15, replicates: 20, seed: 1, threads: 1, estimators: ['ancova'] }),
    repeat: 3,
  },
  {
    name: 'settlement-precision: sample contract, 240 citizens, 20,000 draws + exact',
    setup: () => loadContract(join(root, 'data-samples/rollout/contract.json')),
    run: (c) => settlementPrecision(c as ReturnType<typeof loadContract>, { municipality: 'Kolding', citizensPerPeriod: spreadCitizens(240, 6), achievementRates: { 'less-psychiatric-contact': 0.45 }, dropout: 0.15, amount: 1e6, draws: 20_000, seed: 7 }),
    repeat: 3,
  },
];
