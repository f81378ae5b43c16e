/**
 * What a binary or count row's figures per arm are (src/report/charts/arm-figures.ts), in the
 * primary-outcome section, its chart and the all-outcomes table. They had all been "adjusted
 * mean per group … placebo 0.4 (0.3 to 0.6)":
 * - HSAUR3::respiratory (logistic model, marginal standardisation): the standardised risks in
 *   percent, placebo 43.2 % (31.7 % to 55.5 %) as R gives them (test/reference/real-trials.R);
 *   with two proportions as the primary analysis the observed proportions, 25/57 = 43.9 %;
 * - HSAUR3::epilepsy (negative binomial, exposure 2 weeks): the observed rates, placebo 3.98
 *   seizures per week (R: sum(y) / sum(exposure));
 * - the IPS twin (binary, count and time-to-event rows, three arms): the table's caption names
 *   each kind's figure.
 * Scores and continuous outcomes keep "adjusted mean" (the PEER twin; arm-figures.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial, runAnalysis } from '../../../src/index.ts';
import type { AnalysisResults } from '../../../src/analysis/results/types.ts';
import { loadSpec } from '../../../src/data/spec/load.ts';
import { reportHtml, sectionText } from '../../helpers/report-text.ts';
import { readFixture, repoRoot } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';

interface Interval { estimate: number; lower: number; upper: number }
interface RealTrials {
  respiratory: Array<{ visit: string; estimator: string; variance?: string; risk?: Record<string, Interval>; events: Record<string, number>; n: Record<string, number> }>;
  epilepsy: Array<{ visit: string; estimator: string; rate: Record<string, number> }>;
}
const ref = readFixture<RealTrials>('real-trials.json');

const real = (f: string) => join(repoRoot, 'data-samples/real', f);
const results = {} as Record<'respiratory' | 'twoProportions' | 'epilepsy' | 'ips', AnalysisResults>;
const html: Record<string, string> = {};

beforeAll(async () => {
  results.respiratory = runAnalysis(await loadTrial(real('respiratory.csv'), real('respiratory.spec.json')));
  // The same trial with two proportions as the primary analysis (the plan allows it).
  const spec = { ...loadSpec(real('respiratory.spec.json')), analysisPlan: { defaults: { covariates: ['age', 'gender'] }, binary: { primary: 'two-proportion', sensitivity: ['logistic'], measure: 'risk-difference' } } };
  results.twoProportions = runAnalysis(await loadTrial(real('respiratory.csv'), spec));
  results.epilepsy = runAnalysis(await loadTrial(real('epilepsy.csv'), real('epilepsy.spec.json')));
  results.ips = runAnalysis(await loadTrial(join(repoRoot, 'data-samples/ips/ips-twin.csv'), join(repoRoot, 'data-samples/ips/ips.spec.json')));
  for (const name of Object.keys(results) as Array<keyof typeof results>) for (const lang of ['en', 'da'] as const) html[`${name}-${lang}`] = await reportHtml(results[name], lang);
}, 180_000);

describe('a binary primary: proportions in percent, never an adjusted mean', () => {
  it('the logistic row\'s figures are R\'s standardised risks (LRE ≥ 8)', () => {
    const r = ref.respiratory.find((x) => x.visit === '4' && x.estimator === 'logistic' && x.variance === 'ye-2023')!;
    const o = results.respiratory.outcomes.find((x) => x.id === 'good' && x.visit === '4' && x.estimator === 'logistic')!;
    for (const arm of ['placebo', 'treatment']) {
      expectLRE(o.emm[arm].estimate, r.risk![arm].estimate, 8, `${arm} risk`);
      expectLRE(o.emm[arm].lower, r.risk![arm].lower, 8, `${arm} lower`);
      expectLRE(o.emm[arm].upper, r.risk![arm].upper, 8, `${arm} upper`);
    }
  });

  it('standardised proportion per group (en)', () => {
    const s = sectionText(html['respiratory-en'], 'primary');
    expect(s).toContain('Good respiratory status at month 4: standardised proportion per group with confidence interval.');
    expect(s).toContain('The primary outcome: standardised proportion per group');
    expect(s).toContain('standardised proportion: placebo 43.2% (31.7% to 55.5%), treatment 63.1% (50.4% to 74.2%); risk difference 19.9 percentage points');
    expect(s).not.toMatch(/adjusted mean/i);
    const t = sectionText(html['respiratory-en'], 'outcomes');
    expect(t).toContain('primary analysis: standardised proportion per group; risk difference = treatment − placebo');
    expect(t).not.toMatch(/adjusted mean/i);
  });

  it('… and in Danish', () => {
    const s = sectionText(html['respiratory-da'], 'primary');
    expect(s).toContain('God respiratorisk status ved måned 4: standardiseret andel pr. gruppe med konfidensinterval.');
    expect(s).toContain('standardiseret andel: placebo 43,2 % (31,7 % til 55,5 %), treatment 63,1 % (50,4 % til 74,2 %); risikoforskel 19,9 procentpoint');
    expect(s).not.toMatch(/justeret gennemsnit/i);
    expect(sectionText(html['respiratory-da'], 'outcomes')).toContain('primær analyse: standardiseret andel pr. gruppe; risikoforskel');
  });

  it('two proportions as the primary analysis: the observed proportions (events / n as in R)', () => {
    const r = ref.respiratory.find((x) => x.visit === '4' && x.estimator === 'two-proportion')!;
    const o = results.twoProportions.outcomes.find((x) => x.id === 'good' && x.visit === '4' && x.isPrimaryEstimator)!;
    expect(o.estimator).toBe('two-proportion');
    for (const arm of ['placebo', 'treatment']) expectLRE(o.emm[arm].estimate, r.events[arm] / r.n[arm], 12, arm);
    const en = sectionText(html['twoProportions-en'], 'primary');
    expect(en).toContain('at month 4: observed proportion per group with confidence interval.');
    expect(en).toMatch(/observed proportion: placebo 43\.9% \(/);
    expect(en).not.toMatch(/adjusted mean|standardised proportion/i);
    const da = sectionText(html['twoProportions-da'], 'primary');
    expect(da).toMatch(/observeret andel: placebo 43,9 % \(/);
    expect(sectionText(html['twoProportions-en'], 'outcomes')).toContain('primary analysis: observed proportion per group');
  });
});

describe('a count primary: the observed rate per unit of exposure', () => {
  it('the figures are R\'s crude rates (events / exposure)', () => {
    const r = ref.epilepsy.find((x) => x.visit === '4' && x.estimator === 'negative-binomial')!;
    const o = results.epilepsy.outcomes.find((x) => x.id === 'seizures' && x.visit === '4' && x.estimator === 'negative-binomial')!;
    for (const arm of ['placebo', 'Progabide']) expectLRE(o.emm[arm].estimate, r.rate[arm], 12, arm);
  });

  it('named with the count\'s and the exposure\'s units, to 2 decimals (en, da)', () => {
    const en = sectionText(html['epilepsy-en'], 'primary');
    expect(en).toContain('at weeks 7–8: observed rate (seizures per week) per group with confidence interval.');
    expect(en).toContain('observed rate (seizures per week): placebo 3.98 (3.49 to 4.54), Progabide 3.35 (2.93 to 3.84); rate ratio 0.74');
    expect(en).not.toMatch(/adjusted mean/i);
    expect(sectionText(html['epilepsy-en'], 'outcomes')).toContain('primary analysis: observed rate (seizures per week) per group; rate ratio = Progabide / placebo');
    const da = sectionText(html['epilepsy-da'], 'primary');
    // The spec's units are not translated ("seizures", "week"): the spec gives them in one language.
    expect(da).toContain('observeret rate (seizures pr. week): placebo 3,98 (3,49 til 4,54), Progabide 3,35 (2,93 til 3,84)');
    expect(da).not.toMatch(/justeret gennemsnit/i);
  });
});

describe('a table of several kinds (the IPS twin)', () => {
  it('each kind\'s figure is named; no adjusted means where there are none', () => {
    const en = sectionText(html['ips-en'], 'outcomes');
    expect(en).toContain('primary analysis: figures per group (binary: standardised proportion; counts: observed mean count (weeks); time to event: proportion with the event by τ);');
    expect(en).not.toMatch(/adjusted mean/i);
    const da = sectionText(html['ips-da'], 'outcomes');
    expect(da).toContain('primær analyse: tal pr. gruppe (binære: standardiseret andel; tællinger: observeret gennemsnitligt antal (uger); tid til hændelse: andel med hændelsen ved τ);');
    expect(da).not.toMatch(/justeret gennemsnit/i);
  });

  it('the primary section of every pair: the standardised proportions in percent', () => {
    const en = sectionText(html['ips-en'], 'primary');
    expect(en).toContain('standardised proportion: SAU 48.7% (42.5% to 55.1%), IPS 60.0% (53.7% to 66.0%); risk difference 11.3 percentage points');
    expect(en).toContain('standardised proportion: IPS 60.0% (53.7% to 66.0%), IPSE 61.2% (54.9% to 67.2%)');
    expect(en).not.toMatch(/adjusted mean/i);
    expect(sectionText(html['ips-da'], 'primary')).toContain('standardiseret andel: SAU 48,7 % (42,5 % til 55,1 %), IPSE 61,2 % (54,9 % til 67,2 %)');
  });
});
