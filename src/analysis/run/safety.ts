/**
 * Safety: counts of psychiatric admissions and bed days per arm at each post-baseline visit
 * (total, mean per participant, participants with ≥ 1), and binary events (deaths, self-harm).
 * The negative-binomial rate ratio is not implemented in this version: rows say so.
 */
import type { AnalysisFrame } from '../frame/frame.ts';
import type { EventCount, SafetyResult } from '../results/types.ts';

export const RATE_RATIO_NOT_AVAILABLE = 'negative-binomial rate ratio not implemented in this version of effekt (counts are reported)';

export function safetyResults(frame: AnalysisFrame): SafetyResult[] {
  const out: SafetyResult[] = [];
  for (const o of frame.outcomes.filter((x) => x.kind === 'count')) {
    frame.visits.forEach((visit, v) => {
      if (v === frame.baselineVisit) return;
      const byArm = Object.fromEntries(frame.arms.map((arm, a) => {
        const vals: number[] = [];
        for (let i = 0; i < frame.n; i++) if (frame.arm[i] === a && !Number.isNaN(o.values[v][i])) vals.push(o.values[v][i]);
        const total = vals.reduce((s, x) => s + x, 0);
        return [arm.label, { n: vals.length, total, mean: vals.length ? total / vals.length : 0, participantsWithEvent: vals.filter((x) => x > 0).length }];
      }));
      out.push({ id: o.id, name: o.name, visit, byArm, rateRatio: null, status: 'not-estimable', reason: RATE_RATIO_NOT_AVAILABLE });
    });
  }
  return out;
}

export function eventCounts(frame: AnalysisFrame): EventCount[] {
  return frame.events.map((e) => ({
    id: e.id,
    name: e.name,
    byArm: Object.fromEntries(frame.arms.map((arm, a) => [arm.label, [...Array(frame.n).keys()].filter((i) => frame.arm[i] === a && e.any[i] === 1).length])),
  }));
}
