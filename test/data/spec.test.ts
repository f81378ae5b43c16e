import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, parseSpec } from '../../src/data/spec/load.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { resolveInstruments } from '../../src/instruments/resolve.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const file = join(repoRoot, 'data-samples/peer-trial.spec.json');
const raw = (): Record<string, any> => JSON.parse(readFileSync(file, 'utf8'));

function refuse(mutate: (s: Record<string, any>) => void): DataValidationError {
  const s = raw();
  mutate(s);
  try {
    resolveInstruments(parseSpec(s, 'spec.json'));
  } catch (e) {
    expect(e).toBeInstanceOf(DataValidationError);
    return e as DataValidationError;
  }
  throw new Error('expected the spec to be refused');
}

describe('trial specs', () => {
  it.each(['peer-trial', 'peer-danish-locale', 'kolding-2025'])('%s.spec.json is valid and resolves its instruments', (name) => {
    const spec = loadSpec(join(repoRoot, `data-samples/${name}.spec.json`));
    expect(resolveInstruments(spec).length).toBe(8);
  });

  it.each([
    ['an outcome visit that does not exist', (s: Record<string, any>) => { s.outcomes[0].primaryVisit = 'week12'; }, 'outcomes[0].primaryVisit'],
    ['an outcome naming an unknown instrument', (s: Record<string, any>) => { s.outcomes[1].instrument = 'nope'; }, 'outcomes[1].instrument'],
    ['a baseline visit that does not exist', (s: Record<string, any>) => { s.baselineVisit = 'start'; }, 'baselineVisit'],
    ['two primary outcomes', (s: Record<string, any>) => { s.outcomes[1].role = 'primary'; }, 'outcomes'],
    ['no control arm', (s: Record<string, any>) => { s.arms[0].role = 'intervention'; }, 'arms'],
    ['a responder rule for an unknown outcome', (s: Record<string, any>) => { s.responders[0].outcome = 'qpr'; }, 'responders[0].outcome'],
    ['an instrument not in the registry', (s: Record<string, any>) => { s.instruments[0].instrument = 'QPR15'; }, 'instruments[0].instrument'],
    ['a reverse item beyond the last', (s: Record<string, any>) => { s.instruments[1].overrides.reverseItems = [29]; }, 'instruments[1].overrides.reverseItems'],
    ['a misspelled key', (s: Record<string, any>) => { s.outcome = s.outcomes; }, '(top level)'],
    ['a score outcome with a column', (s: Record<string, any>) => { s.outcomes[0].column = 'x'; }, 'outcomes[0]'],
  ])('refuses %s, naming the JSON path', (_label, mutate, path) => {
    const e = refuse(mutate);
    expect(e.problems.map((p) => p.path)).toContain(path);
    expect(e.userMessage()).toContain('spec.json');
  });

  it('"did you mean" for an instrument key', () => {
    const e = refuse((s) => { s.instruments[0].instrument = 'QPR15'; });
    expect(e.userMessage()).toContain('did you mean "QPR-15"');
  });
});
