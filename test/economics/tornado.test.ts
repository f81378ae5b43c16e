import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { tornado, withShare } from '../../src/economics/psa/tornado.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const s = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));
const rate = s.effects[0].rate;
const W = 145961.75;
const rows = tornado(s);
const row = (p: string) => rows.find((r) => r.parameter === p)!;

describe('tornado over every parameter of the net result', () => {
  it('has a row for the cost, each effect rate, each saving, the discount rate and the target-group mix', () => {
    expect(rows.map((r) => r.parameter).sort()).toEqual([
      'costPerCitizen', 'discountRate', 'effect:personal-recovery', 'saving:reduced', 'saving:significantly_reduced', 'share:reduced', 'share:significantly_reduced',
    ]);
    const swings = rows.map((r) => r.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });

  it('each row is the business case with that one parameter at its low and high value', () => {
    // Net total = 240 × (rate × Σ share × saving − cost) at r = 0.
    const net = (o: { rate?: number; cost?: number; sig?: number; red?: number; shareSig?: number; shareRed?: number }) =>
      240 * ((o.rate ?? rate) * ((o.shareSig ?? 0.25) * (o.sig ?? 350283) + (o.shareRed ?? 0.5) * (o.red ?? 116782)) - (o.cost ?? 9694));
    const c = row('costPerCitizen');
    expect(c.rangeSource).toBe('distribution');
    expect([c.totalNetLow, c.totalNetHigh]).toEqual([expect.closeTo(net({ cost: c.low }), 6), expect.closeTo(net({ cost: c.high }), 6)]);
    const e = row('effect:personal-recovery');
    expect([e.low, e.high]).toEqual([expect.closeTo(rate - 1.959963984540054 * 0.03, 12), expect.closeTo(rate + 1.959963984540054 * 0.03, 12)]);
    expect(e.totalNetHigh).toBeCloseTo(net({ rate: e.high }), 6);
    const g = row('saving:significantly_reduced');
    expect(g.totalNetLow).toBeCloseTo(net({ sig: g.low }), 6);
    const d = row('discountRate');
    expect([d.low, d.high, Math.round(d.totalNetLow), Math.round(d.totalNetHigh)]).toEqual([0, 0.035, 400080, 214385]);
    // Mix: a saving group's share ±20 %, the milder group (no listed saving) absorbing the difference.
    const sh = row('share:significantly_reduced');
    expect([sh.low, sh.high]).toEqual([expect.closeTo(0.2, 15), expect.closeTo(0.3, 15)]);
    expect(sh.totalNetLow).toBeCloseTo(net({ shareSig: 0.2 }), 6);
    expect(sh.totalNetHigh).toBeCloseTo(net({ shareSig: 0.3 }), 6);
    expect(sh.totalNetHigh - sh.totalNetLow).toBeCloseTo(240 * rate * 0.1 * 350283, 6);
    expect(row('share:reduced').totalNetHigh).toBeCloseTo(net({ shareRed: 0.6 }), 6);
    expect(W).toBeCloseTo(0.25 * 350283 + 0.5 * 116782, 9);
  });

  it('changing a share keeps the shares summing to 1', () => {
    const t = withShare(s, 'reduced', 0.6);
    expect(t.targetGroups.map((g) => g.share)).toEqual([0.25, 0.6, expect.closeTo(0.15, 15)]);
    // With no zero-saving group, the other groups give in proportion to their shares.
    const two = { ...s, targetGroups: s.targetGroups.slice(0, 2).map((g, i) => ({ ...g, share: i === 0 ? 0.25 : 0.75 })) };
    expect(withShare(two, 'significantly_reduced', 0.3).targetGroups.map((g) => g.share)).toEqual([0.3, expect.closeTo(0.7, 15)]);
  });
});
