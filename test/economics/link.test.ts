import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/economics/scenario/load.ts';
import { linkResults } from '../../src/economics/link/from-results.ts';
import { businessCase } from '../../src/economics/model/business-case.ts';
import { EconomicsInputError } from '../../src/economics/scenario/errors.ts';
import { parameterDistribution } from '../../src/economics/psa/parameter-distributions.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const scenario = loadScenario(join(repoRoot, 'data-samples/economics/dsi-base-case.json'));
const fixtureDir = join(repoRoot, 'test/economics/fixtures');

describe('linking a scenario to trial results', () => {
  it('takes the responder risk difference and its SE from results.json (a folder works too)', () => {
    const { scenario: linked, link } = linkResults(scenario, fixtureDir);
    // The file's name and content hash, not its folder: outputs do not depend on where it lies.
    expect(link.resultsFile).toBe('results.json');
    expect(link.resultsSha256).toBe(createHash('sha256').update(readFileSync(join(fixtureDir, 'results.json'))).digest('hex'));
    expect(link.linked[0].source).toBe('effectRates');
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

/** Writes a copy of the fixture results with `edit` applied; returns its folder. */
function editedResults(edit: (r: Record<string, any>) => void): string {
  const r = JSON.parse(readFileSync(join(fixtureDir, 'results.json'), 'utf8')) as Record<string, any>;
  edit(r);
  const dir = mkdtempSync(join(tmpdir(), 'effekt-link-'));
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
  return dir;
}

describe('MI-pooled effect rates', () => {
  const three = loadScenario(join(repoRoot, 'data-samples/economics/dsi-three-payment-metrics.json'));

  it('an effect rate marked pooled brings its Barnard–Rubin df, and the PSA samples it from a t distribution', () => {
    const { scenario: linked, link } = linkResults(three, fixtureDir);
    const mansa = link.linked.find((l) => l.metric === 'mansa-responder')!;
    expect(mansa).toMatchObject({ rate: 0.09, se: 0.05, df: 180.5, pooled: true, source: 'effectRates' });
    expect(parameterDistribution(linked, 'effect:life-satisfaction')).toEqual({ type: 'student-t', mean: 0.09, sd: 0.05, df: 180.5 });
    expect(parameterDistribution(linked, 'effect:personal-recovery')).toEqual({ type: 'normal', mean: 0.15, sd: 0.055 });
  });

  it("takes the outcome row's responder.pooled when the effect-rate row is not pooled", () => {
    const dir = editedResults((r) => {
      r.outcomes = [
        { id: 'qpr15', visit: 'end', population: 'itt', estimator: 'ancova', responder: { pooled: { estimate: 0.17, se: 0.06, df: 95.25, lower: 0.05, upper: 0.29, fmi: 0.2, m: 50 } } },
        // Another estimator's row for the same outcome is not the effect rate's row.
        { id: 'qpr15', visit: 'end', population: 'itt', estimator: 'welch', responder: { pooled: { estimate: 0.5, se: 0.1, df: 10, lower: 0.3, upper: 0.7, fmi: 0.2, m: 50 } } },
      ];
    });
    const { scenario: linked, link } = linkResults(scenario, dir);
    expect(link.linked[0]).toMatchObject({ metric: 'qpr15-responder', rate: 0.17, se: 0.06, df: 95.25, lower: 0.05, upper: 0.29, pooled: true, source: 'responder.pooled' });
    expect(linked.effects[0]).toMatchObject({ rate: 0.17, se: 0.06, df: 95.25, provenance: 'trial' });
  });

  it('without MI (responder.pooled null) the complete-data risk difference is used', () => {
    const dir = editedResults((r) => {
      r.outcomes = [{ id: 'qpr15', visit: 'end', population: 'itt', estimator: 'ancova', responder: { pooled: null } }];
    });
    expect(linkResults(scenario, dir).link.linked[0]).toMatchObject({ rate: 0.15, pooled: false, source: 'effectRates' });
  });
});

describe('bad trial effect rates are refused', () => {
  it.each([
    ['an estimate above 1', (r: Record<string, any>) => { r.effectRates[0].estimate = 1.2; }],
    ['an estimate below −1', (r: Record<string, any>) => { r.effectRates[0].estimate = -1.5; }],
    ['a negative SE', (r: Record<string, any>) => { r.effectRates[0].se = -0.1; }],
    ['a df of 0', (r: Record<string, any>) => { r.effectRates[0].df = 0; }],
  ])('%s', (_label, edit) => {
    const dir = editedResults(edit);
    expect(() => linkResults(scenario, dir)).toThrow(EconomicsInputError);
    try {
      linkResults(scenario, dir);
    } catch (e) {
      expect((e as EconomicsInputError).problems[0].path).toBe('effectRates[metric=qpr15-responder]');
      expect((e as EconomicsInputError).userMessage()).toContain('[−1, 1]');
    }
  });

  it('a results file with no effectRates array', () => {
    const dir = editedResults((r) => { delete r.effectRates; });
    expect(() => linkResults(scenario, dir)).toThrow(/no effectRates array/);
  });
});
