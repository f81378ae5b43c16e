/**
 * Never a silent empty result: every declared outcome must give an estimate from its primary
 * estimator at every visit the plan estimates at, for every comparison, and every declared
 * population must give at least one estimate. What does not is an input error (exit 2) naming
 * the outcome, the visit, the comparison and why — unless the plan marks the outcome (or the
 * population) optional, when it becomes a warning in results.json. A time-to-event outcome
 * must give a Cox hazard ratio for every comparison.
 */
import type { TrialSpec } from '../../data/spec/load.ts';
import { DataValidationError, type DataProblem } from '../../data/problems.ts';
import type { AnalysisPlan } from '../plan/schema.ts';
import { outcomePlan } from '../plan/schema.ts';
import type { AnalysisFrame } from '../frame/frame.ts';
import type { OutcomeResult } from '../results/types.ts';

export interface Completeness {
  readonly problems: DataProblem[];
  readonly warnings: string[];
}

export function checkCompleteness(spec: TrialSpec, plan: AnalysisPlan, frame: AnalysisFrame, rows: readonly OutcomeResult[], analysedOutcomes: readonly string[], itt: string, populationsUsed: readonly string[], dataFile: string): Completeness {
  const problems: DataProblem[] = [];
  const warnings: string[] = [];
  const specIndex = (id: string) => spec.outcomes.findIndex((o) => o.id === id);
  const say = (optional: boolean, path: string, message: string, fix: string) => {
    if (optional) warnings.push(`${message} (optional in the plan: left out)`);
    else problems.push({ file: dataFile, row: null, column: null, path, value: null, message, allowed: null, fix });
  };
  for (const id of analysedOutcomes) {
    const o = frame.outcomes.find((x) => x.id === id)!;
    const op = outcomePlan(plan, id, o.kind);
    const optionalFix = `or mark it optional in the plan (analysisPlan.outcomes.${id}.optional: true)`;
    const own = rows.filter((r) => r.id === id);
    if (own.length === 0) {
      say(op.optional, `outcomes[${specIndex(id)}]`, `outcome "${id}" has no follow-up visit to estimate at (measured at: ${o.visits.join(', ')})`, `declare the visits it is measured at after baseline in "visits", ${optionalFix}`);
      continue;
    }
    const visits = [...new Set(own.map((r) => r.visit))];
    for (const visit of visits) {
      for (const c of frame.comparisons) {
        const primary = own.find((r) => r.visit === visit && r.comparison === c.id && r.estimator === op.primary && r.population === itt);
        if (primary && primary.status === 'estimated') continue;
        const v = frame.visits.indexOf(visit);
        const observed = [c.intervention, c.control].map((a) => [...Array(frame.n).keys()].filter((i) => frame.arm[i] === a && !Number.isNaN(o.values[v][i])).length);
        const why = primary?.reason ?? 'no row was produced';
        const hint = observed.some((n) => n === 0)
          ? `no observed value at this visit in arm ${frame.arms[observed[0] === 0 ? c.intervention : c.control].label}: check that the outcome's column holds this visit's values (and the visit labels in the data)`
          : 'check the data at this visit';
        say(op.optional, `outcomes[${specIndex(id)}]`, `outcome "${id}" at visit "${visit}" (${c.id}): no estimate from ${op.primary} — ${why}`, `${hint}, ${optionalFix}`);
      }
    }
  }
  for (const pop of populationsUsed) {
    const own = rows.filter((r) => r.population === pop);
    if (own.length === 0 || own.some((r) => r.status === 'estimated')) continue;
    const reasons = [...new Set(own.map((r) => r.reason).filter((x): x is string => x !== null))].slice(0, 3);
    say(plan.populations[pop]?.optional ?? false, `populations[${spec.populations.findIndex((p) => p.id === pop)}]`, `population "${pop}" gives no estimate for any outcome (${reasons.join('; ')})`, `check its rule and the data it reads, or mark it optional in the plan (analysisPlan.populations.${pop}.optional: true)`);
  }
  for (const t of frame.timeToEvent) {
    const optional = (Object.hasOwn(plan.outcomes, t.id) ? plan.outcomes[t.id].optional : undefined) ?? false;
    for (const c of frame.comparisons) {
      const primary = rows.find((r) => r.id === t.id && r.comparison === c.id && r.estimator === 'cox' && r.population === itt);
      if (primary && primary.status === 'estimated') continue;
      say(optional, `outcomes[${specIndex(t.id)}]`, `time-to-event outcome "${t.id}" (${c.id}): no hazard ratio — ${primary?.reason ?? 'no row was produced'}`, `check the outcome's time and event columns (every participant with a time, events in both arms), or mark it optional in the plan (analysisPlan.outcomes.${t.id}.optional: true)`);
    }
  }
  return { problems, warnings };
}

export function throwIfIncomplete(c: Completeness): void {
  if (c.problems.length > 0) throw new DataValidationError(c.problems);
}
