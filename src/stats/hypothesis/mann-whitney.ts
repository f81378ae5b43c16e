/**
 * Wilcoxon rank-sum (Mann–Whitney) test with the Hodges–Lehmann shift, as R's
 * wilcox.test(x, y, conf.int = TRUE):
 *  W = Σ ranks of x − n_x(n_x + 1)/2;
 *  exact p (n_x, n_y < 50 and no ties) from the null distribution of W, built by the recursion
 *  P_{m,n}(w) = m/(m+n)·P_{m−1,n}(w − n) + n/(m+n)·P_{m,n−1}(w); exact CI from the order statistics
 *  of the pairwise differences, estimate their median;
 *  otherwise a normal approximation with the tie correction and continuity correction, and the
 *  estimate and CI as the shifts d where the standardised statistic of (x − d, y) crosses the
 *  quantile — a step function whose zero set is an interval, so the point is found with R's own
 *  root finder and tolerance (uniroot, 1e-4) to land where R lands.
 */
import { StatsError, assertAlternative, assertConfLevel, assertFinite } from '../errors.ts';
import { normal, type Alternative } from '../dist/continuous.ts';
import { medianOf, midRanks } from './ranks.ts';
import { zeroin } from './zeroin.ts';

export interface RankTestResult {
  readonly method: string;
  readonly options: { readonly alternative: Alternative; readonly confLevel: number; readonly exact: boolean; readonly correct: boolean };
  readonly statistic: number;
  readonly p: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Null distribution of W for sample sizes m, n (no ties): probabilities for w = 0 … mn. */
export function rankSumDistribution(m: number, n: number): Float64Array {
  // prev[j][w] holds P_{i−1, j}(w); cur[j][w] holds P_{i, j}(w).
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const out = new Float64Array(i * j + 1);
      const a = prev[j];
      const b = cur[j - 1];
      for (let w = 0; w <= i * j; w++) {
        const fromA = w - j >= 0 && w - j < a.length ? a[w - j] : 0;
        const fromB = w < b.length ? b[w] : 0;
        out[w] = (i / (i + j)) * fromA + (j / (i + j)) * fromB;
      }
      cur.push(out);
    }
    prev = cur;
  }
  return prev[n];
}

const cdfAt = (dist: Float64Array, w: number) => {
  let s = 0;
  for (let k = 0; k <= Math.min(w, dist.length - 1); k++) s += dist[k];
  return s;
};
const sfAbove = (dist: Float64Array, w: number) => {
  let s = 0;
  for (let k = Math.max(0, w + 1); k < dist.length; k++) s += dist[k];
  return s;
};
/** Smallest q with P(W ≤ q) ≥ p (R's qwilcox). */
const quantileOf = (dist: Float64Array, p: number) => {
  let s = 0;
  for (let k = 0; k < dist.length; k++) {
    s += dist[k];
    if (s >= p * (1 - 64 * Number.EPSILON)) return k;
  }
  return dist.length - 1;
};

export function mannWhitney(xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: { alternative?: Alternative; confLevel?: number; exact?: boolean; correct?: boolean } = {}): RankTestResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const correct = options.correct ?? true;
  assertAlternative(alternative);
  assertConfLevel(confLevel);
  assertFinite(xIn, 'x');
  assertFinite(yIn, 'y');
  const x = Array.from(xIn);
  const y = Array.from(yIn);
  const [nx, ny] = [x.length, y.length];
  if (nx < 1 || ny < 1) throw new StatsError('EMPTY_GROUP', `each group needs at least one value (got ${nx} and ${ny})`);
  const { ranks, ties } = midRanks([...x, ...y]);
  const hasTies = ties.some((t) => t > 1);
  const exact = (options.exact ?? (nx < 50 && ny < 50)) && !hasTies;
  const W = ranks.slice(0, nx).reduce((a, b) => a + b, 0) - (nx * (nx + 1)) / 2;
  const alpha = 1 - confLevel;
  const diffs = x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
  if (exact) {
    const dist = rankSumDistribution(nx, ny);
    const p =
      alternative === 'greater' ? sfAbove(dist, W - 1) : alternative === 'less' ? cdfAt(dist, W) : Math.min(1, 2 * (W > (nx * ny) / 2 ? sfAbove(dist, W - 1) : cdfAt(dist, W)));
    let lower = -Infinity;
    let upper = Infinity;
    if (alternative === 'two.sided') {
      const qu = Math.max(1, quantileOf(dist, alpha / 2));
      lower = diffs[qu - 1];
      upper = diffs[nx * ny - qu];
    } else if (alternative === 'greater') lower = diffs[Math.max(1, quantileOf(dist, alpha)) - 1];
    else upper = diffs[nx * ny - Math.max(1, quantileOf(dist, alpha))];
    return { method: 'Wilcoxon rank-sum exact test', options: { alternative, confLevel, exact: true, correct }, statistic: W, p, estimate: medianOf(diffs), lower, upper };
  }
  const tieTerm = (t: number[]) => t.reduce((s, k) => s + k ** 3 - k, 0) / ((nx + ny) * (nx + ny - 1));
  const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm(ties)));
  if (!(sigma > 0)) throw new StatsError('CONSTANT_DATA', 'all values are tied: the rank statistic has no variance');
  const corr = (z: number) => (!correct ? 0 : alternative === 'two.sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5);
  const z0 = W - (nx * ny) / 2;
  const z = (z0 - corr(z0)) / sigma;
  const p = alternative === 'greater' ? normal.sf(z) : alternative === 'less' ? normal.cdf(z) : Math.min(1, 2 * Math.min(normal.cdf(z), normal.sf(z)));
  const wdiff = (d: number, zq: number, withCorrection = correct) => {
    const r = midRanks([...x.map((v) => v - d), ...y]);
    const dz = r.ranks.slice(0, nx).reduce((a, b) => a + b, 0) - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
    const s = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm(r.ties)));
    return (dz - (withCorrection ? corr(dz) : 0)) / s - zq;
  };
  const mumin = Math.min(...x) - Math.max(...y);
  const mumax = Math.max(...x) - Math.min(...y);
  // As R: the CI limits check the ends first; the estimate calls uniroot directly (tol 1e-4).
  const rootAt = (zq: number) => {
    const fl = wdiff(mumin, zq);
    const fu = wdiff(mumax, zq);
    if (fl <= 0) return mumin;
    if (fu >= 0) return mumax;
    return zeroin((d) => wdiff(d, zq), mumin, mumax, fl, fu, 1e-4);
  };
  // R computes the estimate without the continuity correction.
  const estimate = zeroin((d) => wdiff(d, 0, false), mumin, mumax, wdiff(mumin, 0, false), wdiff(mumax, 0, false), 1e-4);
  const [lower, upper] =
    alternative === 'two.sided' ? [rootAt(normal.quantile(1 - alpha / 2)), rootAt(normal.quantile(alpha / 2))] : alternative === 'greater' ? [rootAt(normal.quantile(1 - alpha)), Infinity] : [-Infinity, rootAt(normal.quantile(alpha))];
  return { method: `Wilcoxon rank-sum test${correct ? ' with continuity correction' : ''} (normal approximation)`, options: { alternative, confLevel, exact: false, correct }, statistic: W, p, estimate, lower, upper };
}
