import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { poolScalar } from '../../../src/stats/pool/rubin.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';
import { expectStatsError } from '../../helpers/errors.ts';

interface Scalar { name: string; Q: number[]; U: number[]; dfCom: number | 'Inf'; qbar: number; ubar: number; b: number; t: number; df: number; r: number; fmi: number }
interface Mi { Q: number[]; U: number[]; dfCom: number; estimate: number; se: number; df: number; p: number; lower: number; upper: number; riv: number; lambda: number; fmi: number; b: number; ubar: number; t: number }
const fx = readFixture<{ scalar: Scalar[]; mi: Mi }>('pool.json');

describe("Rubin's rules vs mice (LRE ≥ 10)", () => {
  it.each(fx.scalar.map((s) => [s.name, s] as const))('mice::pool.scalar: %s', (_n, s) => {
    const r = poolScalar(s.Q, s.U, { dfCom: s.dfCom === 'Inf' ? Infinity : s.dfCom });
    expectLRE(r.estimate, s.qbar, 10, 'Q̄');
    expectLRE(r.withinVariance, s.ubar, 10, 'Ū');
    expectLRE(r.betweenVariance, s.b, 10, 'B');
    expectLRE(r.totalVariance, s.t, 10, 'T');
    expectLRE(r.df, s.df, 10, 'df');
    expectLRE(r.riv, s.r, 10, 'RIV');
    expectLRE(r.fmi, s.fmi, 10, 'FMI');
  });

  it('mice::pool on 10 pmm imputations of the twin (ANCOVA arm effect), pooling the same fits', () => {
    const m = fx.mi;
    const r = poolScalar(m.Q, m.U, { dfCom: m.dfCom });
    expectLRE(r.estimate, m.estimate, 10, 'estimate');
    expectLRE(r.se, m.se, 10, 'SE');
    expectLRE(r.df, m.df, 10, 'df');
    expectLRE(r.p, m.p, 8, 'p');
    expectLRE(r.lower, m.lower, 10, 'lower');
    expectLRE(r.upper, m.upper, 10, 'upper');
    expectLRE(r.riv, m.riv, 10, 'RIV');
    expectLRE(r.lambda, m.lambda, 10, 'lambda');
    expectLRE(r.fmi, m.fmi, 10, 'FMI');
  });

  it('property: identical imputations give B = 0 and the complete-data answer', () => {
    fc.assert(fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 2, max: 50 }), (q, u, m) => {
      const r = poolScalar(Array(m).fill(q), Array(m).fill(u), { dfCom: 100 });
      expect(r.betweenVariance).toBeLessThan(1e-25 * Math.max(1, q * q));
      expect(r.totalVariance).toBeCloseTo(u, 12);
      expect(r.estimate).toBeCloseTo(q, 12);
    }));
  });

  it('bad input', () => {
    expectStatsError(() => poolScalar([1], [1]), 'EMPTY_INPUT');
    expectStatsError(() => poolScalar([1, 2], [1]), 'LENGTH_MISMATCH');
    expectStatsError(() => poolScalar([1, 2], [1, -1]), 'INVALID_ARGUMENT');
    expectStatsError(() => poolScalar([1, Number.NaN], [1, 1]), 'NON_FINITE');
  });
});
