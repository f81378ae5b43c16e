/** Paired t test as R's t.test(x, y, paired = TRUE): a one-sample t test on d = x − y. */
import { StatsError, assertAlternative, assertConfLevel, assertFinite, assertFiniteScalar, assertSameLength } from '../errors.ts';
import { studentT, tPValue, type Alternative } from '../dist/continuous.ts';
import { mean, variance } from '../descriptive/descriptive.ts';

export interface PairedTResult {
  readonly method: 'Paired t-test';
  readonly options: { readonly alternative: Alternative; readonly confLevel: number; readonly mu: number };
  readonly estimate: number;
  readonly n: number;
  readonly se: number;
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

export function pairedTTest(x: ArrayLike<number>, y: ArrayLike<number>, options: { alternative?: Alternative; confLevel?: number; mu?: number } = {}): PairedTResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const mu = options.mu ?? 0;
  assertAlternative(alternative);
  assertConfLevel(confLevel);
  assertFiniteScalar(mu, 'mu');
  assertSameLength(x, y, 'x', 'y');
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  if (x.length < 2) throw new StatsError('EMPTY_GROUP', `a paired t test needs at least 2 pairs, got ${x.length}`);
  const d = Array.from(x, (v, i) => v - y[i]);
  const n = d.length;
  return pairedTFromSummary({ n, mean: mean(d), variance: variance(d) }, { alternative, confLevel, mu });
}

/**
 * The same test from the differences' summary (n, mean, sample variance): what a database aggregate gives
 * when the values themselves stay in the store (the roll-out's pre/post change per municipality).
 */
export function pairedTFromSummary(summary: { readonly n: number; readonly mean: number; readonly variance: number }, options: { alternative?: Alternative; confLevel?: number; mu?: number } = {}): PairedTResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const mu = options.mu ?? 0;
  assertAlternative(alternative);
  assertConfLevel(confLevel);
  assertFiniteScalar(mu, 'mu');
  const { n, mean: est, variance: v } = summary;
  if (!Number.isInteger(n) || n < 2) throw new StatsError('EMPTY_GROUP', `a paired t test needs at least 2 pairs, got ${n}`);
  assertFiniteScalar(est, 'mean');
  assertFiniteScalar(v, 'variance');
  const se = Math.sqrt(v / n);
  if (!(se > 0)) throw new StatsError('CONSTANT_DATA', 'the differences are constant: the t statistic is undefined');
  const t = (est - mu) / se;
  const df = n - 1;
  const q = (p: number) => studentT.quantile(p, df);
  const [lower, upper] =
    alternative === 'less' ? [-Infinity, est + q(confLevel) * se] : alternative === 'greater' ? [est - q(confLevel) * se, Infinity] : [est - q(1 - (1 - confLevel) / 2) * se, est + q(1 - (1 - confLevel) / 2) * se];
  return { method: 'Paired t-test', options: { alternative, confLevel, mu }, estimate: est, n, se, statistic: t, df, p: tPValue(t, df, alternative), lower, upper };
}
