// The business case, settlement/IRR and tornado quantiles against an independent R implementation
// (test/reference/economics.R → economics.json; IRR by uniroot to 1e-15, cross-checked by polyroot).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../src/economics/scenario/load.ts';
import { businessCase } from '../../src/economics/model/business-case.ts';
import { settlement } from '../../src/economics/settlement/settlement.ts';
import { fastEvaluator } from '../../src/economics/model/net-total.ts';
import { baseParameters } from '../../src/economics/model/parameters.ts';
import { quantile, type ParameterDistribution } from '../../src/economics/psa/distributions.ts';
import type { Scenario } from '../../src/economics/scenario/schema.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { expectAllLRE, expectLRE } from '../helpers/lre.ts';

interface Overrides {
  readonly discountRate?: number;
  readonly horizonYears?: number;
  readonly savingsProfile?: number[];
  readonly rates?: Record<string, number>;
  readonly investor?: Record<string, unknown>;
}
interface Case { readonly name: string; readonly file: string; readonly overrides: Overrides | [] }
interface BcCase extends Case {
  readonly savingPerCitizen: number;
  readonly savingPerCitizenByAdministration: Record<'social' | 'health' | 'employment', number>;
  readonly costPerCitizenDiscounted: number;
  readonly netPerCitizen: number;
  readonly totalNet: number;
  readonly breakEvenEffectRates: Record<string, number>;
  readonly breakEvenCostPerCitizen: number;
  readonly paybackYear: number | null;
  readonly cumulativeNetDiscounted: number[];
}
interface StCase extends Case {
  readonly flows: number[];
  readonly paymentsBeforeLimits: number;
  readonly totalPayments: number;
  readonly totalPrefinancing: number;
  readonly investorReturn: number;
  readonly irr: number;
  readonly irrPolyroot: number;
}
interface Fixture {
  readonly businessCase: BcCase[];
  readonly settlement: StCase[];
  readonly probabilities: [number, number];
  readonly quantiles: { dist: ParameterDistribution; q: [number, number] }[];
}

const ref = readFixture<Fixture>('economics.json');

/** Applies a case's overrides to the scenario file exactly as economics.R does (a null investor field removes it), then validates it. */
function scenarioFor(c: Case): Scenario {
  const raw = JSON.parse(readFileSync(join(repoRoot, c.file), 'utf8')) as Record<string, any>;
  const o: Overrides = Array.isArray(c.overrides) ? {} : c.overrides;
  for (const k of ['discountRate', 'horizonYears', 'savingsProfile'] as const) if (o[k] !== undefined) raw[k] = o[k];
  for (const e of raw.effects) if (o.rates?.[e.id] !== undefined) e.rate = o.rates[e.id];
  for (const [k, v] of Object.entries(o.investor ?? {})) {
    if (v === null) delete raw.investor[k];
    else raw.investor[k] = v;
  }
  return parseScenario(raw, c.file);
}

describe('business case against R', () => {
  it.each(ref.businessCase.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const bc = businessCase(scenarioFor(c));
    expectLRE(bc.savingPerCitizen, c.savingPerCitizen, 12, 'saving per citizen');
    for (const a of ['social', 'health', 'employment'] as const) expectLRE(bc.savingPerCitizenByAdministration[a], c.savingPerCitizenByAdministration[a], 12, `saving ${a}`);
    expectLRE(bc.costPerCitizenDiscounted, c.costPerCitizenDiscounted, 12, 'cost per citizen');
    expectLRE(bc.netPerCitizen, c.netPerCitizen, 10, 'net per citizen');
    expectLRE(bc.totalNet, c.totalNet, 10, 'total net');
    for (const [k, v] of Object.entries(c.breakEvenEffectRates)) expectLRE(bc.breakEvenEffectRates![k], v, 12, `break-even rate ${k}`);
    expectLRE(bc.breakEvenCostPerCitizen, c.breakEvenCostPerCitizen, 12, 'break-even cost');
    expect(bc.paybackYear).toBe(c.paybackYear);
    expectAllLRE(bc.cashFlow.map((y) => y.cumulativeNetDiscounted), c.cumulativeNetDiscounted, 10, 'cumulative discounted net');
  });
});

describe('settlement and IRR against R (uniroot, polyroot)', () => {
  it.each(ref.settlement.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const st = settlement(scenarioFor(c));
    expectAllLRE(st.cashFlow.map((y) => y.net), c.flows, 12, 'investor net flows');
    expectLRE(st.paymentsBeforeLimits, c.paymentsBeforeLimits, 12, 'payments before floor/cap');
    expectLRE(st.totalPayments, c.totalPayments, 14, 'total payments');
    expectLRE(st.totalPrefinancing, c.totalPrefinancing, 15, 'pre-financing');
    expectLRE(st.investorReturn, c.investorReturn, 10, 'investor return');
    expectLRE(st.irr!, c.irr, 14, 'IRR vs uniroot');
    expectLRE(st.irr!, c.irrPolyroot, 12, 'IRR vs polyroot');
  });
});

describe('tornado quantiles against R (qnorm, qt, qlnorm, qgamma, qbeta; triangular closed form)', () => {
  it.each(ref.quantiles.map((c) => [c.dist.type, c] as const))('%s', (_name, c) => {
    const q = ref.probabilities.map((p) => quantile(c.dist, Number.NaN, p));
    expectAllLRE(q, c.q, 12, `${c.dist.type} quantiles`);
  });
});

describe('rate card per payment metric with its own floor and cap', () => {
  it('reports each metric before and after its limits, then the programme total', () => {
    const c = ref.settlement.find((x) => x.name.startsWith('three metrics, gross basis'))!;
    const st = settlement(scenarioFor(c));
    expect(st.rateCard.map((r) => [r.effect, r.limitApplied])).toEqual([['personal-recovery', 'cap'], ['life-satisfaction', null], ['less-psychiatric-contact', 'floor']]);
    // Gross basis: (0.15 + 0.30) × 240 outcomes × 60,000 = 6,480,000, capped at 3,000,000.
    expect(st.rateCard[0].paymentsBeforeLimits).toBeCloseTo(6_480_000, 6);
    expect(st.rateCard.map((r) => r.payments)).toEqual([3_000_000, expect.closeTo(864_000, 6), 200_000]);
    expect(st.totalPayments).toBeCloseTo(4_064_000, 6);
    expect(st.limitApplied).toBeNull();
    // The PSA's fast path applies the same limits.
    const sc = scenarioFor(c);
    expect(fastEvaluator(sc).totalPayments(baseParameters(sc))).toBeCloseTo(st.totalPayments, 6);
  });
});
