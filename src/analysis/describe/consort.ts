/**
 * CONSORT 2025 participant flow per arm (any number of arms): randomised, received the allocated intervention,
 * lost to follow-up per visit (with the recorded reasons) and analysed per visit.
 * "Lost" at a visit = no value of the primary outcome there; "analysed" = in the primary analysis.
 */
import type { ConsortArmFlow } from '../results/types.ts';
import type { AnalysisFrame, FrameOutcome } from '../frame/frame.ts';

export function consortFlow(
  frame: AnalysisFrame,
  primary: FrameOutcome | null,
  analysedAt: (visit: string) => Readonly<Record<string, number>>,
  /** Where "analysed" is counted: by default each follow-up visit; a time-to-event primary's one follow-up to τ. */
  analysedVisits: readonly string[] = frame.visits.filter((_, v) => v !== frame.baselineVisit),
): Record<string, ConsortArmFlow> {
  // Arm labels and loss reasons are data: maps without a prototype, so "__proto__" or "toString" count like any label.
  const out: Record<string, ConsortArmFlow> = Object.create(null);
  for (let a = 0; a < frame.arms.length; a++) {
    const arm = frame.arms[a];
    const members: number[] = [];
    for (let i = 0; i < frame.n; i++) if (frame.arm[i] === a) members.push(i);
    let received: number | null = null;
    if (arm.role === 'intervention' && frame.adherence) {
      received = members.filter((i) => frame.adherence!.values[i] >= 1).length;
    }
    const lost = frame.visits
      .map((visit, v) => ({ visit, v }))
      .filter(({ v }) => v !== frame.baselineVisit)
      .map(({ visit, v }) => {
        const reasons: Record<string, number> = Object.create(null);
        let n = 0;
        for (const i of members) {
          // Without a per-visit primary outcome (time-to-event), lost = no row at the visit.
          if (primary ? !Number.isNaN(primary.values[v][i]) : frame.missingReason[v][i] !== 'no_row') continue;
          n++;
          const r = frame.missingReason[v]?.[i] ?? 'not_recorded';
          reasons[r] = (reasons[r] ?? 0) + 1;
        }
        return { visit, n, reasons };
      });
    const analysed = analysedVisits
      .map((visit) => { const at = analysedAt(visit); return { visit, n: Object.hasOwn(at, arm.label) ? at[arm.label] : 0 }; });
    out[arm.label] = { randomised: members.length, receivedAllocated: received, lostToFollowUp: lost, analysed };
  }
  return out;
}
