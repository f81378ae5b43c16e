/**
 * Fixed report texts true for their rows, in both languages:
 * - competing-risk causes by the spec's names (event.labels → labels.causes): the IPS twin had
 *   "disability_pension: Cumulative incidence by τ", Danish too; without labels the code stays;
 * - the sensitivity table in the measure's own notation: HSAUR3::respiratory's risk difference was
 *   "0.20 (0.04 to 0.36)" under "Risk difference (95% CI)" beside a chart saying 19.9 (3.8 to 35.9);
 * - "difference" only where the rows are differences: the sensitivity captions, the subgroup intro
 *   and caption, the all-outcomes intro ("means and differences in each outcome's own units" over
 *   rate ratios) and, with k arms, the outcomes table caption that named only the first pair;
 * - the primary section's "Analysed: …" under each pair of a k-arm trial names that pair's arms
 *   only (it listed SAU, IPS and IPSE under every pair).
 * A two-arm trial of differences of means keeps every text exactly (PEER twin).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../src/index.ts';
import type { AnalysisResults, Lang, SubgroupResult } from '../../src/analysis/results/types.ts';
import { buildReport } from '../../src/report/index.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { loadResults } from './inputs.ts';

const trials = {
  ips: ['data-samples/ips/ips-twin.csv', 'data-samples/ips/ips.spec.json'],
  epilepsy: ['data-samples/real/epilepsy.csv', 'data-samples/real/epilepsy.spec.json'],
  respiratory: ['data-samples/real/respiratory.csv', 'data-samples/real/respiratory.spec.json'],
} as const;
const results: Record<string, AnalysisResults> = {};
const html: Record<string, string> = {};

async function render(r: AnalysisResults, lang: Lang): Promise<string> {
  const built = await buildReport(r, null, { lang, date: '2026-11-27', png: false });
  return String(built.artefacts.find((a) => a.name === 'index.html')!.content);
}

/** A page (or one of its sections) as plain text. */
function text(page: string, section?: string): string {
  const s = section ? page.slice(page.indexOf(`<section id="${section}">`), page.indexOf('</section>', page.indexOf(`<section id="${section}">`))) : page;
  return s.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}
const page = async (r: AnalysisResults, lang: Lang, section?: string) => text(await render(r, lang), section);
const section = (key: string, id: string) => text(html[key], id);

beforeAll(async () => {
  for (const [name, [csv, spec]] of Object.entries(trials)) {
    results[name] = runAnalysis(await loadTrial(join(repoRoot, csv), join(repoRoot, spec)));
    for (const lang of ['en', 'da'] as const) html[`${name}-${lang}`] = await render(results[name], lang);
  }
  for (const lang of ['en', 'da'] as const) html[`twin-${lang}`] = await render(loadResults(), lang);
}, 180_000);

describe('competing-risk causes by their names', () => {
  it.each([
    ['en', 'disability pension: Cumulative incidence by τ', 'IPS vs SAU disability pension', 'disability pension by 130: SAU 5.0%'],
    ['da', 'førtidspension: Kumuleret incidens ved τ', 'IPS vs SAU førtidspension', 'førtidspension ved 130: SAU 5,0 %'],
  ] as const)('IPS twin (%s): tables and the chart’s text alternative', (lang, head, row, alt) => {
    const p = text(html[`ips-${lang}`]);
    for (const s of [head, row, alt]) expect(p).toContain(s);
    expect(p).not.toMatch(/disability_pension/);
  });

  it('without labels the codes stay as written in the file', async () => {
    const r = results.ips;
    const { causes: _, ...labels } = r.labels!;
    const p = await page({ ...r, labels } as AnalysisResults, 'en', 'time-to-event');
    expect(p).toContain('disability_pension: Cumulative incidence by τ');
  });
});

describe('the sensitivity table and captions in the primary row’s measure', () => {
  it.each([
    ['respiratory-en', 'Risk difference, percentage points (95% CI)', '19.9 (3.8 to 35.9)', 'The risk difference in the primary outcome in each analysis', 'who is analysed, and the risk difference'],
    ['respiratory-da', 'Risikoforskel, procentpoint (95 %-KI)', '19,9 (3,8 til 35,9)', 'Risikoforskellen i det primære effektmål i hver analyse', 'hvem der analyseres, og risikoforskellen'],
    ['epilepsy-en', 'Rate ratio (95% CI)', '0.74 (0.53 to 1.03)', 'The rate ratio in the primary outcome in each analysis', 'who is analysed, and the rate ratio'],
    ['epilepsy-da', 'Rateratio (95 %-KI)', '0,74 (0,53 til 1,03)', 'Rateratioen i det primære effektmål i hver analyse', 'hvem der analyseres, og rateratioen'],
  ] as const)('%s', (key, head, cell, caption, tableCaption) => {
    const p = section(key, 'sensitivity');
    for (const s of [head, cell, caption, tableCaption]) expect(p).toContain(s);
    expect(p).not.toMatch(/0[.,]20 \(0[.,]04 (to|til) 0[.,]36\)|The difference in the primary outcome|Forskellen i det primære|and the difference |og forskellen /);
  });
});

describe('the all-outcomes intro and caption', () => {
  it.each([
    ['epilepsy-en', 'The table below gives means and the rate ratio at every visit.'],
    ['epilepsy-da', 'Tabellen under giver gennemsnit og rateratioen ved hver måling.'],
    ['respiratory-en', 'The table below gives means and the risk difference at every visit.'],
  ] as const)('%s: the intro says what the table holds', (key, sentence) => {
    expect(text(html[key])).toContain(sentence);
    expect(text(html[key])).not.toMatch(/differences in each outcome's own units|forskelle i effektmålenes egne enheder/);
  });

  it.each([
    ['en', 'a difference (IPS − SAU, IPSE − SAU and IPSE − IPS) or a ratio (IPS / SAU, IPSE / SAU and IPSE / IPS) for the comparison in the heading above the row'],
    ['da', 'en forskel (IPS − SAU, IPSE − SAU og IPSE − IPS) eller en ratio (IPS / SAU, IPSE / SAU og IPSE / IPS) for sammenligningen i overskriften over rækken'],
  ] as const)('k arms (%s): the caption names every comparison, not the first pair alone', (lang, caption) => {
    expect(text(html[`ips-${lang}`])).toContain(caption);
    expect(text(html[`ips-${lang}`])).not.toMatch(/the effect of IPS against SAU in each row|effekten af IPS over for SAU i hver række/);
  });

  it('rows of several measures (two arms): "each row\'s effect in its own measure"', async () => {
    const r = loadResults();
    const secondary = r.outcomes.find((o) => o.isPrimaryEstimator && o.role !== 'primary')!;
    const outcomes = r.outcomes.map((o) => (o === secondary ? { ...o, measure: 'rate-ratio' as const } : o));
    const p = await page({ ...r, outcomes }, 'en', 'outcomes');
    expect(p).toContain("The table below gives means and each row's effect in its own measure (a difference or a ratio) at every visit.");
    expect(p).toContain('the effect of PEER against SAU in each row\'s own measure');
  });

  it('a two-arm trial of differences of means keeps its words (PEER twin)', () => {
    expect(text(html['twin-en'])).toContain("The table below gives means and differences in each outcome's own units at every visit.");
    expect(text(html['twin-en'])).toContain('difference = PEER − SAU with confidence interval');
    expect(text(html['twin-en'])).toContain('The difference in the primary outcome in each analysis');
    expect(text(html['twin-da'])).toContain('Tabellen under giver gennemsnit og forskelle i effektmålenes egne enheder ved hver måling.');
    expect(text(html['twin-da'])).toContain('og forskellen');
  });
});

describe('the subgroup texts in the outcome’s measure', () => {
  /** HSAUR3::epilepsy with one (made-up) subgroup split of its rate ratio, to render the section. */
  function withSubgroup(): AnalysisResults {
    const r = results.epilepsy;
    const main = r.outcomes.find((o) => o.isPrimaryEstimator)!;
    const level = (name: string, estimate: number) => ({ level: name, n: { placebo: 14, Progabide: 15 }, difference: { estimate, lower: estimate / 2, upper: estimate * 2, se: 0.3, p: 0.4 } });
    const g: SubgroupResult = { outcomeId: main.id, comparison: main.comparison!, visit: main.visit, variable: 'base', levels: [level('low', 0.7), level('high', 0.8)], interactionP: 0.6, interactionF: 0.3, interactionDf: [1, 50], reason: null };
    return { ...r, subgroups: [g] };
  }

  it.each([
    ['en', 'Rate ratio in epileptic seizures at', 'The rate ratio within subgroups, with the interaction test'],
    ['da', 'Rateratio i epileptiske anfald ved', 'Rateratioen inden for undergrupper med interaktionstest'],
  ] as const)('%s', async (lang, intro, caption) => {
    const p = await page(withSubgroup(), lang, 'subgroups');
    expect(p).toContain(intro);
    expect(p).toContain(caption);
    expect(p).not.toMatch(/Difference in|Forskel i|The difference within|Forskellen inden for/);
  });
});

describe('k arms: who was analysed, under each pair', () => {
  it.each([
    ['en', ['Analysed: 240 of 240 in SAU, 240 of 240 in IPS.', 'Analysed: 240 of 240 in SAU, 240 of 240 in IPSE.', 'Analysed: 240 of 240 in IPS, 240 of 240 in IPSE.']],
    ['da', ['Analyseret: 240 af 240 i SAU, 240 af 240 i IPS.', 'Analyseret: 240 af 240 i SAU, 240 af 240 i IPSE.', 'Analyseret: 240 af 240 i IPS, 240 af 240 i IPSE.']],
  ] as const)('%s: each pair lists its two arms', async (lang, lines) => {
    const p = await page(results.ips, lang, 'primary');
    const at = lines.map((l) => p.indexOf(l));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(p).not.toMatch(/in SAU, 240 of 240 in IPS, 240 of 240 in IPSE|i SAU, 240 af 240 i IPS, 240 af 240 i IPSE/);
  });
});
