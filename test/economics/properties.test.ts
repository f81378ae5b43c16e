import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { businessCase } from '../../src/economics/model/business-case.ts';
import { baseParameters, withParameter } from '../../src/economics/model/parameters.ts';
import { irr, npv } from '../../src/economics/settlement/irr.ts';
import { runPsa } from '../../src/economics/psa/psa.ts';
import type { Scenario } from '../../src/economics/scenario/schema.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const base = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));

describe('business-case invariants', () => {
  it('net = saving − cost, and the break-even rate gives a net of 0, for any rate, cost and discount rate', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 50000, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), (rate, cost, r) => {
        const s: Scenario = { ...base, discountRate: r, costPerCitizen: cost, effects: base.effects.map((e) => ({ ...e, rate })) };
        const bc = businessCase(s);
        expect(bc.netPerCitizen).toBeCloseTo(bc.savingPerCitizen - bc.costPerCitizenDiscounted, 6);
        const be = bc.breakEvenEffectRates!['personal-recovery'];
        const atBe = businessCase({ ...s, effects: s.effects.map((e) => ({ ...e, rate: be })) });
        expect(Math.abs(atBe.netPerCitizen)).toBeLessThan(1e-6 * Math.max(1, cost));
        const atCost = businessCase({ ...s, costPerCitizen: bc.breakEvenCostPerCitizen });
        expect(Math.abs(atCost.netPerCitizen)).toBeLessThan(1e-6 * Math.max(1, bc.savingPerCitizen));
      }),
      { numRuns: 200 },
    );
  });

  it('with a zero discount rate the yearly flows sum to the undiscounted totals', () => {
    const bc = businessCase(base);
    const sum = bc.cashFlow.reduce((a, c) => a + c.net, 0);
    expect(sum).toBeCloseTo(bc.totalNet, 6);
  });

  it('withParameter changes one parameter only', () => {
    const p = baseParameters(base);
    const q = withParameter(p, 'saving:reduced', 1);
    expect(q.savingTotals.reduced).toBe(1);
    expect(q.savingTotals.significantly_reduced).toBe(p.savingTotals.significantly_reduced);
    expect(p.savingTotals.reduced).toBe(116782);
  });
});

describe('IRR', () => {
  it('solves NPV = 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 1000, max: 1e6, noNaN: true }), fc.double({ min: -0.5, max: 2, noNaN: true }), (outlay, rate) => {
        const flows = [-outlay, 0, outlay * (1 + rate) ** 2];
        const r = irr(flows)!;
        expect(r).toBeCloseTo(rate, 8);
        expect(Math.abs(npv(r, flows))).toBeLessThan(1e-6 * outlay);
      }),
      { numRuns: 100 },
    );
  });

  it('is null when flows never change sign', () => {
    expect(irr([-1, -2, -3])).toBeNull();
  });
});

describe('PSA', () => {
  it('is byte-reproducible for a seed and changes with the seed', () => {
    const a = runPsa(base, { draws: 2000, seed: 7 });
    const b = runPsa(base, { draws: 2000, seed: 7 });
    const c = runPsa(base, { draws: 2000, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.totalNet.mean).not.toBe(c.totalNet.mean);
  });

  it('with no uncertainty every draw equals the deterministic result', () => {
    const fixed: Scenario = {
      ...base,
      costUncertainty: undefined,
      targetGroups: base.targetGroups.map((g) => ({ ...g, savingUncertainty: undefined })),
      effects: base.effects.map((e) => ({ ...e, se: 0 })),
    };
    const r = runPsa(fixed, { draws: 500, seed: 3 });
    const det = businessCase(fixed).totalNet;
    expect(r.totalNet.lower).toBeCloseTo(det, 6);
    expect(r.totalNet.upper).toBeCloseTo(det, 6);
    expect(r.probabilityNetSaving).toBe(1);
  });

  it('histogram counts every draw', () => {
    const r = runPsa(base, { draws: 3000, seed: 11 });
    expect(r.histogram.counts.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(r.probabilityNetSaving).toBeGreaterThan(0);
    expect(r.probabilityNetSaving).toBeLessThan(1);
  });

  it('the mean of the effect-rate draws matches its sampling distribution (normal with the trial SE)', () => {
    // Net is linear in the rate when everything else is fixed: mean net ≈ net at the mean rate.
    const onlyEffect: Scenario = { ...base, costUncertainty: undefined, targetGroups: base.targetGroups.map((g) => ({ ...g, savingUncertainty: undefined })) };
    const r = runPsa(onlyEffect, { draws: 20000, seed: 5 });
    const det = businessCase(onlyEffect).totalNet;
    const perRate = businessCase(onlyEffect).savingPerCitizen / onlyEffect.effects[0].rate * 240;
    const mcSe = (perRate * 0.03) / Math.sqrt(20000);
    expect(Math.abs(r.totalNet.mean - det)).toBeLessThan(4 * mcSe);
  });
});

describe('the PSA fast path equals the full model', () => {
  it('for random parameters and discount rates', async () => {
    const { fastEvaluator } = await import('../../src/economics/model/net-total.ts');
    const { settlement } = await import('../../src/economics/settlement/settlement.ts');
    fc.assert(
      fc.property(fc.double({ min: -0.2, max: 0.6, noNaN: true }), fc.double({ min: 0, max: 30000, noNaN: true }), fc.double({ min: 0, max: 0.08, noNaN: true }), fc.double({ min: 0, max: 600000, noNaN: true }), (rate, cost, r, saving) => {
        const s: Scenario = { ...base, discountRate: r };
        const p = withParameter(withParameter(withParameter(baseParameters(s), 'effect:personal-recovery', rate), 'costPerCitizen', cost), 'saving:significantly_reduced', saving);
        const fast = fastEvaluator(s);
        const full = businessCase(s, p).totalNet;
        expect(Math.abs(fast.totalNet(p) - full)).toBeLessThan(1e-6 * Math.max(1, Math.abs(full)));
        expect(fast.totalPayments(p)).toBeCloseTo(settlement(s, p).totalPayments, 4);
      }),
      { numRuns: 200 },
    );
  });
});
