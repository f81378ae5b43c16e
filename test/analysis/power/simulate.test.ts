/**
 * Simulation-based power: the same seed gives the same result on 1 or 2 threads; with the
 * pilot's own control participants re-randomised and shifted by δ, the simulated ANCOVA power
 * agrees with the closed form (noncentral t with 1 − ρ², src/stats/power) within Monte Carlo
 * error, and δ = 0 rejects at about α.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { simulatePower, PowerInputError, type SimulationPowerOptions } from '../../../src/analysis/power/index.ts';
import { loadTrial } from '../../../src/instruments/load-trial.ts';
import { buildFrame } from '../../../src/analysis/frame/build-frame.ts';
import { planPower } from '../../../src/stats/power/plan.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

const specFile = join(repoRoot, 'data-samples/peer-trial.spec.json');
const dataFile = join(repoRoot, 'data-samples/peer-trial.csv');
const pilot = (o: Partial<SimulationPowerOptions>): SimulationPowerOptions => ({ source: { kind: 'pilot', dataFile, specFile }, outcome: 'qpr15', nPerArm: 50, delta: 4, replicates: 4, seed: 7, threads: 1, estimators: ['ancova'], ...o });

/** SD at the visit and baseline–visit correlation of the pilot's control participants observed at both. */
async function controlStats(): Promise<{ sd: number; rho: number }> {
  const frame = buildFrame(await loadTrial(dataFile, specFile));
  const o = frame.outcomes.find((x) => x.id === 'qpr15')!;
  const [b, y] = [o.values[frame.baselineVisit], o.values[frame.visits.indexOf('end')]];
  const idx = [...Array(frame.n).keys()].filter((i) => frame.arm[i] === frame.control && !Number.isNaN(b[i]) && !Number.isNaN(y[i]));
  const mean = (v: Float64Array) => idx.reduce((a, i) => a + v[i], 0) / idx.length;
  const [mb, my] = [mean(b), mean(y)];
  const sxx = idx.reduce((a, i) => a + (b[i] - mb) ** 2, 0);
  const syy = idx.reduce((a, i) => a + (y[i] - my) ** 2, 0);
  const sxy = idx.reduce((a, i) => a + (b[i] - mb) * (y[i] - my), 0);
  // Resampling with replacement draws from the empirical distribution: its variance divides by N.
  return { sd: Math.sqrt(syy / idx.length), rho: sxy / Math.sqrt(sxx * syy) };
}

describe('simulatePower', () => {
  it('gives the same result on one thread and on two', async () => {
    const o = pilot({ replicates: 4, nPerArm: 30, dropout: 0.1, estimators: ['ancova', 'welch'] });
    const [one, two] = [await simulatePower({ ...o, threads: 1 }), await simulatePower({ ...o, threads: 2 })];
    expect(two).toEqual(one);
    expect(one.estimators.map((e) => e.estimated)).toEqual([4, 4]);
  });

  it('ANCOVA power agrees with the closed form within Monte Carlo error; δ = 0 rejects at about α', async () => {
    const { sd, rho } = await controlStats();
    const R = 200;
    const sim = await simulatePower(pilot({ replicates: R, delta: 4, dropout: 0, seed: 11 }));
    const analytic = planPower({ design: 'ancova', delta: 4, sd, rho, n: 50 }).power;
    const e = sim.estimators[0];
    expect(Math.abs(e.power - analytic), `simulated ${e.power} ± ${e.mcse} vs closed form ${analytic}`).toBeLessThan(3 * Math.sqrt((analytic * (1 - analytic)) / R));
    expect(Math.abs((e.meanEstimate as number) - 4)).toBeLessThan((3 * (e.empiricalSd as number)) / Math.sqrt(R));
    const nul = await simulatePower(pilot({ replicates: R, delta: 0, dropout: 0, seed: 12 }));
    expect(nul.estimators[0].power).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / R));
  });

  it.each([
    ['an unknown outcome', pilot({ outcome: 'qpr' }), 'use one of: qpr15'],
    ['a baseline visit', pilot({ visit: 'baseline' }), 'is not a follow-up visit'],
    ['pilot data without an effect', pilot({ delta: null }), 'need a stated effect'],
    ['too few per arm', pilot({ nPerArm: 2 }), 'from 4 to 100000'],
    ['an unknown estimator', pilot({ estimators: ['gee' as 'ancova'] }), 'cannot be simulated'],
    ['dropout of 1', pilot({ dropout: 1 }), 'share in [0, 1)'],
  ])('%s is a PowerInputError with the fix', async (_, o, message) => {
    const err = await simulatePower(o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PowerInputError);
    expect((err as PowerInputError).userMessage()).toContain(message);
  });
});
