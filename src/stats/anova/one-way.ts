/**
 * One-way analysis of variance with sums of squares computed about the group and grand means
 * by two-pass (corrected) means, so that data with a large common offset — NIST's SmLs sets sit
 * at 10¹² — keep their digits: SS_between = Σ n_g (ȳ_g − ȳ)², SS_within = Σ (y − ȳ_g)².
 */
import { StatsError, assertFinite } from '../errors.ts';
import { fDist } from '../dist/continuous.ts';
import { mean } from '../descriptive/descriptive.ts';

export interface OneWayAnova {
  readonly method: 'one-way ANOVA';
  readonly groups: number;
  readonly n: number;
  readonly dfBetween: number;
  readonly dfWithin: number;
  readonly ssBetween: number;
  readonly ssWithin: number;
  readonly msBetween: number;
  readonly msWithin: number;
  readonly f: number;
  readonly p: number;
  readonly rSquared: number;
  readonly residualSd: number;
}

export function oneWayAnova(groups: readonly ArrayLike<number>[]): OneWayAnova {
  if (groups.length < 2) throw new StatsError('INVALID_ARGUMENT', `one-way ANOVA needs at least 2 groups, got ${groups.length}`);
  groups.forEach((g, k) => {
    if (g.length < 1) throw new StatsError('EMPTY_GROUP', `group ${k} is empty`);
    assertFinite(g, `group ${k}`);
  });
  const all = groups.flatMap((g) => Array.from(g));
  const n = all.length;
  const grand = mean(all);
  let ssB = 0;
  let ssW = 0;
  for (const g of groups) {
    const m = mean(g);
    ssB += g.length * (m - grand) ** 2;
    for (let i = 0; i < g.length; i++) ssW += (g[i] - m) ** 2;
  }
  const dfB = groups.length - 1;
  const dfW = n - groups.length;
  if (dfW < 1) throw new StatsError('NOT_ESTIMABLE', 'no within-group degrees of freedom (every group has one observation)');
  if (ssW === 0) throw new StatsError('CONSTANT_DATA', 'no variation within groups: F is undefined');
  const msB = ssB / dfB;
  const msW = ssW / dfW;
  const f = msB / msW;
  return { method: 'one-way ANOVA', groups: groups.length, n, dfBetween: dfB, dfWithin: dfW, ssBetween: ssB, ssWithin: ssW, msBetween: msB, msWithin: msW, f, p: fDist.sf(f, dfB, dfW), rSquared: ssB / (ssB + ssW), residualSd: Math.sqrt(msW) };
}
