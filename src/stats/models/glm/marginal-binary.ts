/**
 * Covariate-adjusted effects on a binary outcome by logistic regression with marginal
 * standardisation (g-computation; FDA 2023 guidance "Adjusting for Covariates in Randomized
 * Clinical Trials for Drugs and Biological Products"):
 *   1. fit logit P(Y = 1) = β₀ + arm + covariates + strata (main effects) by IRLS;
 *   2. predict every participant under every arm a: μ̂ᵢ(a) = expit(xᵢ(a)ᵀβ̂);
 *   3. the standardised risk of arm a is p̂_a = (1/n) Σᵢ μ̂ᵢ(a);
 *   4. per comparison t vs c: risk difference p̂_t − p̂_c, risk ratio p̂_t/p̂_c and marginal odds
 *      ratio [p̂_t/(1 − p̂_t)]/[p̂_c/(1 − p̂_c)], SEs by the delta method on Cov(p̂) (RR and OR
 *      on the log scale), Wald CIs and z tests.
 * Cov(p̂) is the unconditional estimator of Ye et al. (2023) by default, or Ge et al.'s (2011)
 * delta method over the HC0 sandwich covariance of β̂ (see marginal-variance.ts and
 * docs/binary-and-count.md for why the default). Zero cells and (quasi-)separation are a
 * StatsError('SEPARATION'), never a NaN or a diverging estimate.
 */
import { StatsError } from '../../errors.ts';
import { glm, type GlmCoefficient } from './irls.ts';
import { glmSandwich } from './robust.ts';
import { geCovariance, yeCovariance, type MarginalVariance } from './marginal-variance.ts';
import {
  armDesign, ratioEffect, resolveComparisons, waldEffect, zQuantile,
  type ArmComparison, type ArmModelData, type ComparisonChoice, type RatioEffect, type WaldEffect,
} from './arm-model.ts';

export interface MarginalBinaryOptions {
  readonly confLevel?: number;
  /** Default 'ye-2023' (unconditional; the estimand is the population-average effect). */
  readonly variance?: MarginalVariance;
  /** Default 'vs-control'. */
  readonly comparisons?: ComparisonChoice;
  /** For 'ye-2023' with strata: 'stratified-block' (default when strata are given) or 'simple'. */
  readonly randomization?: 'simple' | 'stratified-block';
  /** Outcome name used in the formula (default "y"). */
  readonly outcomeName?: string;
  readonly epsilon?: number;
  readonly maxit?: number;
}

export interface StandardisedRisk {
  readonly arm: string;
  readonly n: number;
  readonly events: number;
  /** Standardised (marginal) risk p̂_a. */
  readonly risk: number;
  readonly se: number;
  /** Wald interval on the logit scale, back-transformed (stays inside (0, 1)). */
  readonly lower: number;
  readonly upper: number;
}

export interface MarginalBinaryComparison extends ArmComparison {
  readonly riskDifference: WaldEffect;
  readonly riskRatio: RatioEffect;
  readonly oddsRatio: RatioEffect;
}

export interface MarginalBinaryResult {
  readonly method: 'logistic regression with marginal standardisation (g-computation)';
  readonly estimand: 'population-average (marginal) risks and their contrasts';
  readonly formula: string;
  readonly options: { readonly confLevel: number; readonly variance: MarginalVariance; readonly randomization: 'simple' | 'stratified-block'; readonly comparisons: readonly ArmComparison[] };
  readonly n: number;
  /** The logistic model's coefficients with model-based SEs (log odds, conditional on covariates). */
  readonly coefficients: readonly GlmCoefficient[];
  readonly risks: readonly StandardisedRisk[];
  /** Cov(p̂) in arm-level order. */
  readonly riskCovariance: readonly (readonly number[])[];
  readonly comparisons: readonly MarginalBinaryComparison[];
  readonly iterations: number;
  readonly warnings: readonly string[];
}

const expit = (eta: number) => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta)));

export function marginalBinaryEffects(data: ArmModelData, options: MarginalBinaryOptions = {}): MarginalBinaryResult {
  const confLevel = options.confLevel ?? 0.95;
  const q = zQuantile(confLevel);
  const variance = options.variance ?? 'ye-2023';
  if (variance !== 'ye-2023' && variance !== 'ge-hc0') throw new StatsError('INVALID_ARGUMENT', `variance must be "ye-2023" or "ge-hc0", got ${JSON.stringify(variance)}`);
  const hasStrata = (data.strata?.length ?? 0) > 0;
  // Without strata there is nothing to stratify on: the randomisation is treated as simple.
  const randomization = hasStrata ? (options.randomization ?? 'stratified-block') : 'simple';
  const { design, armColumns, formula, n, armSizes } = armDesign(data, options.outcomeName);
  const { arm, y } = data;
  const { comparisons, pairs } = resolveComparisons(arm.levels, options.comparisons);
  const events = arm.levels.map(() => 0);
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new StatsError('INVALID_ARGUMENT', `the binary outcome at row ${i} is ${y[i]}; code it 0 (no event) or 1 (event)`, { row: i });
    events[arm.codes[i]] += y[i];
  }
  arm.levels.forEach((l, a) => {
    if (events[a] === 0 || events[a] === armSizes[a]) {
      throw new StatsError('SEPARATION', `arm "${l}": ${events[a] === 0 ? 'no participant has' : 'every participant has'} the event (${events[a]}/${armSizes[a]}), a zero cell: the logistic model's arm effect diverges; report the crude counts (e.g. a Newcombe interval) instead`, { arm: l });
    }
  });
  const glmOptions = { columnNames: design.columnNames, epsilon: options.epsilon, maxit: options.maxit, confLevel };
  const first = glm(design.X, y, 'binomial-logit', glmOptions);
  // One more IRLS pass from the converged coefficients, so that the model-based covariance is
  // computed with weights at the MLE rather than one Newton step behind it (~1e-7 relative).
  const fit = first.converged ? glm(design.X, y, 'binomial-logit', { ...glmOptions, start: first.coef }) : first;
  if (!fit.converged) throw new StatsError('NOT_CONVERGED', `the logistic regression ${formula} did not converge in ${fit.options.maxit} iterations`);
  const aliasedArm = armColumns.filter((j) => j >= 0 && Number.isNaN(fit.coef[j]));
  if (aliasedArm.length > 0) throw new StatsError('NOT_ESTIMABLE', `the arm effect is aliased with the covariates (${aliasedArm.map((j) => design.columnNames[j]).join(', ')}): a covariate duplicates the arm`);
  const warnings = [...fit.warnings, ...fit.aliased.map((c) => `column ${c} is aliased with earlier columns and was dropped from the model`)];
  // Counterfactual linear predictors: swap the participant's own arm effect for arm a's.
  const armCoef = armColumns.map((j) => (j < 0 ? 0 : fit.coef[j]));
  const counterfactual = arm.levels.map((_, a) => Float64Array.from({ length: n }, (_v, i) => expit(fit.eta[i] - armCoef[arm.codes[i]] + armCoef[a])));
  const risks = counterfactual.map((mu) => mu.reduce((s, v) => s + v, 0) / n);
  const V = variance === 'ge-hc0'
    ? geCovariance(design.X, armColumns, counterfactual, glmSandwich(fit, design.X, y), fit.coef)
    : yeCovariance(y, arm, counterfactual, fit.mu, randomization === 'stratified-block' ? data.strata! : null, warnings);
  const standardised = arm.levels.map((l, a): StandardisedRisk => {
    const p = risks[a];
    const logit = waldEffect(Math.log(p / (1 - p)), Math.sqrt(V[a][a]) / (p * (1 - p)), q, `standardised risk of arm "${l}"`);
    return { arm: l, n: armSizes[a], events: events[a], risk: p, se: Math.sqrt(V[a][a]), lower: expit(logit.lower), upper: expit(logit.upper) };
  });
  // Delta method: Var(g(p̂_t) − g(p̂_c)) = g′_t² V_tt + g′_c² V_cc − 2 g′_t g′_c V_tc.
  const contrastSe = (t: number, c: number, dt: number, dc: number) => Math.sqrt(dt * dt * V[t][t] + dc * dc * V[c][c] - 2 * dt * dc * V[t][c]);
  const out = comparisons.map((cmp, m): MarginalBinaryComparison => {
    const [t, c] = pairs[m];
    const [pt, pc] = [risks[t], risks[c]];
    const label = `${cmp.treatment} vs ${cmp.control}`;
    return {
      ...cmp,
      riskDifference: waldEffect(pt - pc, contrastSe(t, c, 1, 1), q, `risk difference ${label}`),
      riskRatio: ratioEffect(Math.log(pt / pc), contrastSe(t, c, 1 / pt, 1 / pc), q, `risk ratio ${label}`),
      oddsRatio: ratioEffect(Math.log(pt / (1 - pt)) - Math.log(pc / (1 - pc)), contrastSe(t, c, 1 / (pt * (1 - pt)), 1 / (pc * (1 - pc))), q, `odds ratio ${label}`),
    };
  });
  return {
    method: 'logistic regression with marginal standardisation (g-computation)',
    estimand: 'population-average (marginal) risks and their contrasts',
    formula,
    options: { confLevel, variance, randomization, comparisons },
    n,
    coefficients: fit.coefficients,
    risks: standardised,
    riskCovariance: V,
    comparisons: out,
    iterations: fit.iterations,
    warnings,
  };
}
