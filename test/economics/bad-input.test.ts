import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../src/economics/scenario/load.ts';
import { EconomicsInputError } from '../../src/economics/scenario/errors.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const raw = JSON.parse(readFileSync(join(repoRoot, 'data-samples/economics/dsi-base-case.json'), 'utf8')) as Record<string, unknown>;
const clone = (): Record<string, any> => JSON.parse(JSON.stringify(raw));

function problemsOf(mutate: (s: Record<string, any>) => void): EconomicsInputError {
  const s = clone();
  mutate(s);
  try {
    parseScenario(s, 'scenario.json');
  } catch (e) {
    expect(e).toBeInstanceOf(EconomicsInputError);
    return e as EconomicsInputError;
  }
  throw new Error('expected the scenario to be refused');
}

describe('bad scenarios are refused with a named problem', () => {
  it.each([
    ['target-group shares that do not sum to 1', (s: Record<string, any>) => { s.targetGroups[2].share = 0.3; }, 'targetGroups[].share', 'sum to'],
    ['a negative price', (s: Record<string, any>) => { s.investor.rateCard[0].pricePerOutcome = -5; }, 'investor.rateCard.0.pricePerOutcome', ''],
    ['a negative cost', (s: Record<string, any>) => { s.costPerCitizen = -1; }, 'costPerCitizen', ''],
    ['a horizon shorter than the course', (s: Record<string, any>) => { s.horizonYears = 2; }, 'horizonYears', 'shorter than the course'],
    ['an effect rate above 1', (s: Record<string, any>) => { s.effects[0].rate = 1.5; }, 'effects.0.rate', ''],
    ['an effect rate below −1', (s: Record<string, any>) => { s.effects[0].rate = -1.01; }, 'effects.0.rate', ''],
    ['a rate card for an unknown effect', (s: Record<string, any>) => { s.investor.rateCard[0].effect = 'nope'; }, 'investor.rateCard[0].effect', 'no effect'],
    ['a savings profile that does not sum to 1', (s: Record<string, any>) => { s.savingsProfile = [0.5, 0.5, 0.5, 0, 0]; }, 'savingsProfile', 'sum to'],
    ['a rate-card cap below its floor', (s: Record<string, any>) => { s.investor.rateCard[0].floor = 10; s.investor.rateCard[0].cap = 5; }, 'investor.rateCard[0].cap', 'below the floor'],
    ['a cap below the floor', (s: Record<string, any>) => { s.investor.floor = 10; s.investor.cap = 5; }, 'investor.cap', 'below the floor'],
    ['a beta distribution whose SD is too large for its mean', (s: Record<string, any>) => { s.targetGroups[0].savingUncertainty = { type: 'beta', mean: 0.5, sd: 0.6 }; }, 'targetGroups[0].savingUncertainty', 'too large'],
    ['a beta distribution whose mean lies outside [min, max]', (s: Record<string, any>) => { s.costUncertainty = { type: 'beta', mean: 9694, sd: 500 }; }, 'costUncertainty', 'strictly between min 0 and max 1'],
    ['a triangular distribution with min above max', (s: Record<string, any>) => { s.costUncertainty = { type: 'triangular', min: 12000, mode: 9694, max: 8000 }; }, 'costUncertainty', 'min ≤ mode ≤ max'],
    ['a cost distribution centred elsewhere than the cost', (s: Record<string, any>) => { s.costPerCitizen = 12000; }, 'costUncertainty', 'differs from costPerCitizen'],
    ['a triangular saving distribution that excludes the saving', (s: Record<string, any>) => { s.targetGroups[1].savingUncertainty = { type: 'triangular', min: 1, mode: 2, max: 3 }; }, 'targetGroups[1].savingUncertainty', 'does not contain'],
    ['a negative pre-financing', (s: Record<string, any>) => { s.investor.prefinancingPerCitizen = -1; }, 'investor.prefinancingPerCitizen', ''],
    ['a negative saving', (s: Record<string, any>) => { s.targetGroups[1].savingPerSuccess.byAdministration.health = -10; }, 'targetGroups.1.savingPerSuccess.byAdministration.health', ''],
    ['an unknown field', (s: Record<string, any>) => { s.costPerCitizn = 1; }, '', 'Unrecognized'],
  ])('%s', (_label, mutate, path, text) => {
    const err = problemsOf(mutate);
    const p = err.problems.find((x) => x.path === path) ?? err.problems[0];
    expect(p.path).toBe(path);
    expect(p.file).toBe('scenario.json');
    expect(err.userMessage()).toContain('nothing was written');
    expect(err.userMessage()).toContain(text);
  });
});
