/**
 * Applies the plan's multiplicity families to the primary-estimator rows at each outcome's
 * primary visit — one hypothesis per outcome and comparison (with several intervention arms,
 * every comparison of a family's outcomes is in the family unless it lists its own) — within a
 * family by its method (fixed sequence, Holm, …); a family gated by
 * another is tested only when every hypothesis of the gate was rejected — otherwise its
 * hypotheses are not rejected whatever their p (gatekeeping). Outcomes in no family are
 * reported unadjusted and labelled so.
 */
import { fixedSequence, pAdjust } from '../../stats/multiplicity/adjust.ts';
import type { AnalysisPlan, MultiplicityFamily } from '../plan/schema.ts';
import type { OutcomeResult } from '../results/types.ts';

export function defaultFamilies(outcomes: readonly { id: string; role: string }[]): MultiplicityFamily[] {
  // Each outcome once, however many rows (visits, estimators, comparisons) it has: a repeated id would count its hypotheses again.
  const by = (role: string) => [...new Set(outcomes.filter((o) => o.role === role).map((o) => o.id))];
  const fam: MultiplicityFamily[] = [];
  if (by('primary').length) fam.push({ id: 'primary', outcomes: by('primary'), method: 'fixed-sequence' });
  if (by('secondary').length) fam.push({ id: 'secondary', outcomes: by('secondary'), method: 'holm', gatedBy: fam.length ? 'primary' : undefined });
  if (by('exploratory').length) fam.push({ id: 'exploratory', outcomes: by('exploratory'), method: 'none' });
  return fam;
}

export function applyMultiplicity(rows: OutcomeResult[], plan: AnalysisPlan): OutcomeResult[] {
  const families = plan.multiplicity ?? defaultFamilies(rows.map((r) => ({ id: r.id, role: r.role })));
  const key = (r: OutcomeResult) => r.isPrimaryEstimator && r.difference !== null;
  const passed = new Map<string, boolean>();
  const updates = new Map<OutcomeResult, { family: string; method: string; pAdjusted: number; rejected: boolean | null }>();
  for (const f of families) {
    // One hypothesis per outcome × comparison (outcome order first: fixed-sequence tests an
    // outcome's comparisons before moving to the next outcome).
    const comparisons = f.comparisons ?? [...new Set(rows.map((r) => r.comparison))];
    const members = f.outcomes.flatMap((id) => comparisons.map((c) => rows.find((r) => r.id === id && r.comparison === c && key(r)))).filter((r): r is OutcomeResult => r !== undefined);
    const p = members.map((r) => r.difference!.p);
    const gateOpen = f.gatedBy === undefined || passed.get(f.gatedBy) === true;
    let adjusted: number[];
    let rejected: boolean[];
    if (f.method === 'fixed-sequence') {
      const fs = fixedSequence(p, plan.alpha);
      adjusted = [...fs.pAdjusted];
      rejected = [...fs.rejected];
    } else {
      adjusted = pAdjust(p, f.method);
      rejected = adjusted.map((x) => x <= plan.alpha);
    }
    if (!gateOpen) rejected = rejected.map(() => false);
    passed.set(f.id, members.length > 0 && rejected.every(Boolean) && gateOpen);
    const label = `${f.method}${f.gatedBy ? `, gated by ${f.gatedBy}${gateOpen ? '' : ' (gate closed: not tested)'}` : ''}`;
    members.forEach((r, k) => updates.set(r, { family: f.id, method: f.method === 'none' ? 'none (unadjusted, exploratory)' : label, pAdjusted: adjusted[k], rejected: f.method === 'none' ? null : rejected[k] }));
  }
  return rows.map((r) => {
    const u = updates.get(r);
    if (!u || !r.difference) return r;
    return { ...r, difference: { ...r.difference, pAdjusted: u.pAdjusted }, multiplicity: { family: u.family, method: u.method, rejected: u.rejected } };
  });
}
