/**
 * Wilcoxon signed-rank test (one sample, or paired on d = x − y) with the pseudo-median
 * (Hodges–Lehmann) estimate, as R's wilcox.test(x, y, paired = TRUE, conf.int = TRUE):
 * zero differences are dropped; V = Σ ranks of |d| over positive d; exact p and CI (from the
 * Walsh averages) when n < 50 with no ties or zeros, else the normal approximation with tie and
 * continuity corrections and the estimate/CI by R's own root finder and tolerance (uniroot, 1e-4).
 */
import signrankCdf from '@stdlib/stats-base-dists-signrank-cdf';
import { StatsError, assertAlternative, assertConfLevel, assertFinite, assertFiniteScalar, assertSameLength } from '../errors.ts';
import { normal, type Alternative } from '../dist/continuous.ts';
import { medianOf, midRanks } from './ranks.ts';
import { zeroin } from './zeroin.ts';
import type { RankTestResult } from './mann-whitney.ts';

export function signedRank(xIn: ArrayLike<number>, yIn?: ArrayLike<number>, options: { alternative?: Alternative; confLevel?: number; exact?: boolean; correct?: boolean; mu?: number } = {}): RankTestResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const correct = options.correct ?? true;
  const mu = options.mu ?? 0;
  assertAlternative(alternative);
  assertConfLevel(confLevel);
  assertFiniteScalar(mu, 'mu');
  assertFinite(xIn, 'x');
  if (yIn) {
    assertSameLength(xIn, yIn, 'x', 'y');
    assertFinite(yIn, 'y');
  }
  const all = Array.from(xIn, (v, i) => v - (yIn ? yIn[i] : 0) - mu);
  const zeros = all.some((d) => d === 0);
  const d = all.filter((v) => v !== 0);
  const n = d.length;
  if (n < 1) throw new StatsError('CONSTANT_DATA', 'every difference is zero: the signed-rank test is undefined');
  const { ranks, ties } = midRanks(d.map(Math.abs));
  const hasTies = ties.some((t) => t > 1);
  const exact = (options.exact ?? n < 50) && !hasTies && !zeros;
  const V = ranks.reduce((s, r, i) => s + (d[i] > 0 ? r : 0), 0);
  const alpha = 1 - confLevel;
  // R computes the interval on the non-zero differences (zeros were dropped for the test).
  const base = d.map((v) => v + mu);
  if (exact) {
    const cdf = (v: number) => (v < 0 ? 0 : signrankCdf(v, n));
    // Upper tail by the distribution's symmetry about n(n+1)/4: P(V > v) = P(V ≤ n(n+1)/2 − v − 1).
    const sf = (v: number) => cdf((n * (n + 1)) / 2 - v - 1);
    const p = alternative === 'greater' ? sf(V - 1) : alternative === 'less' ? cdf(V) : Math.min(1, 2 * (V > (n * (n + 1)) / 4 ? sf(V - 1) : cdf(V)));
    const walsh: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push((base[i] + base[j]) / 2);
    walsh.sort((a, b) => a - b);
    const q = (pr: number) => {
      for (let k = 0; k <= (n * (n + 1)) / 2; k++) if (cdf(k) >= pr * (1 - 64 * Number.EPSILON)) return k;
      return (n * (n + 1)) / 2;
    };
    const m = walsh.length;
    let lower = -Infinity;
    let upper = Infinity;
    if (alternative === 'two.sided') {
      const qu = Math.max(1, q(alpha / 2));
      lower = walsh[qu - 1];
      upper = walsh[m - qu];
    } else if (alternative === 'greater') lower = walsh[Math.max(1, q(alpha)) - 1];
    else upper = walsh[m - Math.max(1, q(alpha))];
    return { method: 'Wilcoxon signed-rank exact test', options: { alternative, confLevel, exact: true, correct }, statistic: V, p, estimate: medianOf(walsh), lower, upper };
  }
  const sigmaOf = (t: number[], k: number) => Math.sqrt((k * (k + 1) * (2 * k + 1)) / 24 - t.reduce((s, c) => s + c ** 3 - c, 0) / 48);
  const sigma = sigmaOf(ties, n);
  const corr = (z: number) => (!correct ? 0 : alternative === 'two.sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5);
  const z0 = V - (n * (n + 1)) / 4;
  const z = (z0 - corr(z0)) / sigma;
  const p = alternative === 'greater' ? normal.sf(z) : alternative === 'less' ? normal.cdf(z) : Math.min(1, 2 * Math.min(normal.cdf(z), normal.sf(z)));
  const W = (m: number, withCorrection = correct) => {
    const xd = base.map((v) => v - m).filter((v) => v !== 0);
    const k = xd.length;
    const r = midRanks(xd.map(Math.abs));
    const dz = r.ranks.reduce((s, rr, i) => s + (xd[i] > 0 ? rr : 0), 0) - (k * (k + 1)) / 4;
    return (dz - (withCorrection ? corr(dz) : 0)) / sigmaOf(r.ties, k);
  };
  const lo = Math.min(...base);
  const hi = Math.max(...base);
  const [wLo, wHi] = [W(lo), W(hi)];
  const rootAt = (zq: number) => zeroin((m) => W(m) - zq, lo, hi, wLo - zq, wHi - zq, 1e-4);
  // As R: when the requested level is not achievable, α is doubled until the interval exists,
  // and the achieved level is reported.
  let a = alpha;
  const zu = (q: number) => normal.quantile(1 - q);
  const zl = (q: number) => normal.quantile(q);
  if (alternative === 'two.sided') while (a < 1 && (wLo - zu(a / 2) < 0 || wHi - zl(a / 2) > 0)) a *= 2;
  else if (alternative === 'greater') while (a < 1 && wLo - zu(a) < 0) a *= 2;
  else while (a < 1 && wHi - zl(a / 2) > 0) a *= 2;
  const achieved = 1 - Math.min(1, a);
  const med = medianOf(base);
  const [lower, upper] =
    alternative === 'two.sided' ? (a < 1 ? [rootAt(zu(a / 2)), rootAt(zl(a / 2))] : [med, med]) : alternative === 'greater' ? [a < 1 ? rootAt(zu(a)) : med, Infinity] : [-Infinity, a < 1 ? rootAt(zl(a)) : med];
  const estimate = zeroin((m) => W(m, false), lo, hi, W(lo, false), W(hi, false), 1e-4);
  return { method: `Wilcoxon signed-rank test${correct ? ' with continuity correction' : ''} (normal approximation)`, options: { alternative, confLevel: achieved < confLevel ? achieved : confLevel, exact: false, correct }, statistic: V, p, estimate, lower, upper };
}
