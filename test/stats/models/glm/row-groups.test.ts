import { describe, expect, it } from 'vitest';
import { fromColumns } from '../../../../src/stats/linalg/matrix.ts';
import { glmFit } from '../../../../src/stats/models/glm/irls.ts';
import { glmNegBin } from '../../../../src/stats/models/glm/negative-binomial.ts';
import { rowGroups } from '../../../../src/stats/models/glm/row-groups.ts';
import { createRng } from '../../../../src/stats/random/rng.ts';

// Count models with many equal rows (arm × baseline count × count, as the safety models at
// registry scale) are fitted over row groups: every per-row value once per group, sums in row
// order. The fit must be the same to the last bit as row by row.

/** n rows: intercept, arm, baseline count; y a count depending on both (few distinct rows). */
function countData(n: number, seed: number, withOffset: boolean) {
  const rng = createRng(seed);
  const rnd = () => rng.uniform();
  const one = new Float64Array(n).fill(1);
  const arm = new Float64Array(n);
  const base = new Float64Array(n);
  const y = new Float64Array(n);
  const offset = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    arm[i] = rnd() < 0.5 ? 1 : 0;
    base[i] = Math.floor(rnd() * rnd() * 6);
    const rate = Math.exp(-0.6 + 0.3 * base[i] - 0.4 * arm[i]);
    // A gamma–Poisson-ish draw: overdispersed small counts.
    let k = 0;
    let p = Math.exp(-rate * (0.3 + 1.4 * rnd()));
    let u = rnd();
    while (u > p && k < 30) {
      u -= p;
      k++;
      p *= (rate * 1.1) / k;
    }
    y[i] = k;
    offset[i] = withOffset ? Math.log(1 + (i % 3)) : 0;
  }
  return { X: fromColumns([one, arm, base]), y, offset };
}

describe('count models over row groups', () => {
  it('groups rows by bitwise equality (−0 and +0 apart), in order of first appearance', () => {
    const a = Float64Array.from([1, 2, 1, 0, -0, 2, 1]);
    const b = Float64Array.from([5, 5, 5, 7, 7, 5, 6]);
    const g = rowGroups([a, b], a.length, 100)!;
    expect(Array.from(g.of)).toEqual([0, 1, 0, 2, 3, 1, 4]);
    expect(Array.from(g.first)).toEqual([0, 1, 3, 4, 6]);
    expect(rowGroups([a, b], a.length, 3)).toBeNull();
  });

  it.each([
    ['no offset', 1, false],
    ['with offset', 2, true],
  ] as const)('negative binomial, %s: grouped and row-by-row fits are identical to the last bit', (_name, seed, withOffset) => {
    const { X, y, offset } = countData(6000, seed, withOffset);
    const options = { columnNames: ['(Intercept)', 'arm', 'base'], ...(withOffset ? { offset } : {}) };
    const grouped = glmNegBin(X, y, options);
    const rows = glmNegBin(X, y, options, 'off');
    expect(grouped.converged).toBe(true);
    expect(Array.from(grouped.coef)).toEqual(Array.from(rows.coef));
    expect(Array.from(grouped.vcov.data)).toEqual(Array.from(rows.vcov.data));
    expect(Array.from(grouped.mu)).toEqual(Array.from(rows.mu));
    expect(Array.from(grouped.eta)).toEqual(Array.from(rows.eta));
    expect([grouped.theta, grouped.thetaSe, grouped.deviance, grouped.nullDeviance, grouped.outerIterations, grouped.iterations]).toEqual([rows.theta, rows.thetaSe, rows.deviance, rows.nullDeviance, rows.outerIterations, rows.iterations]);
  });

  it('Poisson with prior weights: grouped and row-by-row fits are identical to the last bit', () => {
    const { X, y } = countData(5000, 3, false);
    const weights = Float64Array.from(y, (_, i) => 1 + (i % 2));
    const grouped = glmFit(X, y, 'poisson-log', { weights });
    const rows = glmFit(X, y, 'poisson-log', { weights }, null);
    expect(grouped.groupMu).not.toBeNull();
    expect(rows.groupMu).toBeNull();
    expect(Array.from(grouped.fit.coef)).toEqual(Array.from(rows.fit.coef));
    expect(Array.from(grouped.fit.vcov.data)).toEqual(Array.from(rows.fit.vcov.data));
    expect(Array.from(grouped.fit.mu)).toEqual(Array.from(rows.fit.mu));
    expect([grouped.fit.deviance, grouped.fit.nullDeviance, grouped.fit.iterations]).toEqual([rows.fit.deviance, rows.fit.nullDeviance, rows.fit.iterations]);
  });
});
