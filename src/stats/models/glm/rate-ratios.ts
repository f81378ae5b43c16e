/**
 * Rate ratios for a count outcome between randomised arms:
 *   log E[Yᵢ] = log tᵢ + β₀ + arm + covariates + strata     (tᵢ the exposure, an offset),
 * by Poisson regression (R: glm(family = poisson, offset = log(t))) or negative-binomial regression
 * with θ by maximum likelihood (MASS::glm.nb; Var Y = μ + μ²/θ). The rate ratio of arm t vs c is
 * exp(β_t − β_c) with SE of the log from Cov(β̂): model-based (Fisher information; for the negative
 * binomial at the estimated θ, as summary(glm.nb)) or, for Poisson, the HC0 sandwich
 * (sandwich::vcovHC(type = "HC0")), which stays valid under overdispersion. With a log link and no
 * interactions the covariate-conditional rate ratio equals the marginal (standardised) one.
 */
import { StatsError } from '../../errors.ts';
import type { Matrix } from '../../linalg/matrix.ts';
import { glm, type GlmCoefficient, type GlmFit } from './irls.ts';
import { glmNegBin, type NegBinFit } from './negative-binomial.ts';
import { glmSandwich } from './robust.ts';
import {
  armDesign, ratioEffect, resolveComparisons, waldEffect, zQuantile,
  type ArmComparison, type ArmModelData, type ComparisonChoice, type RatioEffect,
} from './arm-model.ts';

export type CountModel = 'poisson' | 'negative-binomial';
export type CountVariance = 'model' | 'robust-hc0';

export interface CountData extends ArmModelData {
  /** Exposure per participant (time at risk, > 0); its log enters as an offset. Omitted: 1 each. */
  readonly exposure?: ArrayLike<number>;
}

export interface RateRatioOptions {
  readonly confLevel?: number;
  /** 'model' (default) or, for Poisson only, 'robust-hc0'. */
  readonly variance?: CountVariance;
  readonly comparisons?: ComparisonChoice;
  readonly outcomeName?: string;
  /** Name of the exposure in the formula (default "exposure"). */
  readonly exposureName?: string;
  readonly epsilon?: number;
  readonly maxit?: number;
}

export interface ArmRate {
  readonly arm: string;
  readonly n: number;
  readonly events: number;
  readonly exposure: number;
  /** events / exposure, unadjusted. */
  readonly crudeRate: number;
}

export interface RateRatioComparison extends ArmComparison {
  readonly rateRatio: RatioEffect;
}

export interface RateRatioResult {
  readonly method: string;
  readonly estimand: 'ratio of event rates per unit of exposure';
  readonly formula: string;
  readonly options: { readonly confLevel: number; readonly model: CountModel; readonly variance: CountVariance; readonly comparisons: readonly ArmComparison[] };
  readonly n: number;
  /** Coefficients (log rate ratios) with SEs from the chosen variance. */
  readonly coefficients: readonly GlmCoefficient[];
  /** Negative binomial: θ (Var Y = μ + μ²/θ) and its SE; null for Poisson. */
  readonly theta: number | null;
  readonly thetaSe: number | null;
  readonly rates: readonly ArmRate[];
  readonly comparisons: readonly RateRatioComparison[];
  readonly deviance: number;
  readonly dfResidual: number;
  readonly warnings: readonly string[];
}

function withVariance(fit: GlmFit, V: Matrix, q: number): GlmCoefficient[] {
  const p = V.rows;
  return fit.coefficients.map((c, j) => {
    if (c.estimate === null) return c;
    const e = waldEffect(c.estimate, Math.sqrt(V.data[j + j * p]), q, `coefficient ${c.name}`);
    return { name: c.name, estimate: e.estimate, se: e.se, statistic: e.statistic, p: e.p, lower: e.lower, upper: e.upper };
  });
}

export function countRateRatios(data: CountData, model: CountModel, options: RateRatioOptions = {}): RateRatioResult {
  if (model !== 'poisson' && model !== 'negative-binomial') throw new StatsError('INVALID_ARGUMENT', `model must be "poisson" or "negative-binomial", got ${JSON.stringify(model)}`);
  const confLevel = options.confLevel ?? 0.95;
  const q = zQuantile(confLevel);
  const variance = options.variance ?? 'model';
  if (variance !== 'model' && variance !== 'robust-hc0') throw new StatsError('INVALID_ARGUMENT', `variance must be "model" or "robust-hc0", got ${JSON.stringify(variance)}`);
  if (variance === 'robust-hc0' && model !== 'poisson') throw new StatsError('INVALID_ARGUMENT', 'the robust (sandwich) variance is offered for the Poisson model; the negative binomial models the overdispersion itself');
  const exposureName = options.exposureName ?? 'exposure';
  const { design, armColumns, formula, n, armSizes } = armDesign(data, options.outcomeName, data.exposure ? `offset(log(${exposureName}))` : undefined);
  const { arm, y } = data;
  const { comparisons, pairs } = resolveComparisons(arm.levels, options.comparisons);
  const t = data.exposure ?? new Float64Array(n).fill(1);
  if (t.length !== n) throw new StatsError('LENGTH_MISMATCH', `the exposure has ${t.length} values but the outcome has ${n}`);
  const events = arm.levels.map(() => 0);
  const exposure = arm.levels.map(() => 0);
  for (let i = 0; i < n; i++) {
    if (!(Number.isInteger(y[i]) && y[i] >= 0)) throw new StatsError('INVALID_ARGUMENT', `the count at row ${i} is ${y[i]}; a count is a whole number ≥ 0`, { row: i });
    if (!(t[i] > 0 && Number.isFinite(t[i]))) throw new StatsError('INVALID_ARGUMENT', `the exposure at row ${i} is ${t[i]}; it must be a finite number > 0 (a participant with no time at risk contributes nothing: leave them out)`, { row: i });
    events[arm.codes[i]] += y[i];
    exposure[arm.codes[i]] += t[i];
  }
  arm.levels.forEach((l, a) => {
    if (events[a] === 0) throw new StatsError('NOT_ESTIMABLE', `arm "${l}" has no events (0 in ${armSizes[a]} participants): its log rate diverges and no rate ratio with it is estimable`, { arm: l });
  });
  const offset = Float64Array.from(t, Math.log);
  const glmOptions = { columnNames: design.columnNames, offset, epsilon: options.epsilon, maxit: options.maxit, confLevel, nullDeviance: false };
  // Poisson: one more IRLS pass from the converged coefficients puts the model-based covariance's
  // weights at the MLE (glmNegBin's last fit already starts from converged coefficients).
  const first = model === 'poisson' ? glm(design.X, y, 'poisson-log', glmOptions) : glmNegBin(design.X, y, glmOptions);
  const fit = model === 'poisson' && first.converged ? glm(design.X, y, 'poisson-log', { ...glmOptions, start: first.coef }) : first;
  if (!fit.converged) throw new StatsError('NOT_CONVERGED', `the ${model} regression ${formula} did not converge: ${fit.warnings.join('; ')}`);
  // A fitted rate 10 orders of magnitude below the overall rate means a covariate separates zero
  // counts from the rest: the coefficients diverge and their SEs are meaningless (R reports them).
  const overall = events.reduce((a, b) => a + b, 0) / exposure.reduce((a, b) => a + b, 0);
  const vanishing = [...Array(n).keys()].filter((i) => fit.mu[i] / t[i] < 1e-10 * overall);
  if (vanishing.length > 0) {
    const wild = fit.coefficients.filter((c) => c.se !== null && c.se > 100).map((c) => c.name);
    throw new StatsError('NOT_ESTIMABLE', `the ${model} regression ${formula} diverges: ${vanishing.length} participant(s) with fitted rates near 0 (rows ${vanishing.slice(0, 5).join(', ')}${vanishing.length > 5 ? ', …' : ''}), zero counts separated by ${wild.length ? wild.join(', ') : 'a covariate'}; drop or coarsen that covariate`, { rows: vanishing.slice(0, 20), columns: wild });
  }
  const aliasedArm = armColumns.filter((j) => j >= 0 && Number.isNaN(fit.coef[j]));
  if (aliasedArm.length > 0) throw new StatsError('NOT_ESTIMABLE', `the arm effect is aliased with the covariates (${aliasedArm.map((j) => design.columnNames[j]).join(', ')}): a covariate duplicates the arm`);
  const V = variance === 'robust-hc0' ? glmSandwich(fit, design.X, y) : fit.vcov;
  const p = V.rows;
  const b = (a: number) => (armColumns[a] < 0 ? 0 : fit.coef[armColumns[a]]);
  const v = (a: number, c: number) => (armColumns[a] < 0 || armColumns[c] < 0 ? 0 : V.data[armColumns[a] + armColumns[c] * p]);
  const out = comparisons.map((cmp, m): RateRatioComparison => {
    const [ta, ca] = pairs[m];
    const se = Math.sqrt(v(ta, ta) + v(ca, ca) - 2 * v(ta, ca));
    return { ...cmp, rateRatio: ratioEffect(b(ta) - b(ca), se, q, `rate ratio ${cmp.treatment} vs ${cmp.control}`) };
  });
  const nb = model === 'negative-binomial' ? (fit as NegBinFit) : null;
  return {
    method: model === 'poisson'
      ? `Poisson regression (log link${data.exposure ? ', log exposure offset' : ''}); ${variance === 'robust-hc0' ? 'HC0 sandwich' : 'model-based'} SEs; Wald CIs`
      : `negative-binomial regression (log link${data.exposure ? ', log exposure offset' : ''}, θ by maximum likelihood); model-based SEs at θ̂; Wald CIs`,
    estimand: 'ratio of event rates per unit of exposure',
    formula,
    options: { confLevel, model, variance, comparisons },
    n,
    coefficients: variance === 'robust-hc0' ? withVariance(fit, V, q) : fit.coefficients,
    theta: nb ? nb.theta : null,
    thetaSe: nb ? nb.thetaSe : null,
    rates: arm.levels.map((l, a) => ({ arm: l, n: armSizes[a], events: events[a], exposure: exposure[a], crudeRate: events[a] / exposure[a] })),
    comparisons: out,
    deviance: fit.deviance,
    dfResidual: fit.dfResidual,
    warnings: [...fit.warnings, ...fit.aliased.map((c) => `column ${c} is aliased with earlier columns and was dropped from the model`)],
  };
}
