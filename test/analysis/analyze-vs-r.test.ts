import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';
import type { AnalysisResults, OutcomeResult } from '../../src/analysis/results/types.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { expectLRE } from '../helpers/lre.ts';

interface RRow { outcome: string; visit: string; estimator: string; n: Record<string, number>; emm?: Record<string, number>; emmSe?: Record<string, number>; diff: number; se: number; df: number; p: number; lower: number; upper: number; d?: number }
interface RResp { outcome: string; events: Record<string, number>; n: Record<string, number>; rd: number; lower: number; upper: number }
interface RSafety { outcome: string; visit: string; rr: number; lower: number; upper: number; p: number; theta: number }
const fx = readFixture<{ rows: RRow[]; responders: RResp[]; holmSecondary: Record<string, number>; safety: RSafety[] }>('analyze-twin.json');
// nlme::gls (unstructured, REML) + emmeans (Satterthwaite) on the same scored twin: test/reference/analyze-twin-mmrm.R.
const mmrmFx = readFixture<{ rows: (RRow & { logLik: number; participants: number })[] }>('analyze-twin-mmrm.json');

let results: AnalysisResults;
beforeAll(async () => {
  const trial = await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json'));
  results = runAnalysis(trial);
});

const find = (r: RRow): OutcomeResult | undefined =>
  results.outcomes.find((o) => o.id === r.outcome && o.visit === r.visit && o.estimator === r.estimator && o.population === (r.estimator === 'per-protocol' ? 'per-protocol' : 'itt'));

// End to end against an independent R analysis (lm + emmeans, t.test, prop.test), LRE ≥ 8.
describe('effekt analyze on the twin equals the R re-analysis', () => {
  it.each(fx.rows.map((r) => [`${r.outcome} ${r.visit} ${r.estimator}`, r] as const))('%s', (_l, r) => {
    const o = find(r);
    expect(o, 'row present').toBeDefined();
    expect(o!.status).toBe('estimated');
    expect(o!.n.analysed).toEqual(r.n);
    const d = o!.difference!;
    expectLRE(d.estimate, r.diff, 8, 'difference');
    expectLRE(d.se, r.se, 8, 'SE');
    expectLRE(d.df!, r.df, 8, 'df');
    expectLRE(d.p, r.p, 8, 'p');
    expectLRE(d.lower, r.lower, 8, 'lower');
    expectLRE(d.upper, r.upper, 8, 'upper');
    if (r.emm) for (const arm of ['SAU', 'PEER']) {
      expectLRE(o!.emm[arm].estimate, r.emm[arm], 8, `EMM ${arm}`);
      expectLRE(o!.emm[arm].se, r.emmSe![arm], 8, `EMM SE ${arm}`);
    }
    if (r.d !== undefined) expectLRE(o!.cohensD!.estimate, r.d, 8, "Cohen's d");
  });

  // Two iterative optimisers (nlme's and effekt's) meet at their convergence tolerances: the
  // log-likelihood at LRE ≥ 10, estimates at ≥ 6, SEs at ≥ 5.5. The R side's df are the
  // Satterthwaite df written out (emmeans' own for this structure are stochastic and only good to
  // about 2 %): effekt's agree within 0.1 %, so the CI half-width holds at LRE ≥ 5 and p at ≥ 4.
  it.each(mmrmFx.rows.map((r) => [`${r.outcome} ${r.visit} mmrm`, r] as const))('%s', (_l, r) => {
    const o = find(r);
    expect(o, 'row present').toBeDefined();
    expect(o!.status).toBe('estimated');
    expect(o!.method.options.converged).toBe(true);
    const d = o!.difference!;
    expectLRE(o!.method.options.logLik as number, r.logLik, 10, 'logLik');
    expectLRE(d.estimate, r.diff, 6, 'difference');
    expectLRE(d.se, r.se, 5.5, 'SE');
    expect(Math.abs(d.df! / r.df - 1), `df ${d.df} vs R ${r.df}`).toBeLessThan(0.001);
    // Limits near 0 make their relative error meaningless: compare the half-width t(df)·SE.
    expectLRE((d.upper - d.lower) / 2, (r.upper - r.lower) / 2, 5, 'CI half-width');
    expectLRE(d.p, r.p, 4, 'p'); // a small p magnifies the SE's relative error by about |t|
    for (const arm of ['SAU', 'PEER']) {
      expectLRE(o!.emm[arm].estimate, r.emm![arm], 6, `EMM ${arm}`);
      expectLRE(o!.emm[arm].se, r.emmSe![arm], 5.5, `EMM SE ${arm}`);
    }
    // Everyone with at least one post-baseline value is in the model.
    expect(Object.values(o!.n.analysed).reduce((a, b) => a + b, 0)).toBe(r.participants);
  });

  it.each(fx.responders.map((r) => [r.outcome, r] as const))('responder risk difference: %s', (_l, r) => {
    const o = results.outcomes.find((x) => x.id === r.outcome && x.isPrimaryEstimator)!;
    const s = o.responder!;
    expect(s.rate.PEER.events).toBe(r.events.PEER);
    expect(s.rate.SAU.n).toBe(r.n.SAU);
    expectLRE(s.riskDifference.estimate, r.rd, 8, 'RD');
    expectLRE(s.riskDifference.lower, r.lower, 8, 'RD lower');
    expectLRE(s.riskDifference.upper, r.upper, 8, 'RD upper');
    // The effect rate handed to the economics is the MI-pooled risk difference when MI ran.
    const rate = results.effectRates.find((e) => e.outcomeId === r.outcome)!;
    expect(rate.pooled).toBe(s.pooled !== null);
    expect(rate.estimate).toBe(s.pooled ? s.pooled.estimate : s.riskDifference.estimate);
  });

  it.each(fx.safety.map((r) => [`${r.outcome} ${r.visit}`, r] as const))('safety negative-binomial rate ratio: %s', (_l, r) => {
    const s = results.safety.find((x) => x.id === r.outcome && x.visit === r.visit)!;
    expect(s.status).toBe('estimated');
    expectLRE(s.rateRatio!.estimate, r.rr, 8, 'rate ratio');
    expectLRE(s.rateRatio!.lower, r.lower, 8, 'lower');
    expectLRE(s.rateRatio!.upper, r.upper, 8, 'upper');
    expectLRE(s.rateRatio!.p, r.p, 8, 'p');
    expectLRE(s.rateRatio!.theta!, r.theta, 8, 'theta');
  });

  it('Holm within the secondary family', () => {
    for (const [id, p] of Object.entries(fx.holmSecondary)) {
      const o = results.outcomes.find((x) => x.id === id && x.isPrimaryEstimator)!;
      expectLRE(o.difference!.pAdjusted, p, 8, `Holm p ${id}`);
      expect(o.multiplicity!.family).toBe('secondary');
    }
  });

  it('tells the trial’s story: QPR-15 difference between 4 and 6 points, p < 0.01', () => {
    const q = results.outcomes.find((x) => x.id === 'qpr15' && x.isPrimaryEstimator)!;
    expect(q.difference!.estimate).toBeGreaterThan(4);
    expect(q.difference!.estimate).toBeLessThan(6);
    expect(q.difference!.p).toBeLessThan(0.01);
    expect(q.difference!.favours).toBe('intervention');
    expect(q.sentence.da).toContain('bedre');
  });

  it('WSAS (higher = worse): a negative difference favours PEER', () => {
    const w = results.outcomes.find((x) => x.id === 'wsas' && x.isPrimaryEstimator)!;
    expect(w.difference!.estimate).toBeLessThan(0);
    expect(w.difference!.benefitSign).toBe(-1);
    expect(w.difference!.favours).toBe('intervention');
  });

  it('CONSORT flow and Table 1 are consistent with the data', () => {
    expect(results.consort.PEER.randomised).toBe(145);
    expect(results.consort.SAU.randomised).toBe(151);
    const lost = results.consort.PEER.lostToFollowUp.find((l) => l.visit === 'end')!;
    expect(Object.values(lost.reasons).reduce((a, b) => a + b, 0)).toBe(lost.n);
    const analysed = results.consort.PEER.analysed.find((a) => a.visit === 'end')!.n;
    expect(analysed + lost.n).toBe(145);
    const sex = results.baseline.filter((b) => b.variable === 'sex');
    expect(sex.reduce((a, b) => a + b.byArm.PEER.values[0], 0)).toBe(145);
    expect(results.baseline.some((b) => 'p' in b)).toBe(false);
  });
});
