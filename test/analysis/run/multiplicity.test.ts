/**
 * The default multiplicity families when the plan declares none: a fixed sequence needs an order
 * fixed in advance, which a k-arm trial's comparisons do not have, so several comparisons of the
 * primary outcome are adjusted by Holm (R's p.adjust default); one comparison keeps the fixed
 * sequence over the primary outcomes in spec order (the twin). Checked on survival::colon in years,
 * all pairs (test/reference/colon-multiplicity.R → colon-multiplicity.json): the fixed sequence in
 * comparison order had adjusted Lev+5FU vs Obs (p = 0.0017) and Lev+5FU vs Lev (p = 0.0044) to
 * Lev vs Obs's 0.81 and rejected neither.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults } from '../../../src/index.ts';
import { defaultFamilies, implicitOrderWarnings } from '../../../src/analysis/run/multiplicity.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { analyseColonYears } from '../../helpers/colon-years.ts';
import { expectLRE } from '../../helpers/lre.ts';

interface Ref {
  comparisons: Array<{ id: string; hazardRatio: number; p: number; pHolm: number }>;
}
const ref = readFixture<Ref>('colon-multiplicity.json');

let results: AnalysisResults;
beforeAll(async () => {
  results = await analyseColonYears();
}, 120_000);

describe('default multiplicity families', () => {
  const outcomes = [{ id: 'a', role: 'primary' }, { id: 'b', role: 'primary' }, { id: 'c', role: 'secondary' }, { id: 'c', role: 'secondary' }, { id: 'd', role: 'exploratory' }];

  it('one comparison: fixed sequence over the primary outcomes in spec order, Holm over the secondaries (gated)', () => {
    expect(defaultFamilies(outcomes, 1)).toEqual([
      { id: 'primary', outcomes: ['a', 'b'], method: 'fixed-sequence' },
      { id: 'secondary', outcomes: ['c'], method: 'holm', gatedBy: 'primary' },
      { id: 'exploratory', outcomes: ['d'], method: 'none' },
    ]);
  });

  it('several comparisons, no declared order: Holm over the primary family too', () => {
    expect(defaultFamilies(outcomes, 3)[0]).toEqual({ id: 'primary', outcomes: ['a', 'b'], method: 'holm' });
    expect(defaultFamilies(outcomes, 2)[1].method).toBe('holm');
  });

  it('colon, all pairs: the three Cox p-values of death are Holm-adjusted as R p.adjust(p, "holm") (LRE ≥ 8)', () => {
    const cox = results.outcomes.filter((o) => o.id === 'death' && o.isPrimaryEstimator);
    expect(cox.map((o) => o.comparison)).toEqual(ref.comparisons.map((c) => c.id));
    cox.forEach((o, k) => {
      const r = ref.comparisons[k];
      expectLRE(o.difference!.estimate, r.hazardRatio, 10, `hazard ratio ${r.id}`);
      expectLRE(o.difference!.p, r.p, 8, `p ${r.id}`);
      expectLRE(o.difference!.pAdjusted, r.pHolm, 8, `Holm-adjusted p ${r.id}`);
      expect(o.multiplicity).toEqual({ family: 'primary', method: 'holm', rejected: r.pHolm <= results.alpha });
    });
    // Lev+5FU against either arm is rejected; Lev vs Obs is not.
    expect(cox.map((o) => o.multiplicity!.rejected)).toEqual([false, true, true]);
  });

  it('colon: the RMST rows are sensitivity analyses, outside every family', () => {
    for (const o of results.outcomes.filter((x) => x.estimator === 'rmst')) expect(o.multiplicity).toBeNull();
  });
});

describe('a declared fixed sequence over several comparisons without an order', () => {
  const comparisons = ['Lev vs Obs', 'Lev+5FU vs Obs', 'Lev+5FU vs Lev'];

  it('is said in a warning naming the family, the order used and the fix', () => {
    const [w] = implicitOrderWarnings([{ id: 'primary', outcomes: ['death'], method: 'fixed-sequence' }], comparisons);
    expect(w).toContain('"primary"');
    expect(w).toContain('Lev vs Obs, then Lev+5FU vs Obs, then Lev+5FU vs Lev');
    expect(w).toContain('"comparisons"');
  });

  it('is not said for a declared order, another method, one comparison or no declared families', () => {
    expect(implicitOrderWarnings([{ id: 'primary', outcomes: ['death'], method: 'fixed-sequence', comparisons: ['Lev+5FU vs Obs', 'Lev vs Obs'] }], comparisons)).toEqual([]);
    expect(implicitOrderWarnings([{ id: 'primary', outcomes: ['death'], method: 'holm' }], comparisons)).toEqual([]);
    expect(implicitOrderWarnings([{ id: 'primary', outcomes: ['qpr15'], method: 'fixed-sequence' }], ['PEER vs SAU'])).toEqual([]);
    expect(implicitOrderWarnings(undefined, comparisons)).toEqual([]);
  });
});
