/**
 * The proportional-hazards test against survival 3.5-3's cox.zph (transform "km" and "identity",
 * terms = TRUE so factor terms are tested jointly): χ² at LRE ≥ 10, p ≥ 8, and the scaled
 * Schoenfeld residuals (x, time, y) where the fixture keeps them.
 */
import { describe, expect, it } from 'vitest';
import { coxPH } from '../../../src/stats/survival/cox/fit.ts';
import { coxZph, zphTerms } from '../../../src/stats/survival/cox/zph.ts';
import { modelMatrix, factor, numeric } from '../../../src/stats/design/model-matrix.ts';
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

describe('a design from modelMatrix (factors as R codes them) gives R’s fit and term-wise PH tests', () => {
  it('veteran: trt + celltype + karno + diagtime + age + prior', () => {
    const c = fx.cox.find((k) => k.name.startsWith('veteran') && k.ties === 'efron')!;
    const d = fx.datasets.veteran;
    const lab = (col: string, labels: string) => (d[col] as number[]).map((k) => (d[labels] as string[])[k]);
    const design = modelMatrix({
      intercept: false,
      variables: [
        factor('trt', lab('trt', 'trtLabels'), d.trtLabels as string[]),
        factor('celltype', lab('celltype', 'celltypeLabels'), d.celltypeLabels as string[]),
        ...['karno', 'diagtime', 'age', 'prior'].map((v) => numeric(v, d[v] as number[])),
      ],
      terms: [['trt'], ['celltype'], ['karno'], ['diagtime'], ['age'], ['prior']],
    });
    expect(design.columnNames).toEqual(c.coefNames);
    const input = { time: d.time as number[], event: d.event as number[], x: design.X, columnNames: design.columnNames };
    const fit = coxPH(input);
    fit.coef.forEach((b, j) => expectLRE(b, c.coef[j], 10, `coef ${c.coefNames[j]}`));
    const z = coxZph(input, fit, { terms: zphTerms(design) });
    expect([...z.tests, z.global].map((r) => r.term)).toEqual(c.zph!.km.terms);
    [...z.tests, z.global].forEach((r, k) => expectLRE(r.statistic, c.zph!.km.chisq[k], 10, `zph ${r.term}`));
  });
});
