/**
 * Bootstrap confidence intervals exactly as boot::boot.ci (Davison & Hinkley 1997):
 *  percentile: the α/2 and 1 − α/2 points of the replicates by boot's `norm.inter` — order
 *  statistics at (B + 1)α, interpolated on the normal-quantile scale between neighbours;
 *  BCa: bias correction w = Φ⁻¹(#{t* < t₀}/B), acceleration a = Σ L³ / (6 (Σ L²)^{3/2}) from the
 *  empirical influence values L (jackknife), adjusted levels Φ(w + (w + z_α)/(1 − a(w + z_α))).
 */
import { StatsError } from '../errors.ts';
import { normal } from '../dist/continuous.ts';

export interface BootInterval {
  readonly method: 'percentile' | 'bca';
  readonly confLevel: number;
  readonly lower: number;
  readonly upper: number;
  /** True when an extreme order statistic had to be used (too few replicates for the level). */
  readonly extreme: boolean;
  /** Finite replicates used; non-finite ones (failed refits) are left out, as boot.ci does, and counted. */
  readonly replicates: number;
  readonly nonFinite: number;
}

function countFinite(t: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < t.length; i++) if (Number.isFinite(t[i])) k++;
  return k;
}

/** boot's norm.inter for one level α on finite replicates. */
export function normInter(t: ArrayLike<number>, alpha: number): { value: number; extreme: boolean } {
  const s = Array.from(t).filter(Number.isFinite).sort((a, b) => a - b);
  const R = s.length;
  if (R < 2) throw new StatsError('EMPTY_INPUT', 'at least 2 finite bootstrap replicates are needed');
  const rk = (R + 1) * alpha;
  const extreme = !(rk > 1 && rk < R);
  const k = Math.trunc(rk);
  if (k === rk && k >= 1 && k <= R) return { value: s[k - 1], extreme };
  if (k <= 0) return { value: s[0], extreme };
  if (k >= R) return { value: s[R - 1], extreme };
  const z = normal.quantile(alpha);
  const zk = normal.quantile(k / (R + 1));
  const zk1 = normal.quantile((k + 1) / (R + 1));
  return { value: s[k - 1] + ((z - zk) / (zk1 - zk)) * (s[k] - s[k - 1]), extreme };
}

function checkLevel(confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsError('INVALID_ARGUMENT', `confLevel must lie in (0, 1), got ${confLevel}`);
}

export function percentileInterval(t: ArrayLike<number>, confLevel = 0.95): BootInterval {
  checkLevel(confLevel);
  const lo = normInter(t, (1 - confLevel) / 2);
  const hi = normInter(t, (1 + confLevel) / 2);
  const replicates = countFinite(t);
  return { method: 'percentile', confLevel, lower: lo.value, upper: hi.value, extreme: lo.extreme || hi.extreme, replicates, nonFinite: t.length - replicates };
}

export function bcaInterval(t: ArrayLike<number>, t0: number, L: ArrayLike<number>, confLevel = 0.95): BootInterval {
  checkLevel(confLevel);
  if (!Number.isFinite(t0)) throw new StatsError('NON_FINITE', `t0 is ${t0}`);
  const finite = Array.from(t).filter(Number.isFinite);
  const w = normal.quantile(finite.filter((v) => v < t0).length / finite.length);
  if (!Number.isFinite(w)) throw new StatsError('NOT_ESTIMABLE', 'the bias correction is infinite: t0 lies outside the bootstrap replicates');
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < L.length; i++) {
    s2 += L[i] ** 2;
    s3 += L[i] ** 3;
  }
  const a = s3 / (6 * s2 ** 1.5);
  if (!Number.isFinite(a)) throw new StatsError('NOT_ESTIMABLE', 'the acceleration is undefined: all influence values are 0');
  const adj = [(1 - confLevel) / 2, (1 + confLevel) / 2].map((al) => {
    const z = normal.quantile(al);
    return normal.cdf(w + (w + z) / (1 - a * (w + z)));
  });
  const lo = normInter(finite, adj[0]);
  const hi = normInter(finite, adj[1]);
  return { method: 'bca', confLevel, lower: lo.value, upper: hi.value, extreme: lo.extreme || hi.extreme, replicates: finite.length, nonFinite: t.length - finite.length };
}
