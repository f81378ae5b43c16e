/**
 * The subgroup chart in the outcome's own measure, as the sensitivity chart draws it. It always
 * wrote "intervention − control" on its axis and drew the no-effect line at 0, under a title that
 * already named the measure: a rate ratio read "Rate ratio (Progabide − placebo; 95% CI)", line at
 * 0 ("dashed line at 0: no effect"); a risk difference was drawn as 0.2 beside a page writing 19.9.
 * The analysis estimates subgroups for score and continuous outcomes only (run/subgroups.ts), so
 * no sample has subgroups of a ratio: the rows here are made up on HSAUR3::epilepsy (rate ratio)
 * and HSAUR3::respiratory (risk difference). A difference of means keeps its chart (PEER twin).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import type { AnalysisResults, Lang, SubgroupResult } from '../../src/analysis/results/types.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadResults } from './inputs.ts';

const real = join(repoRoot, 'data-samples/real');
const results: Record<string, AnalysisResults> = {};

/** The trial's results with one subgroup split of its primary row (two levels, given estimates and intervals). */
function withSubgroup(r: AnalysisResults, levels: ReadonlyArray<readonly [string, number, number, number]>): AnalysisResults {
  const main = r.outcomes.find((o) => o.isPrimaryEstimator && o.role === 'primary')!;
  const [control, intervention] = Object.keys(main.n.analysed);
  const g: SubgroupResult = {
    outcomeId: main.id, comparison: main.comparison!, visit: main.visit, variable: 'site',
    levels: levels.map(([level, estimate, lower, upper]) => ({ level, n: { [control]: 14, [intervention]: 15 }, difference: { estimate, lower, upper, se: 0.3, p: 0.4 } })),
    interactionP: 0.6, interactionF: 0.3, interactionDf: [1, 50], reason: null,
  };
  return { ...r, subgroups: [g] };
}

/** The subgroup chart's Vega-Lite spec as built for the report. */
async function subgroupSpec(r: AnalysisResults, lang: Lang): Promise<string> {
  const built = await buildReport(r, null, { lang, date: '2026-11-27', png: false });
  return String(built.artefacts.find((a) => a.name.endsWith('subgroups.vl.json'))!.content);
}

/** The x datum of the dashed no-effect rule. */
function ruleAt(spec: string): string | undefined {
  return JSON.stringify(JSON.parse(spec)).match(/"mark":\{"type":"rule","color":"[^"]+","strokeWidth":1.2,"strokeDash":\[5,3\]\},"encoding":\{"x":\{"datum":([-\d.]+)/)?.[1];
}

beforeAll(async () => {
  for (const trial of ['epilepsy', 'respiratory'] as const) results[trial] = runAnalysis(await loadTrial(join(real, `${trial}.csv`), join(real, `${trial}.spec.json`)));
}, 120_000);

describe('the subgroup chart in the outcome’s measure', () => {
  it.each([
    ['en', 'Rate ratio (Progabide / placebo; 95% CI)', 'dashed line at 1: no effect'],
    ['da', 'Rateratio (Progabide / placebo; 95 %-KI)', 'stiplet linje ved 1: ingen effekt'],
  ] as const)('a ratio (epilepsy, %s): "intervention / control", the line at 1', async (lang, axis, line) => {
    const spec = await subgroupSpec(withSubgroup(results.epilepsy, [['1', 0.7, 0.45, 1.1], ['2', 0.8, 0.5, 1.3]]), lang);
    expect(spec).toContain(`"${axis}"`);
    expect(spec).toContain(`"${line}"`);
    expect(ruleAt(spec)).toBe('1');
    expect(spec).not.toMatch(/Progabide − placebo|line at 0|linje ved 0/);
    // Ratios as themselves, on the linear axis the sensitivity chart uses.
    expect(spec).toContain('"estimate": 0.7');
    expect(spec).not.toContain('"type": "log"');
  });

  it('a share (respiratory): percentage points, the line at 0', async () => {
    const spec = await subgroupSpec(withSubgroup(results.respiratory, [['1', 0.2, 0.04, 0.36], ['2', 0.1, -0.05, 0.25]]), 'en');
    expect(spec).toContain('"Risk difference, percentage points (treatment − placebo; 95% CI)"');
    expect(spec).toMatch(/"estimate": 20,\s*"lower": 4,\s*"upper": 36/);
    expect(ruleAt(spec)).toBe('0');
  });

  it('a difference of means keeps its axis and line (PEER twin)', async () => {
    const spec = await subgroupSpec(loadResults(), 'en');
    expect(spec).toMatch(/\(PEER − SAU; 95% CI\)"/);
    expect(spec).toContain('"dashed line at 0: no effect"');
    expect(ruleAt(spec)).toBe('0');
  });
});
