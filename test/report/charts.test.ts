import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { armColours, buildCharts, chartContext, forestChart, primaryEmmChart, sensitivityChart, subgroupChart } from '../../src/report/index.ts';
import type { OutcomeResult } from '../../src/analysis/results/types.ts';
import { renderSvg } from '../../src/report/render/svg.ts';
import { loadEconomics, loadResults, withResults } from './inputs.ts';

type Row = Record<string, unknown>;
/** The chart's data rows, also inside the synthetic-data wrapper (vconcat: [note, chart]). */
const values = (spec: unknown): Row[] => {
  const s = spec as { data?: { values?: Row[] }; vconcat?: unknown[] };
  return s.data?.values ?? (s.vconcat ? values(s.vconcat[s.vconcat.length - 1]) : []);
};

describe('chart builders', () => {
  const results = loadResults();
  const economics = loadEconomics();

  it('build every chart with economics, and each spec compiles with vega-lite without errors', () => {
    for (const lang of ['da', 'en'] as const) {
      const charts = buildCharts(chartContext(results, economics, lang));
      expect(charts.map((c) => c.id)).toEqual(['consort', 'primary-outcome', 'forest', 'change-over-time', 'responders', 'sensitivity', 'subgroups', 'economics-cash-flow', 'economics-savings', 'economics-break-even', 'economics-psa', 'economics-tornado']);
      for (const c of charts) {
        const errors: string[] = [];
        const logger = { level: () => logger, error: (...a: unknown[]) => (errors.push(a.join(' ')), logger), warn: () => logger, info: () => logger, debug: () => logger };
        compile(c.spec, { logger: logger as never });
        expect(errors, c.id).toEqual([]);
      }
    }
  });

  it('exported SVGs cut no text: headless vega estimates 0.8 em a character, so long labels and titles are wrapped, never "…"', async () => {
    for (const lang of ['da', 'en'] as const) {
      for (const c of buildCharts(chartContext(results, economics, lang))) {
        const cut = [...(await renderSvg(c.spec)).matchAll(/<text[^>]*>([^<]*…)<\/text>/g)].map((m) => m[1]);
        expect(cut, `${lang} ${c.id}`).toEqual([]);
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
    // Complete cases equal the primary ANCOVA here (no baseline value missing): not drawn twice.
    expect(rows).toEqual(['ANCOVA (primær)', 'Blandet model (MMRM)', 'Multipel imputation (MI)', 'Per protokol', 'Ujusteret (Welch)']);
    const r = withResults((x) => (x.outcomes = [...x.outcomes, extra('some-new-method', 0.3)]));
    expect(values(sensitivityChart(chartContext(r, null, 'en'))!.spec).map((x) => x.estimator).at(-1)).toBe('Some new method');
    // Without the MMRM/MI rows (results from before they existed) the chart simply has fewer rows.
    const older = withResults((x) => (x.outcomes = x.outcomes.filter((o) => o.estimator !== 'mmrm' && o.estimator !== 'mi-ancova')));
    expect(values(sensitivityChart(chartContext(older, null, 'en'))!.spec)).toHaveLength(3);
    const none = withResults((x) => (x.outcomes = x.outcomes.filter((o) => o.estimator === 'ancova')));
    expect(values(sensitivityChart(chartContext(none, null, 'en'))!.spec)).toHaveLength(1);
  });

  it('subgroups: sizes under 5 are "<5" and the interaction p is in the panel header', () => {
    const r = withResults((x) => {
      const g = x.subgroups[0];
      (x.subgroups as unknown[])[0] = { ...g, levels: g.levels.map((l, i) => (i === 0 ? { ...l, n: { SAU: 3, PEER: 4 } } : l)) };
    });
    const data = values(subgroupChart(chartContext(r, null, 'en'))!.spec);
    expect(data[0].level).toContain('SAU <5, PEER <5');
    expect(String(data[0].group)).toMatch(/interaction p = 0\.58/);
  });

  it('synthetic data: every chart carries the note; a real trial\'s charts carry none', () => {
    for (const c of buildCharts(chartContext(results, economics, 'en'))) expect(JSON.stringify(c.spec), c.id).toContain('SYNTHETIC DATA – not results of the trial');
    const real = withResults((r) => (r.trial = { ...r.trial, synthetic: false }));
    for (const c of buildCharts(chartContext(real, economics, 'da'))) expect(JSON.stringify(c.spec), c.id).not.toContain('SYNTETISKE');
  });

  it('the line of no effect spans the plot (a rule with no y) and 0 is a tick, on forest, sensitivity and subgroup charts', () => {
    for (const build of [forestChart, sensitivityChart, subgroupChart]) {
      const spec = build(chartContext(results, null, 'en'))!.spec as unknown as Record<string, unknown>;
      const inner = ((spec.vconcat as unknown[] | undefined)?.at(-1) ?? spec) as { spec?: { layer: unknown[] }; layer?: unknown[] };
      const layers = (inner.spec?.layer ?? inner.layer) as Array<{ mark: { type: string }; encoding: Record<string, { datum?: number; axis?: { values?: number[] } }> }>;
      const rule = layers.find((l) => l.mark.type === 'rule' && l.encoding.x?.datum === 0)!;
      expect(rule, build.name).toBeDefined();
      expect(rule.encoding.y).toBeUndefined();
      expect(rule.encoding.x.axis?.values).toContain(0);
    }
  });

  it('arm colours and order: results order, control ochre and the intervention blue, in every chart and the exported helper', () => {
    expect(armColours(results.arms)).toEqual({ SAU: '#c07a2c', PEER: '#1f5f8b' });
    const spec = JSON.stringify(primaryEmmChart(chartContext(results, null, 'en'))!.spec);
    expect(spec).toContain('"domain":["SAU","PEER"],"range":["#c07a2c","#1f5f8b"]');
  });

  it('every chart has a text alternative that states its finding with numbers', () => {
    for (const c of buildCharts(chartContext(results, economics, 'da'))) {
      expect(c.alt, c.id).not.toBe(c.title);
      expect(c.alt, c.id).toMatch(/\d/);
    }
  });

  it('chart data are aggregates: no chart carries more than 100 rows', () => {
    for (const c of buildCharts(chartContext(results, economics, 'en'))) {
      const rows = JSON.stringify(c.spec).match(/"values":\[/g)?.length ?? 0;
      expect(rows, c.id).toBeGreaterThan(0);
      const inner = ((c.spec as { vconcat?: unknown[] }).vconcat?.at(-1) ?? c.spec) as { layer?: unknown[] };
      const layers = [inner, ...((inner.layer ?? []) as unknown[])];
      for (const l of layers) expect(values(l).length, c.id).toBeLessThanOrEqual(100);
    }
  });
});
