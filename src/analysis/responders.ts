/**
 * Responder analysis for an outcome with an MCID: a participant responds when the change from
 * baseline in the beneficial direction reaches the threshold ("change"), or the value at the
 * visit is on the beneficial side of it ("level"). Analysed: the population's participants with
 * the values the definition needs. The risk difference (intervention − control; the control
 * arm's rate is the deadweight) is the effect rate handed to the economics model.
 */
import { numberNeededToTreat, oddsRatio, riskDifference, riskRatio, wilson } from '../stats/effects/binary.ts';
import type { AnalysisFrame, FrameComparison, FrameOutcome } from './frame/frame.ts';
import type { ResponderResult } from './results/types.ts';

export interface ResponderCounts {
  readonly events: Readonly<Record<string, number>>;
  readonly n: Readonly<Record<string, number>>;
}

export function responderCounts(frame: AnalysisFrame, outcome: FrameOutcome, visit: number, include: (i: number) => boolean): ResponderCounts | null {
  const rule = outcome.responder;
  if (!rule) return null;
  const sign = outcome.higherIsBetter ? 1 : -1;
  const y = outcome.values[visit];
  const b = frame.baselineVisit >= 0 ? outcome.values[frame.baselineVisit] : new Float64Array(frame.n).fill(Number.NaN);
  const events: Record<string, number> = Object.fromEntries(frame.arms.map((a) => [a.label, 0]));
  const n: Record<string, number> = Object.fromEntries(frame.arms.map((a) => [a.label, 0]));
  for (let i = 0; i < frame.n; i++) {
    if (!include(i) || Number.isNaN(y[i]) || (rule.type === 'change' && Number.isNaN(b[i]))) continue;
    const label = frame.arms[frame.arm[i]].label;
    n[label]++;
    // Oriented so that larger is better; a tiny tolerance lets prorated scores equal to the threshold count.
    const reached = rule.type === 'change' ? sign * (y[i] - b[i]) >= rule.threshold - 1e-9 : sign * (y[i] - rule.threshold) >= -1e-9;
    if (reached) events[label]++;
  }
  return { events, n };
}

export function responderResult(frame: AnalysisFrame, outcome: FrameOutcome, counts: ResponderCounts, confLevel: number, comparison: FrameComparison): ResponderResult | string {
  const rule = outcome.responder!;
  const I = frame.arms[comparison.intervention].label;
  const C = frame.arms[comparison.control].label;
  if (counts.n[I] === 0 || counts.n[C] === 0) return `no participant with the values the responder definition needs in arm ${counts.n[I] === 0 ? I : C}`;
  const rate = Object.fromEntries(
    [comparison.control, comparison.intervention].sort((a, b) => a - b).map((k) => frame.arms[k]).map((a) => {
      const w = wilson(counts.events[a.label], counts.n[a.label], confLevel);
      return [a.label, { ...w, events: counts.events[a.label], n: counts.n[a.label] }];
    }),
  );
  const rd = riskDifference(counts.events[I], counts.n[I], counts.events[C], counts.n[C], confLevel);
  const rr = riskRatio(counts.events[I], counts.n[I], counts.events[C], counts.n[C], confLevel);
  const or = oddsRatio(counts.events[I], counts.n[I], counts.events[C], counts.n[C], confLevel);
  return {
    definition: rule.definition,
    mcid: rule.threshold,
    rate,
    riskDifference: { estimate: rd.estimate, lower: rd.lower, upper: rd.upper, se: rd.se, method: 'Newcombe hybrid score (method 10); SE by the Wald formula' },
    riskRatio: { estimate: rr.estimate, lower: rr.lower, upper: rr.upper, method: rr.estimable ? rr.method : 'not estimable (a zero count)' },
    oddsRatio: { estimate: or.estimate, lower: or.lower, upper: or.upper, method: or.estimable ? or.method : 'not estimable (a zero cell)' },
    nnt: numberNeededToTreat(rd),
    pooled: null,
  };
}
