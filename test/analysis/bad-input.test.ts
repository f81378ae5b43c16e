import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { parseSpec } from '../../src/data/spec/load.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const specFile = join(repoRoot, 'data-samples/peer-trial.spec.json');
const dataFile = join(repoRoot, 'data-samples/peer-trial.csv');
const rawSpec = (): Record<string, any> => JSON.parse(readFileSync(specFile, 'utf8'));

async function analyseWith(mutate: (s: Record<string, any>) => void) {
  const s = rawSpec();
  mutate(s);
  const spec = { ...parseSpec(s, 'plan-test.spec.json'), specFile };
  return runAnalysis(await loadTrial(dataFile, spec));
}

describe('analysis plans with bad references fail before computing, naming the JSON path', () => {
  it.each([
    ['a multiplicity family naming a missing outcome', (s: Record<string, any>) => { s.analysisPlan.multiplicity[1].outcomes.push('esrr'); }, 'analysisPlan.multiplicity[1].outcomes[3]'],
    ['a subgroup naming a missing column', (s: Record<string, any>) => { s.analysisPlan.subgroups.push({ column: 'gender' }); }, 'analysisPlan.subgroups[3].column'],
    ['an outcome override naming a missing visit', (s: Record<string, any>) => { s.analysisPlan.outcomes = { qpr15: { visits: ['week12'] } }; }, 'analysisPlan.outcomes.qpr15.visits[0]'],
    ['default visits naming a missing visit', (s: Record<string, any>) => { s.analysisPlan.defaults = { visits: ['End'] }; }, 'analysisPlan.defaults.visits[0]'],
    ['an estimate asked for at the baseline visit', (s: Record<string, any>) => { s.analysisPlan.outcomes = { qpr15: { visits: ['baseline'] } }; }, 'analysisPlan.outcomes.qpr15.visits[0]'],
    ['an override for a missing outcome', (s: Record<string, any>) => { s.analysisPlan.outcomes = { hope: {} }; }, 'analysisPlan.outcomes.hope'],
    ['a gate naming a missing family', (s: Record<string, any>) => { s.analysisPlan.multiplicity[1].gatedBy = 'primry'; }, 'analysisPlan.multiplicity[1].gatedBy'],
    ['an unknown estimator', (s: Record<string, any>) => { s.analysisPlan.sensitivity = ['bayes']; }, 'analysisPlan.sensitivity[0]'],
  ])('%s', async (_l, mutate, path) => {
    const err = await analyseWith(mutate).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).problems.map((p) => p.path)).toContain(path);
  });
});

describe('data that cannot support an estimate: an error naming outcome, visit and why, or a warning when the plan marks it optional', () => {
  it('a per-protocol rule that selects no intervention participant: an error naming the population', async () => {
    const err = await analyseWith((s) => { s.populations[1].rule.min = 11; }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    const msg = (err as DataValidationError).userMessage();
    expect(msg).toContain('population "per-protocol" gives no estimate');
    expect(msg).toContain('fewer than 2 participants');
    expect(msg).toContain('analysisPlan.populations.per-protocol.optional');
  });

  it('… and labelled not-estimable rows with a warning when the population is optional', async () => {
    const r = await analyseWith((s) => { s.populations[1].rule.min = 11; s.analysisPlan.populations = { 'per-protocol': { optional: true } }; });
    const pp = r.outcomes.filter((o) => o.population === 'per-protocol');
    expect(pp.length).toBeGreaterThan(0);
    for (const o of pp) {
      expect(o.status).toBe('not-estimable');
      expect(o.reason).toContain('fewer than 2 participants');
      expect(o.difference).toBeNull();
      expect(o.sentence.en).toContain('not estimable');
    }
    expect(r.warnings.join(' ')).toContain('population "per-protocol" gives no estimate');
  });

  it('an outcome with no follow-up in one arm: an error naming outcome, visit, comparison and arm', async () => {
    const trial = await loadTrial(dataFile, specFile);
    const arm = trial.table.array('arm') as string[];
    const visit = trial.table.array('visit') as string[];
    const q = (trial.table.array('qpr15') as (number | null)[]).map((v, i) => (arm[i] === 'PEER' && visit[i] === 'end' ? null : v));
    const broken = { ...trial, table: trial.table.assign({ qpr15: q }) };
    const err = (() => { try { runAnalysis(broken); return null; } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(DataValidationError);
    const msg = (err as DataValidationError).userMessage();
    expect(msg).toContain('outcome "qpr15" at visit "end" (PEER vs SAU): no estimate from ancova');
    expect(msg).toContain('arm PEER');
    expect(msg).toContain('analysisPlan.outcomes.qpr15.optional');
  });

  it('… and a warning with a labelled row when the outcome is optional', async () => {
    const s = rawSpec();
    s.analysisPlan.outcomes = { qpr15: { optional: true } };
    const spec = { ...parseSpec(s, 'plan-test.spec.json'), specFile };
    const trial = await loadTrial(dataFile, spec);
    const arm = trial.table.array('arm') as string[];
    const visit = trial.table.array('visit') as string[];
    const q = (trial.table.array('qpr15') as (number | null)[]).map((v, i) => (arm[i] === 'PEER' && visit[i] === 'end' ? null : v));
    const r = runAnalysis({ ...trial, table: trial.table.assign({ qpr15: q }) });
    const row = r.outcomes.find((o) => o.id === 'qpr15' && o.visit === 'end' && o.estimator === 'ancova')!;
    expect(row.status).toBe('not-estimable');
    expect(row.reason).toContain('arm PEER');
    expect(row.n.analysed).toEqual({ SAU: 126, PEER: 0 });
    expect(r.effectRates.find((e) => e.outcomeId === 'qpr15')).toBeUndefined();
    expect(r.warnings.join(' ')).toContain('outcome "qpr15" at visit "end"');
  });

  it('a stratum with participants from one arm only: estimated, with a warning naming the stratum', async () => {
    const trial = await loadTrial(dataFile, specFile);
    const site = trial.table.array('municipality') as string[];
    const lone = [...new Set(site)].sort()[0];
    const arm = (trial.table.array('arm') as string[]).map((a, i) => (site[i] === lone ? 'PEER' : a));
    const r = runAnalysis({ ...trial, table: trial.table.assign({ arm }) });
    const row = r.outcomes.find((o) => o.id === 'qpr15' && o.visit === 'end' && o.estimator === 'ancova')!;
    expect(row.status).toBe('estimated');
    expect(row.warnings.join(' ')).toContain(`municipality = ${lone} has participants from one arm only`);
  });

  it('reports every participant: analysed + lost = randomised for every visit and arm', async () => {
    const r = runAnalysis(await loadTrial(dataFile, specFile));
    for (const [arm, f] of Object.entries(r.consort)) {
      for (const a of f.analysed) {
        const lost = f.lostToFollowUp.find((l) => l.visit === a.visit)!.n;
        expect(a.n + lost, `${arm} ${a.visit}`).toBe(f.randomised);
      }
    }
  });

  it('is deterministic: the same input gives identical results', async () => {
    const a = runAnalysis(await loadTrial(dataFile, specFile));
    const b = runAnalysis(await loadTrial(dataFile, specFile));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
