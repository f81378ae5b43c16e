/** Planning numbers read from a results.json (a trimmed copy of the twin's, schema 1.3.0, and the same without `planning`). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyTrialDefaults, PowerInputError, trialDefaults } from '../../../src/analysis/power/index.ts';
import { planPower } from '../../../src/stats/power/plan.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

const dir = join(repoRoot, 'test/analysis/power/fixtures');
const file = join(dir, 'results.json');
const json = JSON.parse(readFileSync(file, 'utf8'));

describe('trialDefaults', () => {
  it('takes SD, ρ, SD of change, benchmark, dropout and control rate from a score outcome', () => {
    const d = trialDefaults(dir, 'qpr15');
    const p = json.planning.find((x: { visit: string }) => x.visit === 'end');
    const row = json.outcomes[0];
    expect(d.visit).toBe('end');
    expect(d.sd).toBe(p.sdVisit);
    expect(d.rho).toBe(p.correlation);
    expect(d.sdChange).toBe(p.sdChange);
    expect(d.benchmark).toBe(p.meanChange.SAU);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(d.dropout).toBeCloseTo(1 - sum(row.n.withData) / sum(row.n.randomised), 15);
    expect(d.controlRate).toBe(row.responder.rate.SAU.estimate);
    expect(d.resultsSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the control mean and NB dispersion 1/θ from a safety count', () => {
    const d = trialDefaults(file, 'admissions');
    expect(d.controlRate).toBe(json.safety[0].byArm.SAU.mean);
    expect(d.dispersion).toBeCloseTo(1 / json.safety[0].rateRatio.theta, 14);
  });

  it('fills only what the user left out, and says where each number came from', () => {
    const d = trialDefaults(file, 'qpr15');
    const { input, used } = applyTrialDefaults({ design: 'ancova', delta: 4, power: 0.8, dropout: 0.1 }, d);
    expect(input.rho).toBe(d.rho);
    expect(input.sd).toBe(d.sd);
    expect(input.dropout).toBe(0.1);
    expect(Object.keys(used).sort()).toEqual(['rho', 'sd']);
    expect(used.rho.source).toBe('results.json: planning[qpr15, end].correlation');
    expect(planPower(input).sampleSize.perArm.control).toBeGreaterThan(50);
  });

  it('single-arm: effect = expected change − the control arm’s change; SD of the change', () => {
    const d = trialDefaults(file, 'qpr15');
    const r = applyTrialDefaults({ design: 'single-arm', n: 80 }, d, { expectedChange: 6 });
    expect(r.input.delta).toBeCloseTo(6 - (d.benchmark as number), 14);
    expect(r.input.sd).toBe(d.sdChange);
    expect(r.benchmark?.source).toContain('meanChange.SAU');
  });

  it('an older results.json (1.2.0, no planning): SD from Cohen’s d, no ρ — ANCOVA then asks for rho', () => {
    const d = trialDefaults(join(dir, 'results-1.2.json'), 'qpr15');
    expect(d.rho).toBeNull();
    expect(d.sd).toBe(json.outcomes[0].cohensD.sd);
    const { input } = applyTrialDefaults({ design: 'ancova', delta: 4, power: 0.8 }, d);
    expect(() => planPower(input)).toThrow(/rho is required/);
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), 'qpr15', 'file not found'],
    ['an unknown outcome, listing the known ones', file, 'qpr', 'use --outcome with one of: qpr15, admissions'],
  ])('%s is a PowerInputError with the fix', (_, path, outcome, message) => {
    try {
      trialDefaults(path, outcome);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PowerInputError);
      expect((e as PowerInputError).userMessage()).toContain(message);
    }
  });

  it('a file that is not effekt results says so', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'effekt-power-')), 'results.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: '2.0.0', outcomes: [], arms: [] }));
    try {
      trialDefaults(bad, 'qpr15');
      expect.unreachable();
    } catch (e) {
      expect((e as PowerInputError).userMessage()).toContain('not an effekt results file of schema 1.x');
    }
  });
});
