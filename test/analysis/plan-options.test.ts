import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { parseSpec } from '../../src/data/spec/load.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';
import { pooledSd } from '../../src/stats/effects/cohens-d.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const specFile = join(repoRoot, 'data-samples/peer-trial.spec.json');
const dataFile = join(repoRoot, 'data-samples/peer-trial.csv');

async function analyseWith(plan: Record<string, unknown>) {
  const raw = JSON.parse(readFileSync(specFile, 'utf8')) as Record<string, unknown>;
  raw.analysisPlan = { ...(raw.analysisPlan as object), ...plan };
  return runAnalysis(await loadTrial(dataFile, { ...parseSpec(raw, 'plan-options.spec.json'), specFile }));
}

// Plan options change what is computed, and the rows say so; none is accepted and then ignored.
describe('analysis plan options', () => {
  it("cohensDStandardiser 'pooled-baseline' divides by the pooled baseline SD and says so", async () => {
    const r = await analyseWith({ cohensDStandardiser: 'pooled-baseline', sensitivity: [] });
    const q = r.outcomes.find((o) => o.id === 'qpr15' && o.isPrimaryEstimator)!;
    const trial = await loadTrial(dataFile, specFile);
    const rows = trial.table.objects() as Record<string, unknown>[];
    const at = (arm: string) => rows.filter((x) => x.visit === 'baseline' && x.arm === arm && typeof x.qpr15 === 'number' && !Number.isNaN(x.qpr15)).map((x) => x.qpr15 as number);
    const sd = pooledSd(at('PEER'), at('SAU'));
    expect(q.cohensD!.sd).toBeCloseTo(sd, 12);
    expect(q.cohensD!.estimate).toBeCloseTo(q.difference!.estimate / sd, 12);
    expect(q.cohensD!.method).toContain('at baseline');
  });

  it('an MMRM primary estimator answers every visit and the ANCOVA becomes a sensitivity row', async () => {
    const r = await analyseWith({ defaults: { primary: 'mmrm' }, sensitivity: [] });
    const q = r.outcomes.filter((o) => o.id === 'qpr15');
    expect(q.filter((o) => o.isPrimaryEstimator).map((o) => [o.estimator, o.visit])).toEqual([['mmrm', 'end']]);
    expect(q.filter((o) => o.estimator === 'mmrm').map((o) => o.visit)).toEqual(['end', 'fu6']);
    expect(q.some((o) => o.estimator === 'ancova' && o.visit === 'end' && !o.isPrimaryEstimator)).toBe(true);
    expect(r.warnings.join(' ')).not.toContain('not implemented');
    const p = q.find((o) => o.isPrimaryEstimator)!;
    expect(p.multiplicity?.family).toBe('primary');
    expect(p.estimand.summaryMeasure).toContain('mixed model for repeated measures');
  });

  it("an outcome's own entry inherits what it leaves unset from `defaults`", async () => {
    const r = await analyseWith({ defaults: { primary: 'mmrm', sensitivity: ['welch'] }, outcomes: { qpr15: { visits: ['end'] } } });
    const q = r.outcomes.filter((o) => o.id === 'qpr15');
    expect(q.map((o) => [o.estimator, o.visit, o.isPrimaryEstimator])).toEqual([['mmrm', 'end', true], ['ancova', 'end', false], ['welch', 'end', false]]);
    expect(r.tippingPoints).toEqual([]);
  });

  it('without MI in the plan the effect rate is the observed-case risk difference; with it, the pooled one', async () => {
    const without = await analyseWith({ sensitivity: ['complete-case'] });
    const e0 = without.effectRates.find((e) => e.outcomeId === 'qpr15')!;
    expect(e0.pooled).toBe(false);
    expect(without.tippingPoints).toEqual([]);
    const withMi = await analyseWith({ sensitivity: ['mi-ancova'], imputation: { m: 5 } });
    const e1 = withMi.effectRates.find((e) => e.outcomeId === 'qpr15')!;
    const row = withMi.outcomes.find((o) => o.id === 'qpr15' && o.isPrimaryEstimator)!;
    expect(e1.pooled).toBe(true);
    expect(e1.estimate).toBe(row.responder!.pooled!.estimate);
    expect(row.responder!.pooled!.m).toBe(5);
  });
});
