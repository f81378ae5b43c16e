/**
 * planPower: power, sample size or minimum detectable effect for one design — whichever of
 * `power`, `n` and the effect is left out is solved for.
 *
 * The formulas work on analysable, independent participants (the "formula n" per arm).
 * Recruitment adds the design effect of course groups, DE = 1 + (m − 1)·ICC (Donner & Klar 2000),
 * and dropout: inflation = DE/(1 − dropout) per arm, recruit = formula n × inflation, rounded
 * up. Given a recruited n the formula is evaluated at n/inflation (non-integer, as pwr allows).
 * `ratio` is the intervention : control ratio of those recruited. Clustering may be confined to
 * the intervention arm (PEER's course groups): each arm is then inflated by its own DE, which
 * keeps Var(difference) = σ²(DE/n₁ + 1/n₀) exact, and the formula sees the ratio of the
 * analysable sizes, r·(1/inflation₀)/(1/inflation₁).
 */
import { StatsError } from '../errors.ts';
import { DEFAULT_ROOT_TOL, solveFor } from './solve.ts';
import { designModel, type DesignModel } from './designs.ts';
import { powerDesigns, type PowerInput, type PowerResult, type SolveFor } from './types.ts';

function fail(field: string, message: string): never {
  throw new StatsError('INVALID_ARGUMENT', message, { field });
}

function check(v: number | null | undefined, field: string, ok: (x: number) => boolean, what: string, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) fail(field, `${field} must be ${what}, got ${v}`);
  return v;
}

const given = (v: number | null | undefined) => v !== null && v !== undefined;

/** Rounds up, forgiving floating-point noise in the last bits (64.00000000000001 → 64). */
export function ceilSafe(x: number): number {
  return Math.ceil(x * (1 - 1e-12));
}

/** Design effect of clusters of size m with intra-cluster correlation ICC (Donner & Klar 2000). */
export function designEffect(icc: number, clusterSize: number): number {
  return 1 + (clusterSize - 1) * icc;
}

function solvedFor(i: PowerInput): SolveFor {
  const missing: SolveFor[] = [];
  if (!given(i.power)) missing.push('power');
  if (!given(i.n)) missing.push('n');
  if (!given(i.effectSize) && !given(i.delta) && !given(i.interventionRate)) missing.push('effect');
  if (missing.length === 1) return missing[0];
  throw new StatsError(
    'INVALID_ARGUMENT',
    missing.length === 0 ? 'power, n and the effect are all given: leave out the one to solve for' : `give all but one of power, n and the effect (missing: ${missing.join(', ')})`,
    { field: missing.length === 0 ? 'power' : missing[1] },
  );
}

/**
 * Solves for the minimum detectable effect: the effect nearest "no effect" at which the power
 * reaches the target. Power need not rise all the way along the interval (a rate or risk ratio
 * towards 0 also inflates the variance, so power falls again), so the interval is scanned from
 * the no-effect end on a grid (geometric for ratios) and the first crossing is refined by zeroin.
 */
function solveEffect(m: DesignModel, n0: number, target: number, tol: number): number {
  const [lo, hi] = m.thetaInterval;
  const f = (x: number) => m.power(n0, x);
  const ratio = m.metric === 'risk-ratio' || m.metric === 'rate-ratio' || m.metric === 'hazard-ratio';
  const [start, end] = Math.abs(lo - m.thetaNull) < Math.abs(hi - m.thetaNull) ? [lo, hi] : [hi, lo];
  const steps = 400;
  const at = (k: number) => (ratio ? start * (end / start) ** (k / steps) : start + ((end - start) * k) / steps);
  let prev = start;
  let best = { x: start, p: f(start) };
  for (let k = 1; k <= steps; k++) {
    const x = k === steps ? end : at(k);
    const p = f(x);
    if (p > best.p) best = { x, p };
    if (p >= target) return solveFor(f, target, Math.min(prev, x), Math.max(prev, x), tol, 'effect');
    prev = x;
  }
  throw new StatsError('NOT_ESTIMABLE', `no effect reaches power ${target} with these participants: the highest power is ${best.p.toPrecision(4)} (at ${best.x.toPrecision(4)})`, { field: 'power' });
}

export function planPower(input: PowerInput): PowerResult {
  if (!powerDesigns.includes(input.design)) fail('design', `design must be one of ${powerDesigns.join(', ')}, got ${JSON.stringify(input.design)}`);
  const solve = solvedFor(input);
  const alpha = check(input.alpha, 'alpha', (x) => x > 0 && x < 1, 'strictly between 0 and 1', 0.05);
  const target = solve === 'power' ? NaN : check(input.power, 'power', (x) => x > alpha && x < 1, `strictly between alpha (${alpha}) and 1`, NaN);
  const ratioIn = check(input.ratio, 'ratio', (x) => x > 0 && x <= 100, 'a positive allocation ratio (intervention : control) up to 100', 1);
  const dropout = check(input.dropout, 'dropout', (x) => x >= 0 && x < 1, 'a share in [0, 1)', 0);
  const icc = check(input.icc, 'icc', (x) => x >= 0 && x <= 1, 'an intra-cluster correlation in [0, 1]', 0);
  const clusterSize = check(input.clusterSize, 'clusterSize', (x) => x >= 1, 'a group size of at least 1', 1);
  const tol = check(input.tol, 'tol', (x) => x > 0, 'positive', DEFAULT_ROOT_TOL);
  const sides = input.alternative ?? 'two.sided';
  if (sides !== 'two.sided' && sides !== 'one.sided') fail('alternative', `alternative must be "two.sided" or "one.sided", got ${JSON.stringify(sides)}`);
  const clusterArms = input.clusterArms ?? 'both';
  if (clusterArms !== 'both' && clusterArms !== 'intervention') fail('clusterArms', `clusterArms must be "both" or "intervention", got ${JSON.stringify(clusterArms)}`);
  const direction = input.direction ?? null;
  if (direction !== null && direction !== 'increase' && direction !== 'decrease') fail('direction', `direction must be "increase" or "decrease", got ${JSON.stringify(direction)}`);

  const warnings: string[] = [];
  if (icc > 0 && clusterSize === 1) warnings.push('an ICC without a group size (m = 1) gives no design effect: give the course group size');
  const single = input.design === 'single-arm';
  if (single && ratioIn !== 1) warnings.push('the allocation ratio does not apply to a single-arm design and was ignored');
  const ratio = single ? 1 : ratioIn;
  const arms = single ? ['cohort'] : ['control', 'intervention'];
  const de = designEffect(icc, clusterSize);
  const inflation: Record<string, number> = Object.fromEntries(arms.map((a) => [a, (clusterArms === 'both' || a === 'intervention' || single ? de : 1) / (1 - dropout)]));
  const first = arms[0];
  // The ratio of analysable sizes the formula sees.
  const formulaRatio = single ? 1 : (ratio * inflation.control) / inflation.intervention;
  const model = designModel(input, { alpha, sides, ratio: formulaRatio, direction });
  const share = (a: string) => (a === 'intervention' ? formulaRatio : 1);

  let n0: number;
  let theta: number;
  let power: number;
  let recruit: Record<string, number>;
  if (solve === 'n') {
    theta = model.theta as number;
    n0 = model.closedFormN ? model.closedFormN(target, theta) : solveFor((x) => model.power(x, theta), target, model.nLower, 1e9, tol, 'sample size');
    power = target;
    recruit = Object.fromEntries(arms.map((a) => [a, ceilSafe(n0 * share(a) * inflation[a])]));
  } else {
    const n = check(input.n, 'n', (x) => x > 0, 'a positive number of participants', NaN);
    recruit = Object.fromEntries(arms.map((a) => [a, a === 'intervention' ? n * ratio : n]));
    n0 = n / inflation[first];
    if (model.metric === 'd' && Math.min(...arms.map((a) => n0 * share(a))) < 2) {
      fail('n', `after dropout and the design effect ${(n0 * Math.min(...arms.map(share))).toFixed(2)} analysable participants remain in the smallest arm: a t test needs at least 2`);
    }
    if (solve === 'power') {
      theta = model.theta as number;
      power = model.power(n0, theta);
    } else {
      power = target;
      theta = solveEffect(model, n0, target, tol);
    }
  }
  if (!Number.isFinite(n0) || !Number.isFinite(theta) || !Number.isFinite(power)) throw new StatsError('NOT_ESTIMABLE', `the ${solve} could not be computed for these inputs (got ${solve === 'n' ? n0 : solve === 'power' ? power : theta})`, { field: solve });

  const perArm = Object.fromEntries(arms.map((a) => [a, n0 * share(a)]));
  const perArmRoundedUp = Object.fromEntries(arms.map((a) => [a, ceilSafe(perArm[a])]));
  const sum = (o: Record<string, number>) => Object.values(o).reduce((x, y) => x + y, 0);
  return {
    design: input.design,
    solvedFor: solve,
    method: model.method,
    formula: model.formula,
    references: [...model.references, ...(de !== 1 ? ['Donner A, Klar N. Design and Analysis of Cluster Randomization Trials in Health Research. Arnold 2000 (design effect 1 + (m − 1)·ICC)'] : [])],
    alpha,
    alternative: sides,
    power,
    effect: model.describe(theta),
    ratio,
    adjustments: { dropout, icc, clusterSize, clusterArms, designEffect: de, inflation },
    sampleSize: { perArm, perArmRoundedUp, total: sum(perArm), totalRoundedUp: sum(perArmRoundedUp), recruit, recruitTotal: sum(recruit) },
    events: model.events ? model.events(n0, theta) : null,
    options: { ...model.options, design: input.design, solvedFor: solve, alpha, alternative: sides, ratio, formulaRatio, dropout, icc, clusterSize, clusterArms, tol },
    warnings,
  };
}
