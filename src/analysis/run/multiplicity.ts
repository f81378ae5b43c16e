/**
 * Applies the plan's multiplicity families to the primary-estimator rows at each outcome's
 * primary visit — one hypothesis per outcome and comparison (with several intervention arms,
 * every comparison of a family's outcomes is in the family unless it lists its own) — within a
 * family by its method (fixed sequence, Holm, …); a family gated by
 * another is tested only when every hypothesis of the gate was rejected — otherwise its
 * hypotheses are not rejected whatever their p (gatekeeping). Outcomes in no family are
 * reported unadjusted and labelled so.
 *
 * Without declared families the defaults below apply. A fixed sequence needs an order fixed in
 * advance: the spec's order of the primary outcomes is one (documented), but the comparisons of a
 * k-arm trial have none — neither "vs-control" nor "all-pairs" says which pair is tested first —
 * so the primary family is Holm (R's p.adjust default) as soon as it holds more than one
 * comparison. Testing comparisons in comparison order had let the first pair (survival::colon, Lev
 * vs Obs, p = 0.81) stop the others (Lev+5FU vs Obs p = 0.0017 and Lev+5FU vs Lev p = 0.0044,
 * both adjusted to 0.81 and not rejected). An order that is meant is declared as a family with
 * method "fixed-sequence" and its `comparisons` listed in testing order.
 */
import { fixedSequence, pAdjust } from '../../stats/multiplicity/adjust.ts';
import type { AnalysisPlan, MultiplicityFamily } from '../plan/schema.ts';
import type { OutcomeResult } from '../results/types.ts';

/**
 * The families when the plan declares none: primary (fixed sequence over the primary outcomes in
 * spec order with one comparison; Holm with several, whose order nothing declares) → secondary
 * (Holm, gated by primary) → exploratory (unadjusted). `comparisons`: how many comparisons the
 * trial has.
 */
export function defaultFamilies(outcomes: readonly { id: string; role: string }[], comparisons: number): MultiplicityFamily[] {
  // Each outcome once, however many rows (visits, estimators, comparisons) it has: a repeated id would count its hypotheses again.
  const by = (role: string) => [...new Set(outcomes.filter((o) => o.role === role).map((o) => o.id))];
  const fam: MultiplicityFamily[] = [];
  if (by('primary').length) fam.push({ id: 'primary', outcomes: by('primary'), method: comparisons > 1 ? 'holm' : 'fixed-sequence' });
  if (by('secondary').length) fam.push({ id: 'secondary', outcomes: by('secondary'), method: 'holm', gatedBy: fam.length ? 'primary' : undefined });
  if (by('exploratory').length) fam.push({ id: 'exploratory', outcomes: by('exploratory'), method: 'none' });
  return fam;
}

/**
 * Warnings for declared fixed-sequence families that test several comparisons in an order nobody
 * declared: without `comparisons` the family takes the trial's comparisons in their own order
 * (the spec's arm order), so a first pair that fails stops the others. Said, not refused — the
 * spec's arm order may be the intended one — with the fix. `comparisons`: the trial's, in order.
 */
export function implicitOrderWarnings(families: readonly MultiplicityFamily[] | undefined, comparisons: readonly string[]): string[] {
  if (!families || comparisons.length < 2) return [];
  return families
    .filter((f) => f.method === 'fixed-sequence' && f.comparisons === undefined)
    .map((f) => `multiplicity family "${f.id}" is a fixed sequence over ${comparisons.length} comparisons in no declared order: they were tested in the trial's order (${comparisons.join(', then ')}), and a comparison that is not rejected stops those after it; list them in the family's "comparisons" in the order meant, or use "holm"`);
}

export function applyMultiplicity(rows: OutcomeResult[], plan: AnalysisPlan): OutcomeResult[] {
  const families = plan.multiplicity ?? defaultFamilies(rows.map((r) => ({ id: r.id, role: r.role })), new Set(rows.map((r) => r.comparison)).size);
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
