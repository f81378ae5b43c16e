/**
 * Subgroup effects for the primary outcome at its primary visit, per comparison (its two arms):
 * the ANCOVA (baseline, strata and the outcome's covariates) with an arm × subgroup interaction gives the difference within each subgroup level (EMM contrasts
 * by level), and the interaction is tested by the F test comparing the models with and without
 * it (nested models, residual df). Levels with fewer than 2 participants per arm are left out
 * and said so; a subgroup must not be read as evidence on its own.
 */
import { factor, modelMatrix, numeric, type Variable } from '../../stats/design/model-matrix.ts';
import { ols } from '../../stats/models/ols/ols.ts';
import { olsBasis } from '../../stats/emm/from-ols.ts';
import { contrast, emmeans } from '../../stats/emm/emmeans.ts';
import { fDist } from '../../stats/dist/continuous.ts';
import { StatsError } from '../../stats/errors.ts';
import { covariateVariables, type Adjustment } from '../estimators/common.ts';
import type { AnalysisFrame, FrameComparison, FrameCovariate, FrameOutcome } from '../frame/frame.ts';
import type { SubgroupResult } from '../results/types.ts';

export function subgroupEffect(frame: AnalysisFrame, outcome: FrameOutcome, visit: number, sub: FrameCovariate, include: (i: number) => boolean, confLevel: number, comparison: FrameComparison, adjust?: Adjustment): SubgroupResult {
  const y = outcome.values[visit];
  const b = outcome.hasBaseline && frame.baselineVisit >= 0 ? outcome.values[frame.baselineVisit] : null;
  const codes = sub.values as Int32Array;
  const armLabels = [frame.arms[comparison.control].label, frame.arms[comparison.intervention].label];
  const base: SubgroupResult = { outcomeId: outcome.id, comparison: comparison.id, visit: frame.visits[visit], variable: sub.column, levels: [], interactionP: null, interactionF: null, interactionDf: null, reason: null };
  if (sub.kind !== 'categorical') return { ...base, reason: 'subgroups need a categorical variable' };
  if (outcome.kind !== 'score' && outcome.kind !== 'continuous') return { ...base, reason: `subgroup effects are estimated for score and continuous outcomes (this one is ${outcome.kind})` };
  // The comparison's two arms only: the interaction then tests this comparison's effect across levels.
  let members = [...Array(frame.n).keys()].filter((i) => include(i) && (frame.arm[i] === comparison.control || frame.arm[i] === comparison.intervention) && !Number.isNaN(y[i]) && (b === null || !Number.isNaN(b[i])) && codes[i] >= 0);
  const dropped: string[] = [];
  const usable = sub.levels.filter((_, l) => {
    const ok = [comparison.control, comparison.intervention].every((a) => members.filter((i) => codes[i] === l && frame.arm[i] === a).length >= 2);
    if (!ok) dropped.push(sub.levels[l]);
    return ok;
  });
  members = members.filter((i) => usable.includes(sub.levels[codes[i]]));
  if (usable.length < 2) return { ...base, reason: `fewer than two levels with at least 2 participants per arm${dropped.length ? ` (left out: ${dropped.join(', ')})` : ''}` };
  const variables: Variable[] = [
    factor('arm', members.map((i) => frame.arms[frame.arm[i]].label), armLabels),
    ...(b ? [numeric('baseline', members.map((i) => b[i]))] : []),
    factor('subgroup', members.map((i) => sub.levels[codes[i]]), usable),
  ];
  const terms: string[][] = [['arm'], ...(b ? [['baseline']] : []), ['subgroup']];
  for (const s of frame.strata) {
    if (s.column === sub.column) continue;
    const labels = members.map((i) => (s.values[i] < 0 ? '(missing)' : s.levels[s.values[i]]));
    const present = [...new Set(labels)].sort();
    if (present.length < 2) continue;
    variables.push(factor(s.column, labels, present));
    terms.push([s.column]);
  }
  // The outcome's adjustment covariates, as in its primary model (the subgroup variable itself excepted).
  const unused: string[] = [];
  for (const v of covariateVariables(adjust && { ...adjust, covariates: adjust.covariates.filter((c) => c.column !== sub.column) }, members, unused)) {
    variables.push(v);
    terms.push([v.name]);
  }
  try {
    const yy = members.map((i) => y[i]);
    const reduced = modelMatrix({ variables, terms });
    const full = modelMatrix({ variables, terms: [...terms, ['arm', 'subgroup']] });
    const f0 = ols(reduced.X, yy, { columnNames: reduced.columnNames, confLevel });
    const f1 = ols(full.X, yy, { columnNames: full.columnNames, confLevel });
    const q = f0.dfResidual - f1.dfResidual;
    const F = (f0.rss - f1.rss) / q / (f1.rss / f1.dfResidual);
    const basis = olsBasis(f1, full);
    const emm = emmeans(basis, { specs: ['arm'], by: ['subgroup'], confLevel });
    const levels = usable.map((level) => {
      const cells = emm.cells.filter((c) => c.levels.subgroup === level);
      const ctrl = cells.find((c) => c.levels.arm === armLabels[0])!;
      const intv = cells.find((c) => c.levels.arm === armLabels[1])!;
      const d = contrast(basis, intv, ctrl, confLevel);
      const n = Object.fromEntries(armLabels.map((a) => [a, members.filter((i) => sub.levels[codes[i]] === level && frame.arms[frame.arm[i]].label === a).length]));
      return { level, n, difference: d.estimate === null ? null : { estimate: d.estimate, se: d.se!, lower: d.lower!, upper: d.upper!, p: d.p! } };
    });
    return { ...base, levels, interactionF: F, interactionDf: [q, f1.dfResidual], interactionP: fDist.sf(F, q, f1.dfResidual), reason: dropped.length ? `levels left out (fewer than 2 per arm): ${dropped.join(', ')}` : null };
  } catch (e) {
    if (e instanceof StatsError) return { ...base, reason: e.message };
    throw e;
  }
}
