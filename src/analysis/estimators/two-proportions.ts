/**
 * Unadjusted comparison of a binary outcome at one visit: the observed proportions of the two
 * compared arms (Wilson CIs), the risk difference with Newcombe's hybrid score CI (method 10) and
 * its Wald SE, the risk ratio and odds ratio with log-scale Wald CIs (not estimable with a zero
 * cell — said, never patched by a continuity correction), and one test of equal proportions for
 * all three: Pearson's χ² without continuity correction (= R prop.test(correct = FALSE), the score
 * test that matches the Wilson/Newcombe intervals).
 */
import { oddsRatio, riskDifference, riskRatio, wilson } from '../../stats/effects/binary.ts';
import { chiSquareTest } from '../../stats/hypothesis/chi-square.ts';
import { StatsError } from '../../stats/errors.ts';
import type { BinaryMeasure } from '../plan/schema.ts';
import type { BinaryEffects, BinaryMeasureResult } from '../results/types.ts';
import { comparedArms, countArms, notEstimable, withOutcome, type EstimatorContext, type EstimatorOutput } from './common.ts';

export function twoProportions(ctx: EstimatorContext, measure: BinaryMeasure): EstimatorOutput {
  const { frame, outcome, comparison } = ctx;
  const y = outcome.values[ctx.visit];
  const members = withOutcome(ctx).filter((i) => frame.arm[i] === comparison.intervention || frame.arm[i] === comparison.control);
  const analysed = countArms(frame, members);
  const [C, I] = comparedArms(ctx);
  const model = `${outcome.id}: two proportions (${I} vs ${C}), unadjusted`;
  for (const a of [C, I]) if (analysed[a] === 0) return notEstimable(ctx, `no participant with ${outcome.id} observed at this visit in arm ${a}`, model, analysed);
  const events = (arm: number) => members.filter((i) => frame.arm[i] === arm && y[i] === 1).length;
  const [e1, n1, e0, n0] = [events(comparison.intervention), analysed[I], events(comparison.control), analysed[C]];
  try {
    const { confLevel } = ctx;
    let p: number | null = null;
    let x2 = Number.NaN;
    const warnings: string[] = [];
    if ((e1 + e0 > 0) && (e1 + e0 < n1 + n0)) {
      const chi = chiSquareTest([[e1, n1 - e1], [e0, n0 - e0]], { correct: false });
      p = chi.p;
      x2 = chi.statistic;
      warnings.push(...chi.warnings);
    } else warnings.push(`every analysed participant has the same ${outcome.id} value: no test of equal proportions`);
    const rd = riskDifference(e1, n1, e0, n0, confLevel);
    const rr = riskRatio(e1, n1, e0, n0, confLevel);
    const or = oddsRatio(e1, n1, e0, n0, confLevel);
    const test = "Pearson's χ² test without continuity correction";
    const seLog = (ok: boolean, v: number) => (ok ? Math.sqrt(v) : null);
    const effects: BinaryEffects = {
      riskDifference: { estimate: rd.estimate, lower: rd.lower, upper: rd.upper, se: rd.se, p, method: `Newcombe hybrid score CI (method 10); SE by the Wald formula; ${test}` },
      riskRatio: rr.estimable ? { estimate: rr.estimate!, lower: rr.lower!, upper: rr.upper!, se: seLog(true, 1 / e1 - 1 / n1 + 1 / e0 - 1 / n0), p, method: `log-scale Wald CI; ${test}` } : null,
      oddsRatio: or.estimable ? { estimate: or.estimate!, lower: or.lower!, upper: or.upper!, se: seLog(true, 1 / e1 + 1 / (n1 - e1) + 1 / e0 + 1 / (n0 - e0)), p, method: `log-scale Wald CI; ${test}` } : null,
      events: { [C]: e0, [I]: e1 },
    };
    const chosen = pick(effects, measure);
    const cell = (e: number, n: number) => {
      const w = wilson(e, n, confLevel);
      return { estimate: w.estimate, se: Math.sqrt((w.estimate * (1 - w.estimate)) / n), df: null, lower: w.lower, upper: w.upper };
    };
    const base = { status: 'estimated' as const, reason: null, analysed, emm: { [C]: cell(e0, n0), [I]: cell(e1, n1) }, sd: null, covariates: [], model, dfMethod: 'normal approximation', options: { test: 'pearson-chisq', correct: false, measure }, warnings, measure, binary: effects };
    if (!chosen) return { ...notEstimable(ctx, `the ${measure.replace('-', ' ')} is not estimable (a zero cell: ${I} ${e1}/${n1}, ${C} ${e0}/${n0})`, model, analysed), binary: effects, measure, warnings };
    if (chosen.p === null || chosen.se === null) return { ...notEstimable(ctx, `every analysed participant has the same ${outcome.id} value`, model, analysed), binary: effects, measure, warnings };
    // The signed square root of Pearson's X² (the z of the score test), so statistic and p agree.
    const statistic = Math.sign(rd.estimate) * Math.sqrt(x2);
    return { ...base, difference: { estimate: chosen.estimate, se: chosen.se, df: null, statistic, p: chosen.p, lower: chosen.lower, upper: chosen.upper } };
  } catch (e) {
    if (e instanceof StatsError) return notEstimable(ctx, e.message, model, analysed);
    throw e;
  }
}

export function pick(effects: BinaryEffects, measure: BinaryMeasure): BinaryMeasureResult | null {
  return measure === 'risk-difference' ? effects.riskDifference : measure === 'risk-ratio' ? effects.riskRatio : effects.oddsRatio;
}
