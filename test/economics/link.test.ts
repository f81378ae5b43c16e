import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { linkResults } from '../../src/economics/link/from-results.ts';
import { businessCase } from '../../src/economics/model/business-case.ts';
import { EconomicsInputError } from '../../src/economics/scenario/errors.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const scenario = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));
const fixtureDir = join(repoRoot, 'test/economics/fixtures');

describe('linking a scenario to trial results', () => {
  it('takes the responder risk difference and its SE from results.json (a folder works too)', () => {
    const { scenario: linked, link } = linkResults(scenario, fixtureDir);
    expect(link.resultsFile).toBe(join(fixtureDir, 'results.json'));
    expect(linked.effects[0]).toMatchObject({ rate: 0.15, se: 0.055, provenance: 'trial' });
    expect(link.linked[0]).toMatchObject({ metric: 'qpr15-responder', controlRate: 0.3, interventionRate: 0.45 });
    // The saving scales linearly with the net effect rate.
    const bc = businessCase(linked);
    expect(bc.savingPerCitizen).toBeCloseTo(0.15 * 145961.75, 6);
  });

  it('refuses a results file without the named metric, naming both', () => {
    const s = { ...scenario, effects: scenario.effects.map((e) => ({ ...e, resultsMetric: 'wsas-responder' })) };
    expect(() => linkResults(s, fixtureDir)).toThrow(EconomicsInputError);
    try {
      linkResults(s, fixtureDir);
    } catch (e) {
      const msg = (e as EconomicsInputError).userMessage();
      expect(msg).toContain('wsas-responder');
      expect(msg).toContain('qpr15-responder');
    }
  });

  it('refuses a missing results file', () => {
    expect(() => linkResults(scenario, join(fixtureDir, 'nope.json'))).toThrow(/cannot read results/);
  });
});

describe('three payment metrics, each driving its own administration', () => {
  const three = loadScenario(join(repoRoot, 'data-samples/economics/dsi-three-payment-metrics.json'));

  it('reproduces the base case while all rates equal the implied 7.78 %', () => {
    const bc = businessCase(three);
    expect(Math.round(bc.savingPerCitizen)).toBe(11361);
    expect(Math.round(bc.netPerCitizen)).toBe(1667);
  });

  it('takes QPR-15, MANSA and admissions effect rates from the results and applies each to its administration', () => {
    const { scenario: linked, link } = linkResults(three, fixtureDir);
    expect(link.linked.map((l) => [l.effect, l.metric, l.rate])).toEqual([
      ['personal-recovery', 'qpr15-responder', 0.15],
      ['life-satisfaction', 'mansa-responder', 0.09],
      ['less-psychiatric-contact', 'admissions-reduction', 0.06],
    ]);
    const bc = businessCase(linked);
    expect(bc.savingPerCitizenByAdministration.social).toBeCloseTo(0.15 * bc.weightedSavingPerSuccessByAdministration.social, 6);
    expect(bc.savingPerCitizenByAdministration.employment).toBeCloseTo(0.09 * bc.weightedSavingPerSuccessByAdministration.employment, 6);
    expect(bc.savingPerCitizenByAdministration.health).toBeCloseTo(0.06 * bc.weightedSavingPerSuccessByAdministration.health, 6);
  });
});
