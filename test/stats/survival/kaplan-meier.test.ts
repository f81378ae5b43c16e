/**
 * Kaplan–Meier curves, Greenwood SEs, log/log-log/plain limits, quantiles with limits and the
 * curve read at given times, against survival 3.5-3's survfit / quantile / summary(times, extend).
 * Deterministic: LRE ≥ 10 throughout (counts exact).
 */
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../../src/stats/survival/kaplan-meier.ts';
import { survivalQuantiles } from '../../../src/stats/survival/quantiles.ts';
import { survivalAt, numberAtRisk } from '../../../src/stats/survival/at-times.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { fx, rows, surv, grouping, type Nullable } from './fixture.ts';

function expectNullable(actual: readonly (number | null)[], expected: Nullable, min: number, label: string): number {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = 15;
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i], `${label}[${i}] should be undefined (R: NA/Inf)`).toBeNull();
    else {
      expect(actual[i], `${label}[${i}]`).not.toBeNull();
      worst = Math.min(worst, lre(actual[i] as number, e));
      expectLRE(actual[i] as number, e, min, `${label}[${i}]`);
    }
  });
  return worst;
}

const conf = { loglog: 'log-log', log: 'log', plain: 'plain' } as const;

describe.each(fx.km.map((c) => [c.name, c] as const))('Kaplan–Meier vs survfit: %s', (_n, c) => {
  const idx = rows(c.dataset, c.subset);
  const entry = c.name.includes('counting');
  const input = { ...surv(c.dataset, idx, entry), ...(c.group ? { group: grouping(c.dataset, c.group, idx) } : {}) };
  for (const key of ['loglog', 'log', 'plain'] as const) {
    it(`curves, Greenwood SE, ${conf[key]} limits and quantiles`, () => {
      const fit = kaplanMeier(input, { confType: conf[key] });
      expect(fit.curves.map((k) => k.label)).toEqual(c.curves.map((k) => k.label));
      let worst = 15;
      fit.curves.forEach((k, g) => {
        const r = c.curves[g];
        expect(k.n).toBe(r.n);
        expect(k.time).toEqual(r.time);
        expect(k.nRisk).toEqual(r.nRisk);
        expect(k.nEvent).toEqual(r.nEvent);
        expect(k.nCensor).toEqual(r.nCensor);
        r.surv.forEach((s, i) => { worst = Math.min(worst, lre(k.surv[i], s)); expectLRE(k.surv[i], s, 10, `surv[${i}]`); });
        r.cumHaz.forEach((s, i) => expectLRE(k.cumHaz[i], s, 10, `cumhaz[${i}]`));
        r.stdCumHaz.forEach((s, i) => expectLRE(k.stdCumHaz[i], s, 10, `std.chaz[${i}]`));
        worst = Math.min(worst, expectNullable(k.stdErr, r.stdErr, 10, 'std.err'));
        worst = Math.min(worst, expectNullable(k.lower, r.limits[key].lower, 10, 'lower'));
        worst = Math.min(worst, expectNullable(k.upper, r.limits[key].upper, 10, 'upper'));
        const q = survivalQuantiles(k, [0.25, 0.5, 0.75]);
        expectNullable(q.map((x) => x.time), r.quantiles[key].time, 10, 'quantile');
        expectNullable(q.map((x) => x.lower), r.quantiles[key].lower, 10, 'quantile lower');
        expectNullable(q.map((x) => x.upper), r.quantiles[key].upper, 10, 'quantile upper');
        if (key === 'loglog') {
          const at = survivalAt(k, c.at);
          expect(at.map((a) => a.nRisk)).toEqual(r.at.nRisk);
          expect(numberAtRisk(k, c.at)).toEqual(r.at.nRisk);
          r.at.surv.forEach((s, i) => expectLRE(at[i].surv, s, 10, `surv at ${c.at[i]}`));
          expectNullable(at.map((a) => a.stdErr), r.at.stdErr, 10, 'std.err at times');
          expectNullable(at.map((a) => a.lower), r.at.lower, 10, 'lower at times');
          expectNullable(at.map((a) => a.upper), r.at.upper, 10, 'upper at times');
        }
      });
      console.log(`${c.name} (${conf[key]}): worst LRE ${worst.toFixed(1)}`);
    });
  }
});
