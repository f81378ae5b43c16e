/**
 * The limitations' "x%–y% of those randomised in each group lack the primary outcome"
 * (src/report/html/missing-shares.ts): each arm's share from a primary row that compares it.
 * With k arms the primary row is the first comparison's; an estimator that fits only its pair
 * counts the other arms as 0 analysed. The IPS twin (three arms, nothing missing) with two
 * proportions as its primary analysis had read "0%–100% of those randomised in each group lack
 * the primary outcome at week 78 (18 months)", IPSE counted as wholly missing.
 * (ANCOVA, MMRM, the logistic and count models fit every arm with data and count them all: no k-arm
 * trial of theirs was wrong — MASS::anorexia, the IPS twin as planned.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadTrial, runAnalysis } from '../../../src/index.ts';
import type { AnalysisResults, OutcomeResult } from '../../../src/analysis/results/types.ts';
import { loadSpec } from '../../../src/data/spec/load.ts';
import { primaryMissingShares } from '../../../src/report/html/missing-shares.ts';
import { chartContext } from '../../../src/report/charts/context.ts';
import { reportHtml, sectionText } from '../../helpers/report-text.ts';
import { repoRoot } from '../../helpers/fixtures.ts';
import { loadResults } from '../inputs.ts';

const ips = (f: string) => join(repoRoot, 'data-samples/ips', f);
let twoProportions: AnalysisResults;

beforeAll(async () => {
  const spec = loadSpec(ips('ips.spec.json'));
  const parsed = JSON.parse(readFileSync(ips('ips.plan.json'), 'utf8')) as Record<string, unknown>;
  delete parsed.$schema;
  parsed.binary = { primary: 'two-proportion', sensitivity: ['logistic'], measure: 'risk-difference' };
  twoProportions = runAnalysis(await loadTrial(ips('ips-twin.csv'), { ...spec, analysisPlan: parsed }));
}, 120_000);

/** The primary rows at the primary visit, the first comparison's first. */
const primaryRows = (r: AnalysisResults) => r.outcomes.filter((o) => o.id === 'engaged' && o.visit === 'w78' && o.isPrimaryEstimator);

describe('k arms: every arm\'s share at the primary visit', () => {
  it('the two-proportion rows count only their pair (what had made IPSE 100 % missing)', () => {
    const [first] = primaryRows(twoProportions);
    expect(first.estimator).toBe('two-proportion');
    expect(first.n.analysed).toEqual({ SAU: 240, IPS: 240, IPSE: 0 });
  });

  it('nothing missing in any arm: no limitation about missing outcomes (en, da)', async () => {
    const ctx = chartContext(twoProportions, null, 'en');
    expect(primaryMissingShares(ctx, ctx.primary!)).toEqual([0, 0, 0]);
    const en = sectionText(await reportHtml(twoProportions, 'en'), 'discussion');
    expect(en).not.toMatch(/lack the primary outcome|100%/);
    const da = sectionText(await reportHtml(twoProportions, 'da'), 'discussion');
    expect(da).not.toMatch(/mangler det primære effektmål|100 %/);
  }, 60_000);

  it('an arm outside the first pair with outcomes missing: its own share from its own rows', async () => {
    // 24 of IPSE's 240 without the outcome (10 %), as its two rows would count them.
    const r = structuredClone(twoProportions) as AnalysisResults & { outcomes: OutcomeResult[] };
    for (const o of primaryRows(r)) if ((o.n.analysed as Record<string, number>).IPSE > 0) (o.n.analysed as Record<string, number>).IPSE = 216;
    const ctx = chartContext(r, null, 'en');
    expect(primaryMissingShares(ctx, ctx.primary!)).toEqual([0, 0, 0.1]);
    expect(sectionText(await reportHtml(r, 'en'), 'discussion')).toContain('0%–10% of those randomised in each group lack the primary outcome at week 78 (18 months)');
    expect(sectionText(await reportHtml(r, 'da'), 'discussion')).toContain('0 %–10 % af de randomiserede i hver gruppe mangler det primære effektmål ved uge 78 (18 måneder)');
  }, 60_000);
});

describe('two arms: the one primary row, as before', () => {
  it('the twin\'s shares are its primary row\'s', () => {
    const twin = loadResults();
    const ctx = chartContext(twin, null, 'en');
    const o = ctx.primary!;
    expect(primaryMissingShares(ctx, o)).toEqual(ctx.arms.map((a) => (twin.consort[a.label].randomised - o.n.analysed[a.label]) / twin.consort[a.label].randomised));
  });
});
