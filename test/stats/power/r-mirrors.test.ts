/**
 * R's power functions mirrored one for one (test/reference/power.R → power.json, R 4.2.2, pwr 1.3.0).
 * "tight": R's own power function solved with uniroot(tol = 1e-13) — compared at LRE ≥ 8 with
 * effekt's default tolerance. "out": what R returns (uniroot's default tol ≈ 1.2e-4) — reproduced
 * at LRE ≥ 8 when effekt uses the same tolerance (R_UNIROOT_TOL), since zeroin steps as R does.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { cohensH, noncentralTSf, powerPropTest, powerTTest, pwr2p2nTest, pwrT2nTest, pwrTTest, R_UNIROOT_TOL, type PwrAlternative, type TTestType } from '../../../src/stats/power/index.ts';
import { noncentralTCdf } from '../../../src/stats/dist/noncentral-t.ts';

type Num = number | null;
interface Fx {
  R: string;
  pwr: string;
  pwrT: Array<{ type: TTestType; alternative: PwrAlternative; solve: 'power' | 'n' | 'd'; n: Num; d: Num; power: Num; out: number; tight: number }>;
  pwrT2n: Array<{ alternative: PwrAlternative; solve: 'power' | 'n2' | 'd'; n1: number; n2: Num; d: Num; power: Num; out: number; tight: number }>;
  esh: { p1: number[]; p2: number[]; h: number[] };
  pwr2p: Array<{ fn: '2p' | '2p2n'; alternative: PwrAlternative; solve: string; n?: Num; n1?: Num; n2?: Num; h: Num; power: Num; out: number; tight: number }>;
  powerT: Array<{ type: TTestType; alternative: 'two.sided' | 'one.sided'; strict: boolean; solve: 'power' | 'n' | 'delta'; n: Num; delta: Num; sd: number; power: Num; out: number; tight: number }>;
  powerProp: Array<{ alternative: 'two.sided' | 'one.sided'; strict: boolean; solve: 'power' | 'n' | 'p2'; n: Num; p1: number; p2: Num; power: Num; out: number; tight: number }>;
  nct: { q: number[]; nu: number[]; ncp: number[]; lower: number[]; upper: number[]; warned: boolean[] };
}
const fx = readFixture<Fx>('power.json');
const pick = (solve: string, r: Record<string, unknown>) => r[solve === 'h' || solve === 'd' || solve === 'delta' || solve === 'p2' || solve === 'n2' ? solve : solve === 'n' ? (r.n1 !== undefined ? 'n1' : 'n') : 'power'] as number;

describe(`R's power functions (${fx.R}, pwr ${fx.pwr})`, () => {
  it('records the versions', () => expect(fx.pwr).toBe('1.3.0'));

  it.each(fx.pwrT.map((c) => [`pwr.t.test ${c.type} ${c.alternative} solve ${c.solve} (n=${c.n}, d=${c.d}, power=${c.power})`, c] as const))('%s', (_, c) => {
    const args = { n: c.n, d: c.d, power: c.power, type: c.type, alternative: c.alternative };
    expectLRE(pick(c.solve, { ...pwrTTest(args) }), c.tight, 8, 'tight root');
    expectLRE(pick(c.solve, { ...pwrTTest({ ...args, tol: R_UNIROOT_TOL }) }), c.out, 8, 'as R returns it');
  });

  it.each(fx.pwrT2n.map((c) => [`pwr.t2n.test ${c.alternative} solve ${c.solve}`, c] as const))('%s', (_, c) => {
    const args = { n1: c.n1, n2: c.n2, d: c.d, power: c.power, alternative: c.alternative };
    expectLRE(pick(c.solve, { ...pwrT2nTest(args) }), c.tight, 8, 'tight root');
    expectLRE(pick(c.solve, { ...pwrT2nTest({ ...args, tol: R_UNIROOT_TOL }) }), c.out, 8, 'as R returns it');
  });

  it('ES.h', () => fx.esh.p1.forEach((p1, i) => expectLRE(cohensH(p1, fx.esh.p2[i]), fx.esh.h[i], 13, `ES.h(${p1}, ${fx.esh.p2[i]})`)));

  it.each(fx.pwr2p.map((c) => [`pwr.${c.fn}.test ${c.alternative} solve ${c.solve}`, c] as const))('%s', (_, c) => {
    const equal = c.fn === '2p';
    const args = equal ? { n1: c.n, h: c.h, power: c.power, alternative: c.alternative, equalN: true } : { n1: c.n1, n2: c.n2, h: c.h, power: c.power, alternative: c.alternative };
    const get = (r: { n1: number; n2: number; h: number; power: number }) => (c.solve === 'power' ? r.power : c.solve === 'h' ? r.h : c.solve === 'n2' ? r.n2 : r.n1);
    expectLRE(get(pwr2p2nTest(args)), c.tight, 8, 'tight root');
    expectLRE(get(pwr2p2nTest({ ...args, tol: R_UNIROOT_TOL })), c.out, 8, 'as R returns it');
  });

  it.each(fx.powerT.map((c) => [`power.t.test ${c.type} ${c.alternative} strict=${c.strict} solve ${c.solve}`, c] as const))('%s', (_, c) => {
    const args = { n: c.n, delta: c.delta, sd: c.sd, power: c.power, type: c.type, alternative: c.alternative, strict: c.strict };
    const get = (r: { n: number; delta: number; power: number }) => (c.solve === 'power' ? r.power : c.solve === 'n' ? r.n : r.delta);
    expectLRE(get(powerTTest(args)), c.tight, 8, 'tight root');
    expectLRE(get(powerTTest({ ...args, tol: R_UNIROOT_TOL })), c.out, 8, 'as R returns it');
  });

  it.each(fx.powerProp.map((c) => [`power.prop.test ${c.alternative} strict=${c.strict} solve ${c.solve}`, c] as const))('%s', (_, c) => {
    const args = { n: c.n, p1: c.p1, p2: c.p2, power: c.power, alternative: c.alternative, strict: c.strict };
    const get = (r: { n: number; p2: number; power: number }) => (c.solve === 'power' ? r.power : c.solve === 'n' ? r.n : r.p2);
    expectLRE(get(powerPropTest(args)), c.tight, 8, 'tight root');
    expectLRE(get(powerPropTest({ ...args, tol: R_UNIROOT_TOL })), c.out, 8, 'as R returns it');
  });

  it('reproduces pwr.t.test(d = 0.5, power = 0.8)$n = 63.76561 to the last digit R prints', () => {
    expect(pwrTTest({ d: 0.5, power: 0.8, tol: R_UNIROOT_TOL }).n.toFixed(5)).toBe('63.76561');
  });
});

describe('noncentral t against pt(q, ν, ncp) over the range the power functions use', () => {
  // Where R itself warns that pnt lost precision the cell is skipped. pnt (AS 243) sums its series
  // to an absolute error bound of 1e-12, so tails far below a power's range (< 1e-3) have only
  // absolute accuracy — in R as here: those are compared in absolute terms.
  it('lower and upper tails: LRE ≥ 8 above 1e-3, absolute error ≤ 1e-10 everywhere', () => {
    let checked = 0;
    let minLre = 15;
    fx.nct.q.forEach((q, i) => {
      if (fx.nct.warned[i]) return;
      const [nu, ncp] = [fx.nct.nu[i], fx.nct.ncp[i]];
      const lo = noncentralTCdf(q, nu, ncp);
      const up = noncentralTSf(q, nu, ncp);
      for (const [got, want, tail] of [[lo, fx.nct.lower[i], 'lower'], [up, fx.nct.upper[i], 'upper']] as const) {
        expect(Math.abs(got - want), `pt(${q}, ${nu}, ${ncp}, ${tail}) absolute`).toBeLessThan(1e-10);
        if (want > 1e-3) {
          expectLRE(got, want, 8, `pt(${q}, ${nu}, ${ncp}, ${tail})`);
          minLre = Math.min(minLre, lre(got, want));
        }
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(600);
    expect(minLre).toBeGreaterThanOrEqual(8);
  });
});
