/**
 * Baseline–follow-up statistics of each scored outcome, so the next trial or cohort can be
 * planned on this trial's own numbers (`effekt power --results`): over all randomised
 * participants observed at baseline and at the visit, the within-arm pooled SDs at both
 * visits, their pooled Pearson correlation ρ (ANCOVA's 1 − ρ²), the pooled SD of the change
 * and each arm's mean change (a single-arm cohort's benchmark). Pooling within arms keeps the
 * treatment effect out of the correlation and SDs. A visit where an arm has fewer than 3 pairs,
 * or a value is constant, gets no entry (the planner then asks for --sd/--rho).
 */
import type { AnalysisFrame } from '../frame/frame.ts';
import type { PlanningStats } from '../results/types.ts';

export function planningStats(frame: AnalysisFrame): PlanningStats[] {
  const out: PlanningStats[] = [];
  const b = frame.baselineVisit;
  if (b < 0) return out;
  for (const o of frame.outcomes) {
    // Means and SDs only make sense for scores and continuous outcomes (not counts or 0/1).
    if ((o.kind as string) !== 'score' && (o.kind as string) !== 'continuous') continue;
    const base = o.values[b];
    if (!base) continue;
    frame.visits.forEach((visit, v) => {
      if (v === b) return;
      const at = o.values[v];
      const pairs: Record<string, number> = {};
      const meanChange: Record<string, number> = {};
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      let scc = 0;
      let n = 0;
      for (let a = 0; a < frame.arms.length; a++) {
        const picked = new Int32Array(frame.n);
        let count = 0;
        let sx = 0;
        let sy = 0;
        // The sums in participant order, as the reductions over the pairs added them.
        for (let i = 0; i < frame.n; i++) {
          if (frame.arm[i] !== a || Number.isNaN(base[i]) || Number.isNaN(at[i])) continue;
          picked[count++] = i;
          sx += base[i];
          sy += at[i];
        }
        const idx = picked.subarray(0, count);
        const label = frame.arms[a].label;
        pairs[label] = idx.length;
        if (idx.length < 3) return;
        const mx = sx / idx.length;
        const my = sy / idx.length;
        meanChange[label] = my - mx;
        for (let r = 0; r < idx.length; r++) {
          const i = idx[r];
          const dx = base[i] - mx;
          const dy = at[i] - my;
          sxx += dx * dx;
          syy += dy * dy;
          sxy += dx * dy;
          scc += (dy - dx) ** 2;
        }
        n += idx.length;
      }
      const df = n - frame.arms.length;
      if (!(sxx > 0 && syy > 0 && df > 0)) return;
      out.push({ outcomeId: o.id, visit, pairs, sdBaseline: Math.sqrt(sxx / df), sdVisit: Math.sqrt(syy / df), correlation: sxy / Math.sqrt(sxx * syy), sdChange: Math.sqrt(scc / df), meanChange });
    });
  }
  return out;
}
