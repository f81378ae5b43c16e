/**
 * The contract: the sample loads and resolves against the trial's results (counterfactuals and
 * benchmark from the SAU and PEER arms, Wilson intervals recomputed by src/stats), and every rule
 * a schema cannot state is refused with the JSON path and a fix.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContract, parseContract, periodOf } from '../../src/rollout/contract/load.ts';
import { RolloutInputError } from '../../src/rollout/errors.ts';
import { parseRolloutSpec } from '../../src/rollout/spec/load.ts';
import { createHash } from 'node:crypto';
import { wilson } from '../../src/stats/effects/binary.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const dir = join(repoRoot, 'data-samples/rollout');
const raw = (): Record<string, any> => JSON.parse(readFileSync(join(dir, 'contract.json'), 'utf8'));

function refused(mutate: (c: Record<string, any>) => void): RolloutInputError {
  const c = raw();
  mutate(c);
  try {
    parseContract(c, 'contract.json');
  } catch (e) {
    expect(e).toBeInstanceOf(RolloutInputError);
    return e as RolloutInputError;
  }
  throw new Error('expected the contract to be refused');
}

describe('roll-out contract', () => {
  it('the sample resolves its counterfactuals from the trial (SAU arm, Wilson CI) and keeps the fixed one', () => {
    const c = loadContract(join(dir, 'contract.json'));
    expect(c.metrics.map((m) => m.id)).toEqual(['personal-recovery', 'life-satisfaction', 'less-psychiatric-contact']);
    const pr = c.metrics[0];
    expect(pr.counterfactual).toMatchObject({ source: 'trial', arm: 'SAU', events: 47, n: 126, resultsMetric: 'qpr15-responder' });
    const w = wilson(47, 126, 0.95);
    expect(pr.counterfactual.rate).toBe(47 / 126);
    expect(pr.counterfactual.lower).toBe(w.lower);
    expect(pr.counterfactual.upper).toBe(w.upper);
    expect(pr.counterfactualUsed).toBe(47 / 126);
    expect(pr.benchmark?.arms.map((a) => [a.label, a.events, a.n])).toEqual([['SAU', 47, 126], ['PEER', 68, 117]]);
    expect(c.metrics[2].counterfactual).toMatchObject({ source: 'fixed', rate: 0.33, lower: 0.27, upper: 0.4 });
    expect(c.businessCase?.id).toBe('dsi-three-payment-metrics');
    expect(c.periods.map((p) => p.id)).toEqual(['2024H1', '2024H2', '2025H1', '2025H2', '2026H1', '2026H2']);
  });

  it('the conservative option uses the upper confidence limit', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'effekt-contract-'));
    for (const f of ['trial-results.json', 'business-case.json']) copyFileSync(join(dir, f), join(tmp, f));
    const c = raw();
    c.counterfactualBound = 'upper-confidence-limit';
    writeFileSync(join(tmp, 'contract.json'), JSON.stringify(c));
    const r = loadContract(join(tmp, 'contract.json'));
    expect(r.metrics[0].counterfactualUsed).toBe(wilson(47, 126, 0.95).upper);
    expect(r.metrics[2].counterfactualUsed).toBe(0.4);
  });

  it('refuses results that are not the pinned file', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'effekt-contract-'));
    copyFileSync(join(dir, 'business-case.json'), join(tmp, 'business-case.json'));
    writeFileSync(join(tmp, 'trial-results.json'), readFileSync(join(dir, 'trial-results.json'), 'utf8').replace('"seed": ', '"seed":  '));
    writeFileSync(join(tmp, 'contract.json'), JSON.stringify(raw()));
    expect(() => loadContract(join(tmp, 'contract.json'))).toThrow(/SHA-256/);
  });

  it.each([
    ['a gap between periods', (c: Record<string, any>) => { c.periods[1].from = '2024-07-02'; }, 'periods[1].from'],
    ['a period ending before it starts', (c: Record<string, any>) => { c.periods[0].to = '2023-12-31'; }, 'periods[0]'],
    ['a date that is not a calendar date', (c: Record<string, any>) => { c.periods[0].to = '2024-02-30'; }, 'periods.0.to'],
    ['a fixed rate outside its range', (c: Record<string, any>) => { c.paymentMetrics[2].counterfactual.rate = 0.5; }, 'paymentMetrics[2].counterfactual'],
    ['a cap below the floor', (c: Record<string, any>) => { c.limits.floor = 3e6; }, 'limits.cap'],
    ['a metric id used twice', (c: Record<string, any>) => { c.paymentMetrics[1].id = 'personal-recovery'; }, 'paymentMetrics'],
    ['a negative price', (c: Record<string, any>) => { c.paymentMetrics[0].pricePerOutcome = -1; }, 'paymentMetrics.0.pricePerOutcome'],
    ['an unknown rule type', (c: Record<string, any>) => { c.paymentMetrics[0].rule.type = 'delta'; }, 'paymentMetrics.0.rule.type'],
    ['a misspelt key', (c: Record<string, any>) => { c.period = c.periods; }, ''],
  ])('refuses %s', (_label, mutate, path) => {
    const e = refused(mutate);
    expect(e.problems.map((p) => p.path)).toContain(path);
    expect(e.userMessage()).toMatch(/Fix:/);
  });

  it.each([
    ['a visit id (it reaches the store\'s SQL, which DuckDB reads only up to a NUL)', (c: Record<string, any>) => { c.visits.followUp = "slut\u0000' OR 1=1 --"; }, 'visits.followUp'],
    ['a municipality id', (c: Record<string, any>) => { c.municipalities[0].id = 'Kol\u0000ding'; }, 'municipalities.0.id'],
    ['a key', (c: Record<string, any>) => { c.parties['x\u0000'] = 'y'; }, 'parties.x\u0000'],
  ])('refuses a NUL character in %s, naming the path', (_n, mutate, path) => {
    const e = refused(mutate);
    expect(e.problems.map((p) => p.path)).toEqual([path]);
    expect(e.userMessage()).toContain('holds a NUL character (\\x00)');
  });

  it('assigns a date to the period holding it', () => {
    const c = raw();
    expect(periodOf(c.periods, '2024-06-30')?.id).toBe('2024H1');
    expect(periodOf(c.periods, '2024-07-01')?.id).toBe('2024H2');
    expect(periodOf(c.periods, '2027-01-01')).toBeNull();
  });
});

describe('roll-out spec', () => {
  it('refuses a NUL character in any text, naming the path', () => {
    const s = JSON.parse(readFileSync(join(dir, 'rollout.spec.json'), 'utf8'));
    s.columns.group = 'hold\u0000';
    expect(() => parseRolloutSpec(s, 'rollout.spec.json', createHash('sha256'))).toThrow(/rollout\.spec\.json, at columns\.group: holds a NUL character/);
  });
});
