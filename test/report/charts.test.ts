import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { buildCharts, chartContext, forestChart, sensitivityChart, subgroupChart } from '../../src/report/index.ts';
import type { OutcomeResult } from '../../src/analysis/results/types.ts';
import { loadEconomics, loadResults, withResults } from './inputs.ts';

type Row = Record<string, unknown>;
const values = (spec: unknown): Row[] => ((spec as { data?: { values?: Row[] } }).data?.values ?? []);

describe('chart builders', () => {
  const results = loadResults();
  const economics = loadEconomics();

  it('build every chart with economics, and each spec compiles with vega-lite without errors', () => {
    for (const lang of ['da', 'en'] as const) {
      const charts = buildCharts(chartContext(results, economics, lang));
      expect(charts.map((c) => c.id)).toEqual(['consort', 'primary-outcome', 'forest', 'change-over-time', 'responders', 'sensitivity', 'subgroups', 'economics-cash-flow', 'economics-savings', 'economics-psa', 'economics-tornado']);
      for (const c of charts) {
        const errors: string[] = [];
        const logger = { level: () => logger, error: (...a: unknown[]) => (errors.push(a.join(' ')), logger), warn: () => logger, info: () => logger, debug: () => logger };
        compile(c.spec, { logger: logger as never });
        expect(errors, c.id).toEqual([]);
      }
    }
  });

  it('leaves the economics charts out without economics, and the subgroup chart without subgroups', () => {
    const ids = buildCharts(chartContext(withResults((r) => (r.subgroups = [])), null, 'en')).map((c) => c.id);
    expect(ids).toEqual(['consort', 'primary-outcome', 'forest', 'change-over-time', 'responders', 'sensitivity']);
  });

  it('forest plot: d is benefit-signed, so a lower-is-better outcome that improved sits right of zero', () => {
    const spec = forestChart(chartContext(results, null, 'en'))!.spec;
    const wsas = values(spec).find((r) => String(r.outcome).startsWith('Functional impairment'))!;
    const raw = results.outcomes.find((o) => o.id === 'wsas' && o.isPrimaryEstimator)!;
    expect(raw.cohensD!.estimate).toBeLessThan(0);
    expect(wsas.d).toBeCloseTo(-raw.cohensD!.estimate, 5);
    expect(wsas.lower).toBeCloseTo(-raw.cohensD!.upper, 5);
    expect(wsas.outcome).toContain('lower is better');
    expect(JSON.stringify(spec)).toContain('favours PEER →');
    expect(JSON.stringify(forestChart(chartContext(results, null, 'da'))!.spec)).toContain('til fordel for PEER →');
  });

  it('sensitivity: renders whatever estimator rows exist, by id, including ones added later', () => {
    const primary = results.outcomes.find((o) => o.id === 'qpr15' && o.isPrimaryEstimator)!;
    const extra = (estimator: string, shift: number): OutcomeResult => ({ ...primary, estimator, isPrimaryEstimator: false, difference: { ...primary.difference!, estimate: primary.difference!.estimate + shift } });
    const rows = values(sensitivityChart(chartContext(results, null, 'da'))!.spec).map((x) => x.estimator);
    expect(rows).toEqual(['ANCOVA (primær)', 'Komplette observationer', 'Blandet model (MMRM)', 'Multipel imputation', 'Per protokol', 'Ujusteret (Welch)']);
    const r = withResults((x) => (x.outcomes = [...x.outcomes, extra('some-new-method', 0.3)]));
    expect(values(sensitivityChart(chartContext(r, null, 'en'))!.spec).map((x) => x.estimator).at(-1)).toBe('Some new method');
    // Without the MMRM/MI rows (results from before they existed) the chart simply has fewer rows.
    const older = withResults((x) => (x.outcomes = x.outcomes.filter((o) => o.estimator !== 'mmrm' && o.estimator !== 'mi-ancova')));
    expect(values(sensitivityChart(chartContext(older, null, 'en'))!.spec)).toHaveLength(4);
    const none = withResults((x) => (x.outcomes = x.outcomes.filter((o) => o.estimator === 'ancova')));
    expect(values(sensitivityChart(chartContext(none, null, 'en'))!.spec)).toHaveLength(1);
  });

  it('subgroups: sizes under 5 are "<5" and the interaction p is in the panel header', () => {
    const r = withResults((x) => {
      const g = x.subgroups[0];
      (x.subgroups as unknown[])[0] = { ...g, levels: g.levels.map((l, i) => (i === 0 ? { ...l, n: { SAU: 3, PEER: 4 } } : l)) };
    });
    const data = values(subgroupChart(chartContext(r, null, 'en'))!.spec);
    expect(data[0].level).toContain('PEER <5, SAU <5');
    expect(String(data[0].group)).toMatch(/interaction p = 0\.58/);
  });

  it('chart data are aggregates: no chart carries more than 100 rows', () => {
    for (const c of buildCharts(chartContext(results, economics, 'en'))) {
      const rows = JSON.stringify(c.spec).match(/"values":\[/g)?.length ?? 0;
      expect(rows, c.id).toBeGreaterThan(0);
      const layers = [c.spec, ...(((c.spec as { layer?: unknown[] }).layer ?? []) as unknown[])];
      for (const l of layers) expect(values(l).length, c.id).toBeLessThanOrEqual(100);
    }
  });
});
