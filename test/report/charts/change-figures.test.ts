/**
 * What the change-over-time chart and its section say they plot (src/report/charts/change-figures.ts).
 * Every outcome's had been "Adjusted mean per group at each follow-up visit" / "Justeret gennemsnit
 * ved hver opfølgningsmåling", also HSAUR3::respiratory's binary outcome (its points the
 * standardised proportions, drawn as 0.4) and HSAUR3::epilepsy's counts (observed rates). Scores keep
 * their words and numbers (the PEER twin's chart, byte for byte).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../../src/index.ts';
import type { AnalysisResults } from '../../../src/analysis/results/types.ts';
import { chartContext } from '../../../src/report/charts/context.ts';
import { changeOverTimeChart, changePanelRows } from '../../../src/report/charts/change-over-time.ts';
import { changeFigures } from '../../../src/report/charts/change-figures.ts';
import { reportHtml, sectionText } from '../../helpers/report-text.ts';
import { repoRoot } from '../../helpers/fixtures.ts';
import { loadResults } from '../inputs.ts';

const real = (f: string) => join(repoRoot, 'data-samples/real', f);
const results = {} as Record<'respiratory' | 'epilepsy' | 'ips', AnalysisResults>;
const html: Record<string, string> = {};

beforeAll(async () => {
  results.respiratory = runAnalysis(await loadTrial(real('respiratory.csv'), real('respiratory.spec.json')));
  results.epilepsy = runAnalysis(await loadTrial(real('epilepsy.csv'), real('epilepsy.spec.json')));
  results.ips = runAnalysis(await loadTrial(join(repoRoot, 'data-samples/ips/ips-twin.csv'), join(repoRoot, 'data-samples/ips/ips.spec.json')));
  for (const name of ['respiratory', 'epilepsy'] as const) for (const lang of ['en', 'da'] as const) html[`${name}-${lang}`] = await reportHtml(results[name], lang);
}, 180_000);

type Spec = { title: { text: string | string[]; subtitle: string[] }; data: { values: Array<Record<string, string | number>> } };
const chart = (r: AnalysisResults, lang: 'en' | 'da') => changeOverTimeChart(chartContext(r, null, lang))!;
const text = (x: string | string[]) => (Array.isArray(x) ? x.join(' ') : x);

describe('a binary outcome over time: standardised proportions in percent (respiratory)', () => {
  it('the chart says so and plots percent: placebo at month 4 is 43.2, as in the primary section', () => {
    const c = chart(results.respiratory, 'en');
    const spec = c.spec as unknown as Spec;
    expect(c.title).toBe('Standardised proportion at each follow-up visit');
    expect(spec.title.subtitle).toEqual(['Standardised proportion, %; 95% CI']);
    const p = spec.data.values.find((v) => v.visit === 'month 4' && v.arm === 'placebo')!;
    expect(p.estimate).toBeCloseTo(43.2, 1);
    expect(c.alt).toContain('Standardised proportion per group at month 1, month 2, month 3, month 4.');
    expect(c.alt).toContain('month 4 placebo 43.2%, treatment 63.1%.');
    expect(chart(results.respiratory, 'da').title).toBe('Standardiseret andel ved hver opfølgningsmåling');
  });

  it('the section (en)', () => {
    const s = sectionText(html['respiratory-en'], 'change');
    expect(s).toContain('Standardised proportion per group at every follow-up visit from the primary analysis, so every point is comparable. Baseline is not a point; the chart shows the primary analysis\'s follow-up visits.');
    expect(s).toContain('Standardised proportion per group at each follow-up visit.');
    expect(s).not.toMatch(/adjusted mean|models adjust/i);
  });

  it('… and in Danish', () => {
    const s = sectionText(html['respiratory-da'], 'change');
    expect(s).toContain('Standardiseret andel pr. gruppe ved hver opfølgningsmåling fra den primære analyse, så alle punkter er sammenlignelige. Baseline vises ikke som punkt; figuren viser den primære analyses opfølgningsmålinger.');
    expect(s).toContain('måned 4 placebo 43,2 %, treatment 63,1 %.');
    expect(s).not.toMatch(/justeret gennemsnit/i);
  });
});

describe('a count outcome over time: the observed rates (epilepsy)', () => {
  it('named with the units, to 2 decimals, not in percent (en, da)', () => {
    const c = chart(results.epilepsy, 'en');
    const spec = c.spec as unknown as Spec;
    expect(text(spec.title.text)).toBe('Observed rate (seizures per week) at each follow-up visit');
    expect(spec.title.subtitle).toEqual(['Observed rate (seizures per week); 95% CI']);
    expect(spec.data.values.find((v) => v.visit === 'weeks 7–8' && v.arm === 'placebo')!.estimate).toBeCloseTo(3.98, 2);
    const en = sectionText(html['epilepsy-en'], 'change');
    expect(en).toContain('Observed rate (seizures per week) per group at each follow-up visit.');
    expect(en).toContain('weeks 7–8 placebo 3.98, Progabide 3.35.');
    expect(en).not.toMatch(/adjusted mean/i);
    const da = sectionText(html['epilepsy-da'], 'change');
    expect(da).toContain('Observeret rate (seizures pr. week) pr. gruppe ved hver opfølgningsmåling fra den primære analyse');
    expect(da).not.toMatch(/justeret gennemsnit/i);
  });
});

describe('panels of different figures, and scores', () => {
  it('a generic heading; each panel names its own figure under its outcome (IPS twin: a proportion beside a count)', () => {
    const ctx = chartContext(results.ips, null, 'en');
    const engaged = ctx.mainRows.find((o) => o.kind === 'binary')!;
    const weeks = ctx.mainRows.find((o) => o.kind === 'count')!;
    const f = changeFigures(ctx, [engaged, weeks]);
    expect(f.means).toBe(false);
    expect(f.title).toBe('Figures per group at each follow-up visit');
    expect(f.axis).toBe("Each panel's own figure");
    expect(f.caption).toBe('Figures per group at each follow-up visit (each panel its own figure)');
    expect(f.panelNote(engaged)).toBe('(standardised proportion, %)');
    expect(f.panelNote(weeks)).toBe('(observed mean count (weeks))');
    expect(f.plotted(engaged, 0.5)).toBe(50);
    expect(f.plotted(weeks, 0.5)).toBe(0.5);
    // The IPS chart itself has one panel (the binary outcome): one figure, no notes.
    expect(changeFigures(ctx, changePanelRows(ctx)).title).toBe('Standardised proportion at each follow-up visit');
    expect(changeFigures(chartContext(results.ips, null, 'da'), [engaged, weeks]).title).toBe('Tal pr. gruppe ved hver opfølgningsmåling');
  });

  it('scores keep "adjusted mean" (the PEER twin, words and numbers as before)', () => {
    const twin = loadResults();
    for (const [lang, title, axis] of [['en', 'Adjusted mean at each follow-up visit', 'Adjusted mean'], ['da', 'Justeret gennemsnit ved hver opfølgningsmåling', 'Justeret gennemsnit']] as const) {
      const ctx = chartContext(twin, null, lang);
      const f = changeFigures(ctx, changePanelRows(ctx));
      expect(f.means).toBe(true);
      expect([f.title, f.axis, f.intro, f.caption]).toEqual([title, axis, ctx.t.msg.changeIntro, ctx.t.msg.changeCaption]);
      expect(changePanelRows(ctx).every((o) => f.panelNote(o) === null && f.plotted(o, 12.345) === 12.345)).toBe(true);
      expect(changeOverTimeChart(ctx)!.title).toBe(title);
    }
  });
});
