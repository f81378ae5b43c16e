/**
 * Probabilistic sensitivity analysis: a seeded Monte Carlo over every uncertain parameter
 * (one independent sub-stream per parameter, so adding a parameter leaves the others' draws
 * unchanged), evaluating the same business case and settlement as the base case.
 * Effect-rate draws are kept within [−1, 1]; how many were clipped is reported.
 */
import { createRng, type Rng } from '../../stats/random/rng.ts';
import { quantileSorted } from '../../stats/descriptive/descriptive.ts';
import type { Scenario } from '../scenario/schema.ts';
import { baseParameters, getParameter, parameterKeys, type ModelParameters, type ParameterKey } from '../model/parameters.ts';
import { fastEvaluator } from '../model/net-total.ts';
import { sample, type ParameterDistribution } from './distributions.ts';
import { parameterDistribution } from './parameter-distributions.ts';

export interface Histogram {
  readonly binEdges: readonly number[];
  readonly counts: readonly number[];
}

export interface PsaSummary {
  readonly mean: number;
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
}

export interface PsaResult {
  readonly draws: number;
  readonly seed: number;
  readonly totalNet: PsaSummary;
  readonly netPerCitizen: PsaSummary;
  readonly probabilityNetSaving: number;
  readonly probabilityInvestorRepaid: number;
  readonly histogram: Histogram;
  readonly clippedEffectDraws: number;
  readonly distributions: Readonly<Record<string, ParameterDistribution>>;
}

function summarise(x: Float64Array): PsaSummary {
  const sorted = Float64Array.from(x).sort();
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return { mean: s / x.length, median: quantileSorted(sorted, 0.5), lower: quantileSorted(sorted, 0.025), upper: quantileSorted(sorted, 0.975) };
}

/**
 * Equal-width bins over the draws. When the draws straddle 0 the grid is shifted so that 0 is a
 * bin edge (one bin more), so every bin is wholly a loss or wholly a saving and the bins at or
 * above 0 hold exactly the draws counted in P(net saving > 0) (bar any draw of exactly 0).
 */
function histogram(x: Float64Array, bins: number): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / bins;
  if (min < 0 && max > 0) {
    // Bin k covers [k·width, (k + 1)·width): the sign of v decides the side of 0 exactly.
    const k0 = Math.floor(min / width);
    const n = Math.max(Math.floor(max / width) - k0 + 1, 1);
    const counts = new Array<number>(n).fill(0);
    for (const v of x) counts[Math.min(n - 1, Math.floor(v / width) - k0)]++;
    return { binEdges: Array.from({ length: n + 1 }, (_, i) => (k0 + i) * width), counts };
  }
  const counts = new Array<number>(bins).fill(0);
  for (const v of x) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return { binEdges: Array.from({ length: bins + 1 }, (_, i) => min + i * width), counts };
}

export interface PsaOptions {
  readonly draws?: number;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export function runPsa(s: Scenario, options: PsaOptions = {}): PsaResult {
  const draws = options.draws ?? s.psa.draws;
  const seed = options.seed ?? s.psa.seed;
  const keys = parameterKeys(s);
  const root = createRng(seed);
  const streams = new Map<ParameterKey, { rng: Rng; dist: ParameterDistribution }>();
  for (const k of keys) streams.set(k, { rng: root.fork(k), dist: parameterDistribution(s, k) });
  const base = baseParameters(s);
  const totalNet = new Float64Array(draws);
  const perCitizen = new Float64Array(draws);
  let netPositive = 0;
  let repaid = 0;
  let clipped = 0;
  const every = Math.max(1, Math.floor(draws / 100));
  const n = s.programme.groupsPerYear * s.programme.participantsPerGroup * s.programme.years;
  const evaluate = fastEvaluator(s);
  // Only parameters with a distribution are drawn (a fixed one consumes no random numbers, so
  // leaving it out changes no draw); each draw fills one fresh parameter set.
  const drawn = [...streams]
    .filter(([, v]) => v.dist.type !== 'fixed')
    .map(([k, v]) => ({ key: k, rng: v.rng, dist: v.dist, base: getParameter(base, k), isEffect: k.startsWith('effect:'), id: k.slice(7) }));
  for (let d = 0; d < draws; d++) {
    const effectRates: Record<string, number> = { ...base.effectRates };
    const savingTotals: Record<string, number> = { ...base.savingTotals };
    let costPerCitizen = base.costPerCitizen;
    let discountRate = base.discountRate;
    for (const x of drawn) {
      let v = sample(x.dist, x.base, x.rng);
      if (x.isEffect) {
        if (v < -1 || v > 1) {
          v = Math.max(-1, Math.min(1, v));
          clipped++;
        }
        effectRates[x.id] = v;
      } else if (x.key === 'costPerCitizen') costPerCitizen = v;
      else if (x.key === 'discountRate') discountRate = v;
      else savingTotals[x.id] = v;
    }
    const p: ModelParameters = { costPerCitizen, discountRate, effectRates, savingTotals };
    const net = evaluate.totalNet(p);
    totalNet[d] = net;
    perCitizen[d] = net / n;
    if (net > 0) netPositive++;
    if (evaluate.totalPayments(p) >= evaluate.totalPrefinancing) repaid++;
    if (options.onProgress && (d + 1) % every === 0) options.onProgress(d + 1, draws);
  }
  return {
    draws,
    seed,
    totalNet: summarise(totalNet),
    netPerCitizen: summarise(perCitizen),
    probabilityNetSaving: netPositive / draws,
    probabilityInvestorRepaid: repaid / draws,
    histogram: histogram(totalNet, s.psa.bins),
    clippedEffectDraws: clipped,
    distributions: Object.fromEntries([...streams].map(([k, v]) => [k, v.dist])),
  };
}
