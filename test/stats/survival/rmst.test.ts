/**
 * Restricted mean survival time per arm (survival 3.5-3's print(survfit, rmean = τ)) and the
 * difference between arms (written out in survival.R from those values): LRE ≥ 10, p ≥ 8.
 */
import { describe, expect, it } from 'vitest';
import { restrictedMeanSurvival } from '../../../src/stats/survival/rmst.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { fx, rows, surv, grouping } from './fixture.ts';

describe.each(fx.rmst.map((c) => [c.name, c] as const))('RMST vs survmean: %s', (_n, c) => {
  it('per arm and differences to the first arm', () => {
    const idx = rows(c.dataset, c.subset);
    const r = restrictedMeanSurvival({ ...surv(c.dataset, idx), group: grouping(c.dataset, c.group, idx) }, { tau: c.tau });
    let worst = 15;
    r.arms.forEach((a, g) => {
      worst = Math.min(worst, lre(a.estimate, c.rmean[g]), lre(a.se, c.se[g]));
      expectLRE(a.estimate, c.rmean[g], 10, `rmean ${a.label}`);
      expectLRE(a.se, c.se[g], 10, `se ${a.label}`);
      expectLRE(a.lower, c.lower[g], 10, `lower ${a.label}`);
      expectLRE(a.upper, c.upper[g], 10, `upper ${a.label}`);
    });
    expect(r.differences.length).toBe(c.diff.length);
    r.differences.forEach((d, k) => {
      worst = Math.min(worst, lre(d.estimate, c.diff[k]), lre(d.se, c.diffSe[k]));
      expectLRE(d.estimate, c.diff[k], 10, `diff ${d.arm}`);
      expectLRE(d.se, c.diffSe[k], 10, `diff se ${d.arm}`);
      expectLRE(d.lower, c.diffLower[k], 10, `diff lower ${d.arm}`);
      expectLRE(d.upper, c.diffUpper[k], 10, `diff upper ${d.arm}`);
      expectLRE(d.p!, c.diffP[k], 8, `diff p ${d.arm}`);
    });
    console.log(`${c.name}: worst LRE ${worst.toFixed(1)}`);
  });
});
