/**
 * Two-sample t tests as R's t.test(x, y): Student (pooled variance, df = n₁ + n₂ − 2) or
 * Welch (df by Welch–Satterthwaite), estimate x̄ − ȳ, its SE, t, p for the alternative and
 * the CI of the difference (one-sided bounds are ±Infinity, as R).
 */
import { StatsError, assertFinite, assertFiniteScalar } from '../errors.ts';
import { studentT, tPValue, type Alternative } from '../dist/continuous.ts';
import { mean, variance } from '../descriptive/descriptive.ts';

export interface TTestOptions {
  readonly alternative?: Alternative;
  readonly confLevel?: number;
  readonly varEqual?: boolean;
  readonly mu?: number;
}

export interface TTestResult {
  readonly method: 'Welch two-sample t-test' | 'Two-sample t-test';
  readonly options: Required<TTestOptions>;
  readonly estimate: number;
  readonly means: readonly [number, number];
  readonly n: readonly [number, number];
  readonly se: number;
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

export function tTest(x: ArrayLike<number>, y: ArrayLike<number>, options: TTestOptions = {}): TTestResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const varEqual = options.varEqual ?? false;
  const mu = options.mu ?? 0;
  if (!['two.sided', 'less', 'greater'].includes(alternative)) throw new StatsError('INVALID_ARGUMENT', `alternative must be two.sided, less or greater, got ${alternative}`);
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsError('INVALID_ARGUMENT', `confLevel must lie in (0, 1), got ${confLevel}`);
  assertFiniteScalar(mu, 'mu');
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  if (x.length < 2 || y.length < 2) throw new StatsError('EMPTY_GROUP', `each group needs at least 2 values (got ${x.length} and ${y.length})`);
  const [mx, my, vx, vy, nx, ny] = [mean(x), mean(y), variance(x), variance(y), x.length, y.length];
  let se: number;
  let df: number;
  if (varEqual) {
    df = nx + ny - 2;
    const v = ((nx - 1) * vx + (ny - 1) * vy) / df;
    se = Math.sqrt(v * (1 / nx + 1 / ny));
  } else {
    const sx = vx / nx;
    const sy = vy / ny;
    se = Math.sqrt(sx + sy);
    // Welch–Satterthwaite on variances scaled by the larger one: the squares of tiny variances
    // (e.g. 1e-324) would underflow to 0/0.
    const m = Math.max(sx, sy);
    const [a, b] = [sx / m, sy / m];
    df = (a + b) ** 2 / (a ** 2 / (nx - 1) + b ** 2 / (ny - 1));
  }
  if (!(se > 0)) throw new StatsError('CONSTANT_DATA', 'both groups are constant: the t statistic is undefined');
  const estimate = mx - my;
  const t = (estimate - mu) / se;
  let lower: number;
  let upper: number;
  if (alternative === 'less') {
    lower = -Infinity;
    upper = estimate + studentT.quantile(confLevel, df) * se;
  } else if (alternative === 'greater') {
    lower = estimate - studentT.quantile(confLevel, df) * se;
    upper = Infinity;
  } else {
    const q = studentT.quantile(1 - (1 - confLevel) / 2, df);
    lower = estimate - q * se;
    upper = estimate + q * se;
  }
  return {
    method: varEqual ? 'Two-sample t-test' : 'Welch two-sample t-test',
    options: { alternative, confLevel, varEqual, mu },
    estimate, means: [mx, my], n: [nx, ny], se, statistic: t, df, p: tPValue(t, df, alternative), lower, upper,
  };
}
