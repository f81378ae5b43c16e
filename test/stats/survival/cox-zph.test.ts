/**
 * The proportional-hazards test against survival 3.5-3's cox.zph (transform "km" and "identity",
 * terms = TRUE so factor terms are tested jointly): χ² at LRE ≥ 10, p ≥ 8, and the scaled
 * Schoenfeld residuals (x, time, y) where the fixture keeps them.
 */
import { describe, expect, it } from 'vitest';
import { coxPH } from '../../../src/stats/survival/cox/fit.ts';
import { coxZph } from '../../../src/stats/survival/cox/zph.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { fx, coxInput } from './fixture.ts';

describe.each(fx.cox.filter((c) => c.zph).map((c) => [c.name, c] as const))('cox.zph: %s', (_n, c) => {
  const input = coxInput(c);
  const fit = coxPH(input, { ties: c.ties, robust: c.robust });
  for (const transform of ['km', 'identity'] as const) {
    it(`transform "${transform}"`, () => {
      const ref = c.zph![transform];
      const z = coxZph(input, fit, { transform, terms: c.terms, residuals: ref.y !== undefined });
      const rowsMine = [...z.tests, z.global];
      expect(rowsMine.map((r) => r.term)).toEqual(ref.terms);
      let worst = 15;
      rowsMine.forEach((r, k) => {
        worst = Math.min(worst, lre(r.statistic, ref.chisq[k]));
        expectLRE(r.statistic, ref.chisq[k], 10, `chisq ${r.term}`);
        expect(r.df).toBe(ref.df[k]);
        expectLRE(r.p, ref.p[k], 8, `p ${r.term}`);
      });
      if (ref.y) {
        const res = z.residuals!;
        expect(res.time).toEqual(ref.time);
        res.x.forEach((v, i) => expectLRE(v, ref.x![i], 10, `x[${i}]`));
        const flat = res.y.flat();
        expect(flat.length).toBe(ref.y.length);
        flat.forEach((v, i) => {
          if (ref.y![i] === null) expect(v).toBeNull();
          else { worst = Math.min(worst, lre(v as number, ref.y![i] as number)); expectLRE(v as number, ref.y![i] as number, 10, `y[${i}]`); }
        });
      }
      console.log(`${c.name} (${transform}): worst LRE ${worst.toFixed(1)}`);
    });
  }
});
