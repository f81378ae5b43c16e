// Employment scenarios (docs/economics.md § 6) against an independent R implementation
// (test/reference/employment-economics.R → employment-economics.json): the weekly build-up, the
// municipal business case, the investor's settlement and IRR, and the break-even points (R finds
// them by uniroot; the TS code uses closed forms).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnyScenario, parseEmploymentScenario } from '../../src/economics/employment/load.ts';
import { runEconomics } from '../../src/economics/run.ts';
import { economicsTables } from '../../src/economics/tables.ts';
import { EconomicsInputError } from '../../src/economics/scenario/errors.ts';
import type { Scenario } from '../../src/economics/scenario/schema.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { toJson } from '../../src/data/io/flat-table.ts';
import { runCli } from '../cli/run-cli.ts';
import { expectAllLRE, expectLRE } from '../helpers/lre.ts';

interface RCase {
  readonly name: string;
  readonly rate: number;
  readonly discountRate: number;
  readonly basis: 'gross' | 'net';
  readonly buildUp: { participants: number; netStartRate: number; municipality: number; state: number; savingPerSuccess: number; costPerParticipant: number; municipalPerWeekOffBenefit: number; municipalPerWeekInWork: number };
  readonly businessCase: { savingPerCitizen: number; costPerCitizenDiscounted: number; netPerCitizen: number; totalNet: number; breakEvenEffectRate: number; cumulativeNetDiscounted: number[] };
  readonly settlement: { flows: number[]; totalPayments: number; investorReturn: number; irr: number };
  readonly breakEven: { weeksOffBenefit: number; pricePerStartInvestorRepaid: number; netStartRateInvestorRepaid: number };
}
const ref = readFixture<{ file: string; cases: RCase[] }>('employment-economics.json');
const raw = JSON.parse(readFileSync(join(repoRoot, ref.file), 'utf8')) as Record<string, any>;

function variant(c: RCase) {
  const input = structuredClone(raw);
  input.discountRate = c.discountRate;
  if (c.basis === 'net') {
    input.rateCard.basis = 'net';
    input.rateCard.pricePerStart = 200000;
    delete input.rateCard.cap;
  }
  const loaded = parseEmploymentScenario(input, ref.file);
  // A linked analysis replaces the net start rate (what linkResults does), leaving the rest.
  const scenario: Scenario = c.rate === loaded.buildUp.netStartRate ? loaded.scenario : { ...loaded.scenario, effects: loaded.scenario.effects.map((e) => ({ ...e, rate: c.rate, provenance: 'trial' as const })) };
  return runEconomics(scenario, { employment: { inputs: loaded.inputs, buildUp: loaded.buildUp }, draws: 200 });
}

describe('employment economics against R', () => {
  it.each(ref.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = variant(c);
    const e = r.employment!;
    const b = e.buildUp;
    expect(b.participants).toBe(c.buildUp.participants);
    expectLRE(b.netStartRate, c.buildUp.netStartRate, 14, 'net start rate');
    expectLRE(b.perParticipant.municipality, c.buildUp.municipality, 14, 'municipal saving per participant');
    expectLRE(b.perParticipant.state, c.buildUp.state, 14, 'state saving per participant');
    expectLRE(b.savingPerSuccess, c.buildUp.savingPerSuccess, 14, 'saving per additional start');
    expectLRE(b.costPerParticipant, c.buildUp.costPerParticipant, 14, 'expected payments per participant');
    expectLRE(b.municipalPerWeek.offBenefit, c.buildUp.municipalPerWeekOffBenefit, 15, 'municipal per week off benefit');
    expectLRE(b.municipalPerWeek.inWork, c.buildUp.municipalPerWeekInWork, 15, 'municipal per week in work');
    const bc = r.businessCase;
    expectLRE(bc.savingPerCitizen, c.businessCase.savingPerCitizen, 12, 'saving per citizen');
    expectLRE(bc.costPerCitizenDiscounted, c.businessCase.costPerCitizenDiscounted, 12, 'cost per citizen');
    expectLRE(bc.netPerCitizen, c.businessCase.netPerCitizen, 10, 'net per citizen');
    expectLRE(bc.totalNet, c.businessCase.totalNet, 10, 'total net');
    expectLRE(Object.values(bc.breakEvenEffectRates!)[0], c.businessCase.breakEvenEffectRate, 12, 'break-even effect rate');
    expectAllLRE(bc.cashFlow.map((y) => y.cumulativeNetDiscounted), c.businessCase.cumulativeNetDiscounted, 10, 'cumulative net');
    const st = r.settlement;
    expectAllLRE(st.cashFlow.map((y) => y.net), c.settlement.flows, 12, 'investor flows');
    expectLRE(st.totalPayments, c.settlement.totalPayments, 14, 'payments');
    expectLRE(st.investorReturn, c.settlement.investorReturn, 10, 'investor return');
    expectLRE(st.irr!, c.settlement.irr, 12, 'IRR');
    expectLRE(e.breakEven.weeksOffBenefit!, c.breakEven.weeksOffBenefit, 10, 'break-even weeks off benefit');
    expectLRE(e.breakEven.pricePerStartInvestorRepaid!, c.breakEven.pricePerStartInvestorRepaid, 10, 'break-even price per start');
    expectLRE(e.breakEven.netStartRateInvestorRepaid!, c.breakEven.netStartRateInvestorRepaid, 10, 'break-even net start rate');
  });
});

describe('employment scenarios: loading, output and bad input', () => {
  it('an ordinary scenario still loads as before (no employment block)', () => {
    const dsi = JSON.parse(readFileSync(join(repoRoot, 'data-samples/economics/dsi-base-case.json'), 'utf8'));
    const l = parseAnyScenario(dsi, 'dsi-base-case.json');
    expect(l.employment).toBeNull();
    expect(runEconomics(l.scenario, { draws: 100 }).employment).toBeUndefined();
  });

  it('writes the weekly components with payer, provenance and source, and the summary, as tables', () => {
    const r = variant(ref.cases[0]);
    const names = economicsTables(r).map((t) => t.name);
    expect(names).toContain('employment_components');
    expect(names).toContain('employment_summary');
    const comp = economicsTables(r).find((t) => t.name === 'employment_components')!;
    expect(comp.rows.map((row) => row[0])).toEqual(raw.components.map((c: { id: string }) => c.id));
    expect(comp.rows.every((row) => typeof row[9] === 'string' && (row[9] as string).length > 20)).toBe(true);
  });

  it('the sample validates against schemas/employment-scenario.schema.json, and its economics.json against economics.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const schema = (f: string) => JSON.parse(readFileSync(join(repoRoot, 'schemas', f), 'utf8')) as object;
    const input = new Ajv2020({ allErrors: true, strict: false }).compile(schema('employment-scenario.schema.json'));
    expect(input(raw), JSON.stringify(input.errors?.slice(0, 3))).toBe(true);
    const output = ajv.compile(schema('economics.schema.json'));
    const json = JSON.parse(toJson(variant(ref.cases[0])));
    expect(output(json), JSON.stringify(output.errors?.slice(0, 3))).toBe(true);
  });

  it('effekt economics runs an employment scenario end to end (exit 0, break-even printed, employment tables written)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'effekt-employment-')), 'e');
    const r = runCli(['economics', '--scenario', join(repoRoot, ref.file), '--out', out, '--draws', '300', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Break-even: 9.9 weeks off cash benefit per participant');
    expect(readdirSync(out)).toContain('economics-employment_components.csv');
  });

  it('every assumed figure says so and carries a source note', () => {
    const l = parseEmploymentScenario(raw, ref.file);
    const figures = [l.inputs.programme, l.inputs.outcome, l.inputs.weeks.offBenefit, l.inputs.weeks.inWork, ...l.inputs.components, l.inputs.investment, l.inputs.rateCard];
    for (const f of figures) expect(f.source.length).toBeGreaterThan(30);
    expect(l.inputs.components.filter((c) => c.provenance === 'assumed').length).toBe(l.inputs.components.length);
    expect(l.inputs.investment.provenance).toBe('published');
  });

  it.each([
    ['no net effect', (s: any) => (s.outcome.counterfactualRate = 0.7), 'outcome', 'not above the counterfactual'],
    ['a municipal loss', (s: any) => (s.components[0].amount = -90000), 'components', 'loss per participant'],
    ['a duplicate component', (s: any) => (s.components[1].id = s.components[0].id), 'components[1].id', 'used twice'],
    ['a profile that does not sum to 1', (s: any) => (s.savingsProfile = [0.5, 0.5, 0.5]), 'savingsProfile', 'sum to'],
    ['an unknown field', (s: any) => (s.rateCard.price = 1), 'rateCard', 'Unrecognized key'],
  ])('refuses %s, naming the path', (_n, change, path, message) => {
    const s = structuredClone(raw);
    change(s);
    try {
      parseEmploymentScenario(s, 'x.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EconomicsInputError);
      const p = (e as EconomicsInputError).problems[0];
      expect(p.file).toBe('x.json');
      expect(p.path).toBe(path);
      expect(p.message).toContain(message);
    }
  });
});
