/**
 * The flat tables (results.csv, tables/*.csv, results.xlsx) of a k-arm trial name each row's
 * comparison, and a pairwise row leaves the analysed n of the arm outside its comparison empty;
 * a two-arm trial's tables are as before. The disclosure plan keys those counts without the
 * comparison, so the same arm's n on two comparisons' rows must be one number.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResults, OutcomeResult } from '../../../src/analysis/results/types.ts';
import { allTables } from '../../../src/analysis/results/tables.ts';
import { countSystem, keyOf } from '../../../src/report/disclosure/model.ts';
import { loadResults } from '../../report/inputs.ts';

/** The twin as a three-arm trial: PEER2 a copy of PEER; each row on both comparisons, pairwise rows (Welch) analysing their two arms only. */
function threeArms(): AnalysisResults {
  const r = loadResults();
  const rows = (comparison: string, inside: string, outside: string) =>
    r.outcomes.map((o): OutcomeResult => {
      const pairwise = o.estimator === 'welch';
      const n = o.n.analysed.PEER;
      const analysed = { SAU: o.n.analysed.SAU, [inside]: n, [outside]: pairwise ? 0 : n };
      return { ...o, comparison, n: { ...o.n, randomised: { ...o.n.randomised, PEER2: o.n.randomised.PEER }, withData: { ...o.n.withData, PEER2: o.n.withData.PEER }, analysed } };
    });
  return {
    ...r,
    arms: [...r.arms, { label: 'PEER2', role: 'intervention', name: { da: 'PEER 2', en: 'PEER 2' } }],
    consort: { ...r.consort, PEER2: r.consort.PEER },
    comparisons: [{ id: 'PEER vs SAU', intervention: 'PEER', control: 'SAU' }, { id: 'PEER2 vs SAU', intervention: 'PEER2', control: 'SAU' }],
    outcomes: [...rows('PEER vs SAU', 'PEER', 'PEER2'), ...rows('PEER2 vs SAU', 'PEER2', 'PEER')],
  } as AnalysisResults;
}

const table = (r: AnalysisResults, name: string) => allTables(r).find((t) => t.name === name)!;

describe('flat tables by comparison', () => {
  it('a two-arm trial has no comparison column', () => {
    for (const t of allTables(loadResults())) expect(t.columns).not.toContain('comparison');
    expect(table(loadResults(), 'outcomes').columns.slice(0, 3)).toEqual(['outcome', 'role', 'higher_is_better']);
  });

  it('with k arms every per-comparison table names the comparison second', () => {
    const r = threeArms();
    for (const name of ['outcomes', 'responders', 'effect_rates', 'tipping_points', 'subgroups', 'safety']) {
      const t = table(r, name);
      expect(t.columns[1], name).toBe('comparison');
      for (const row of t.rows) expect(t.columns.length, name).toBe(row.length);
    }
    const t = table(r, 'outcomes');
    expect(new Set(t.rows.map((row) => row[1]))).toEqual(new Set(['PEER vs SAU', 'PEER2 vs SAU']));
  });

  it('the outcomes table names each row’s measure before its effect', () => {
    const t = table(loadResults(), 'outcomes');
    expect(t.columns[t.columns.indexOf('difference') - 1]).toBe('measure');
    const r = loadResults();
    t.rows.forEach((row, i) => expect(row[t.columns.indexOf('measure')]).toBe(r.outcomes[i].measure));
  });

  it('a pairwise row leaves the outside arm’s analysed n empty; a joint model keeps it', () => {
    const t = table(threeArms(), 'outcomes');
    const col = (name: string) => t.columns.indexOf(name);
    const welch = t.rows.find((row) => row[col('estimator')] === 'welch' && row[col('comparison')] === 'PEER vs SAU')!;
    expect(welch[col('n_analysed_PEER2')]).toBeNull();
    expect(welch[col('n_analysed_PEER')]).toBeGreaterThan(0);
    const ancova = t.rows.find((row) => row[col('estimator')] === 'ancova' && row[col('comparison')] === 'PEER vs SAU')!;
    expect(ancova[col('n_analysed_PEER2')]).toBe(ancova[col('n_analysed_PEER')]);
  });

  it('the same arm on two comparisons’ rows is one count to the disclosure plan, the outside arm’s 0 none', () => {
    const r = threeArms();
    const sys = countSystem(r);
    const welch = r.outcomes.find((o) => o.estimator === 'welch')!;
    const key = (arm: string) => keyOf('analysed', welch.id, welch.visit, welch.estimator, welch.population, arm);
    expect(sys.cells.get(key('PEER2'))?.value).toBe(welch.n.analysed.PEER);
    expect(sys.forcedHidden?.has(key('PEER2'))).toBe(false);
  });

  it('one key printed with two different numbers is never shown', () => {
    const r = threeArms();
    const o = r.outcomes.find((x) => x.estimator === 'ancova' && x.comparison === 'PEER2 vs SAU')!;
    const clash = { ...r, outcomes: r.outcomes.map((x) => (x === o ? { ...x, n: { ...x.n, analysed: { ...x.n.analysed, SAU: x.n.analysed.SAU - 1 } } } : x)) } as AnalysisResults;
    const key = keyOf('analysed', o.id, o.visit, o.estimator, o.population, 'SAU');
    expect(countSystem(r).forcedHidden?.has(key)).toBe(false);
    expect(countSystem(clash).forcedHidden?.has(key)).toBe(true);
  });
});
