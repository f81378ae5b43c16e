/**
 * Labels that are also names of Object.prototype ("__proto__", "constructor", "toString") are
 * ordinary labels: arms, sites and levels with those names keep their data in every chart and
 * table (an arm named "__proto__" once dropped the control arm's CONSORT data; Vega cannot sort
 * by a list holding "constructor", so the charts sort by number).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AnalysisResults } from '../../src/analysis/results/types.ts';
import { buildReport } from '../../src/report/index.ts';
import { resultsFile } from './inputs.ts';

/** The twin's results with arms SAU → "__proto__", PEER → "constructor" and the municipality Fredericia → "toString". */
function hostileResults(): AnalysisResults {
  const text = readFileSync(resultsFile, 'utf8').replace(/"SAU"/g, '"__proto__"').replace(/"PEER"/g, '"constructor"').replace(/"Fredericia"/g, '"toString"');
  return JSON.parse(text) as AnalysisResults;
}

describe('prototype names as labels', () => {
  it('the results keep both arms as own keys', () => {
    const r = hostileResults();
    expect(Object.keys(r.consort).sort()).toEqual(['__proto__', 'constructor']);
  });

  it.each(['da', 'en'] as const)('%s: the report builds, every chart has both arms, the site is a level', async (lang) => {
    const built = await buildReport(hostileResults(), null, { lang, date: '2026-11-25', png: false });
    const html = String(built.artefacts.find((a) => a.name === 'index.html')!.content);
    for (const id of ['primary-outcome', 'responders', 'change-over-time']) {
      const file = JSON.parse(String(built.artefacts.find((a) => a.name === `charts/${id}.vl.json`)!.content)) as { data?: unknown; vconcat?: unknown[] };
      // Synthetic data: the chart sits inside the note's wrapper (vconcat: [chart]).
      const spec = (file.vconcat ? file.vconcat[0] : file) as { data: { values: Array<{ arm: string }> } };
      expect(new Set(spec.data.values.map((v) => v.arm)), id).toEqual(new Set(['__proto__', 'constructor']));
      const svg = String(built.artefacts.find((a) => a.name === `charts/${id}.svg`)!.content);
      expect(svg, id).toContain('__proto__');
      expect(svg, id).toContain('constructor');
    }
    const consort = String(built.artefacts.find((a) => a.name === 'charts/consort.vl.json')!.content);
    expect(consort).toContain('__proto__');
    expect(consort).toContain('constructor');
    expect(html).toContain('toString');
  });
});
