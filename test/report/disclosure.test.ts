/**
 * The disclosure stage: the LP bounds, the audit (what a reader can solve from the published
 * numbers) and the plan (primary "<5" plus secondary "–" until nothing 1–4 is pinned down).
 */
import { describe, expect, it } from 'vitest';
import { polytope } from '../../src/report/disclosure/lp.ts';
import { audit } from '../../src/report/disclosure/audit.ts';
import type { CountSystem } from '../../src/report/disclosure/model.ts';
import { planDisclosure } from '../../src/report/disclosure/plan.ts';
import { loadResults } from './inputs.ts';

const row = (coef: Record<number, number>, sense: '=' | '<=' | '>=', rhs: number) => ({ coef: new Map(Object.entries(coef).map(([k, v]) => [Number(k), v])), sense, rhs });

describe('lp', () => {
  it('bounds a variable of x + y = 5, x ≥ 1, y ≤ 3', () => {
    const p = polytope(2, [row({ 0: 1, 1: 1 }, '=', 5), row({ 0: 1 }, '>=', 1), row({ 1: 1 }, '<=', 3)]);
    expect(p.feasible).toBe(true);
    const b = p.bounds(new Map([[0, 1]]));
    expect(b.min).toBeCloseTo(2, 9);
    expect(b.max).toBeCloseTo(5, 9);
    expect(p.bounds(new Map([[1, 1]])).max).toBeCloseTo(3, 9);
  });
  it('an unbounded direction gives Infinity; an infeasible system says so', () => {
    expect(polytope(2, [row({ 0: 1, 1: -1 }, '=', 0)]).bounds(new Map([[0, 1]])).max).toBe(Infinity);
    expect(polytope(1, [row({ 0: 1 }, '=', 2), row({ 0: 1 }, '>=', 3)]).feasible).toBe(false);
  });
});

/** An arm of 10: analysed 7, lost 3 (moved 1, withdrew 2); the atoms and cells of that partition. */
const toy: CountSystem = {
  atoms: ['total', 'analysed', 'moved', 'withdrew'],
  structural: [new Map([[1, 1], [2, 1], [3, 1], [0, -1]])],
  cells: new Map([
    ['randomised', { expr: new Map([[0, 1]]), value: 10 }],
    ['analysed', { expr: new Map([[1, 1]]), value: 7 }],
    ['lost', { expr: new Map([[2, 1], [3, 1]]), value: 3 }],
    ['moved', { expr: new Map([[2, 1]]), value: 1 }],
    ['withdrew', { expr: new Map([[3, 1]]), value: 2 }],
  ]),
};

describe('audit', () => {
  it('finds a hidden count given back by subtraction (10 − 7 = 3 lost)', () => {
    const states: Record<string, 'shown' | 'small' | 'hidden'> = { randomised: 'shown', analysed: 'shown', lost: 'hidden', moved: 'small', withdrew: 'small' };
    const found = audit(toy, (k) => states[k]);
    expect(found.map((d) => [d.what, d.value])).toContainEqual(['lost', 3]);
  });
  it('"<5" cells that leave a range are safe; hiding the analysed n too leaves nothing pinned', () => {
    const states: Record<string, 'shown' | 'small' | 'hidden'> = { randomised: 'shown', analysed: 'hidden', lost: 'hidden', moved: 'small', withdrew: 'small' };
    expect(audit(toy, (k) => states[k])).toEqual([]);
  });
});

describe('plan on the twin', () => {
  const r = loadResults();
  const d = planDisclosure(r);
  it('leaves no count of 1–4 recoverable from what it shows', () => {
    expect(d.residual).toEqual([]);
    expect(audit(d.system, (k) => d.state(k))).toEqual([]);
  });
  it('without secondary suppression the twin gives small counts back (negative control: subgroup sizes against Table 1 and CONSORT)', () => {
    const primaryOnly = audit(d.system, (k) => (d.system.cells.get(k)!.value >= 1 && d.system.cells.get(k)!.value <= 4 ? 'small' : 'shown'));
    expect(primaryOnly.length).toBeGreaterThan(0);
    expect(primaryOnly.some((x) => /subgroup analysis/.test(x.what))).toBe(true);
  });
  it('counts 1–4 are "<5", hidden cells "–", the rest printed; unknown keys fall back to the primary rule', () => {
    const fmt = (n: number) => String(n);
    for (const [key, c] of d.system.cells) {
      const shown = d.count(key, c.value, fmt);
      if (c.value >= 1 && c.value <= 4) expect(shown, key).toBe('<5');
      else expect(['–', fmt(c.value)], key).toContain(shown);
    }
    expect(d.count('nope', 3, fmt)).toBe('<5');
    expect(d.count('nope', 0, fmt)).toBe('0');
  });
});
