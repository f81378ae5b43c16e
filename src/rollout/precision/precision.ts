/**
 * settlementPrecision: the distribution of a municipality's total payment over a roll-out
 * contract for an expected volume, by simulation through the settlement engine and exactly
 * (exact.ts), with a cross-check of the two. Assumptions, stated in every result: each citizen
 * achieves each metric independently with the given rate (missing follow-up = not achieved, so
 * the per-citizen probability is rate × (1 − dropout)); metrics are independent of each other;
 * the counterfactual is the contract's (estimate, or its upper limit under the conservative
 * option) and is not itself uncertain in the settlement.
 */
import type { Contract } from '../contract/load.ts';
import { RolloutInputError } from '../errors.ts';
import { exactTotal, summariseExact } from './exact.ts';
import { simulatePayments } from './simulate.ts';
import type { Distribution, PrecisionInput, PrecisionResult } from './types.ts';

const MAX_DRAWS = 1_000_000;

function fail(path: string, value: unknown, message: string, fix: string): never {
  throw new RolloutInputError([{ file: '(options)', path, value, message, fix }]);
}

/** Citizens per period from a total: as even as whole citizens allow, the remainder in the first periods. */
export function spreadCitizens(total: number, periods: number): number[] {
  const base = Math.floor(total / periods);
  return Array.from({ length: periods }, (_, t) => base + (t < total - base * periods ? 1 : 0));
}

function empirical(sorted: Float64Array, amount: number | null): Distribution {
  const D = sorted.length;
  const q = (p: number) => sorted[Math.min(D - 1, Math.max(0, Math.ceil(p * D) - 1))];
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= D;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const pExceeds = amount === null ? null : sorted.reduce((a, v) => a + (v > amount ? 1 : 0), 0) / D;
  return { mean, sd: D > 1 ? Math.sqrt(ss / (D - 1)) : 0, q05: q(0.05), q50: q(0.5), q95: q(0.95), pExceeds };
}

export function settlementPrecision(contract: Contract, input: PrecisionInput): PrecisionResult {
  const c = contract.source;
  const T = contract.periods.length;
  if (!c.municipalities.some((m) => m.id === input.municipality)) fail('municipality', input.municipality, 'is not a municipality of the contract', `use one of: ${c.municipalities.map((m) => m.id).join(', ')}`);
  if (input.citizensPerPeriod.length !== T || input.citizensPerPeriod.some((n) => !Number.isInteger(n) || n < 0 || n > 100_000)) {
    fail('citizensPerPeriod', input.citizensPerPeriod, `needs ${T} whole numbers of citizens (one per contract period: ${contract.periods.map((p) => p.id).join(', ')})`, 'give a total (spread evenly) or one number per period');
  }
  if (!(input.dropout >= 0 && input.dropout < 1)) fail('dropout', input.dropout, 'must be a share in [0, 1)', 'give e.g. 0.15');
  if (!(Number.isInteger(input.draws) && input.draws >= 100 && input.draws <= MAX_DRAWS)) fail('draws', input.draws, `must be a whole number from 100 to ${MAX_DRAWS}`, 'give e.g. 20000');
  if (!(Number.isInteger(input.seed) && input.seed >= 1 && input.seed <= 0xffffffff)) fail('seed', input.seed, 'must be a whole number from 1 to 4294967295', 'give e.g. 2025');
  if (input.amount !== null && !(Number.isFinite(input.amount) && input.amount >= 0)) fail('amount', input.amount, 'must be a non-negative amount in DKK', 'give e.g. 500000');
  const known = new Set(contract.metrics.map((m) => m.id));
  for (const id of Object.keys(input.achievementRates)) if (!known.has(id)) fail(`achievementRates.${id}`, id, 'is not a payment metric of the contract', `use one of: ${[...known].join(', ')}`);

  const warnings: string[] = [];
  const metrics = contract.metrics.map((m) => {
    const given = Object.hasOwn(input.achievementRates, m.id) ? input.achievementRates[m.id] : undefined;
    const trialArm = m.benchmark?.arms.find((a) => a.role === 'intervention');
    const rate = given ?? trialArm?.rate;
    if (rate === undefined) fail(`achievementRates.${m.id}`, null, `the metric "${m.id}" has no trial intervention rate to default to`, `give the expected share achieving it with the course, e.g. --rate ${m.id}=0.45`);
    if (!(rate >= 0 && rate <= 1)) fail(`achievementRates.${m.id}`, rate, 'must be a share in [0, 1]', 'give e.g. 0.45');
    const source = given !== undefined ? 'given' : `trial ${trialArm?.label} arm, ${m.benchmark?.resultsMetric} (${trialArm?.events}/${trialArm?.n})`;
    return { m, rate, q: rate * (1 - input.dropout), source };
  });
  if (input.dropout === 0) warnings.push('dropout 0: every citizen is assumed to have a follow-up measurement (missing follow-up counts as not achieved)');
  const setup = {
    metrics: metrics.map(({ m, q }) => ({ id: m.id, pricePerOutcome: m.pricePerOutcome, counterfactual: m.counterfactualUsed, floor: m.floor, cap: m.cap, q })),
    limits: { floor: c.limits.floor, cap: c.limits.cap ?? null },
    carryOver: c.carryOver,
    periods: contract.periods.map((p) => p.id),
    citizens: input.citizensPerPeriod,
    municipality: input.municipality,
  };
  const sim = simulatePayments(setup, input.draws, input.seed);
  const sorted = Float64Array.from(sim.totals).sort();
  const s = empirical(sorted, input.amount);

  // Exact, on a grid of at most ~20,000 points over the possible range.
  const maxTotal = setup.metrics.reduce((a, m) => a + Math.max(m.floor, Math.min(m.cap ?? Infinity, m.pricePerOutcome * input.citizensPerPeriod.reduce((x, y) => x + y, 0))), 0);
  const grid = Math.max(1, Math.ceil(maxTotal / 20_000));
  const ex = summariseExact(exactTotal(input.citizensPerPeriod, setup.metrics.map((m) => ({ price: m.pricePerOutcome, q: m.q, counterfactual: m.counterfactual, floor: m.floor, cap: m.cap })), setup.carryOver, setup.limits, grid), input.amount);
  const mcseMean = s.sd / Math.sqrt(input.draws);
  const mcseP = ex.pExceeds === null ? null : Math.sqrt((ex.pExceeds * (1 - ex.pExceeds)) / input.draws);
  // Grid rounding moves the exact mean by at most grid/2 per metric.
  const meanZ = (s.mean - ex.mean) / Math.sqrt(mcseMean ** 2 + (grid / 2) ** 2 + 1e-12);
  const pExceedsZ = s.pExceeds === null || ex.pExceeds === null || mcseP === null ? null : (s.pExceeds - ex.pExceeds) / Math.max(mcseP, 1 / input.draws);
  const cdfAtSimQ05 = ex.cdf(s.q05);
  const cdfAtSimQ95 = ex.cdf(s.q95);
  const band = (p: number) => 4 * Math.sqrt((p * (1 - p)) / input.draws) + 0.002;
  const agrees = Math.abs(meanZ) < 4 && (pExceedsZ === null || Math.abs(pExceedsZ) < 4) && cdfAtSimQ05 >= 0.05 - band(0.05) && cdfAtSimQ95 >= 0.95 - band(0.95);
  if (!agrees) warnings.push('the simulation and the exact distribution disagree by more than Monte Carlo error: report this as a bug');

  return {
    contract: { id: c.id, file: contract.file, sha256: contract.sha256 },
    municipality: input.municipality,
    citizensPerPeriod: Object.fromEntries(contract.periods.map((p, t) => [p.id, input.citizensPerPeriod[t]])),
    metrics: metrics.map(({ m, rate, q, source }) => ({ id: m.id, achievementRate: rate, rateSource: source, perCitizen: q, counterfactual: m.counterfactualUsed, pricePerOutcome: m.pricePerOutcome })),
    dropout: input.dropout,
    amount: input.amount,
    assumptions: [
      'each citizen achieves each payment metric independently, with probability rate × (1 − dropout) (missing follow-up = not achieved)',
      'the payment metrics are independent of each other (positively correlated metrics would widen the distribution of the total)',
      `the counterfactual is the contract's (${c.counterfactualBound}), fixed in the settlement`,
      `the contract's rules: carry-over "${c.carryOver}", metric caps and floors, contract limits (floor ${c.limits.floor}, cap ${c.limits.cap ?? 'none'})`,
    ],
    simulation: { ...s, draws: input.draws, seed: input.seed, mcseMean, mcsePExceeds: s.pExceeds === null ? null : Math.sqrt((s.pExceeds * (1 - s.pExceeds)) / input.draws), perPeriodMean: sim.perPeriodMean, perMetricMean: sim.perMetricMean },
    exact: { mean: ex.mean, sd: ex.sd, q05: ex.q05, q50: ex.q50, q95: ex.q95, pExceeds: ex.pExceeds, grid, method: `exact binomial convolution; ${c.carryOver === 'deficit' ? 'deficit carry-over as the running maximum of the cumulative surplus' : 'no carry-over'}; metrics combined on a ${grid} DKK grid` },
    crossCheck: { meanZ, pExceedsZ, cdfAtSimQ05, cdfAtSimQ95, agrees },
    warnings,
  };
}
