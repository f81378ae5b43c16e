/**
 * Subgroup effects for the primary outcome at its primary visit, per comparison (its two arms):
 * the ANCOVA (baseline, strata and the outcome's covariates) with an arm × subgroup interaction gives the difference within each subgroup level (EMM contrasts
 * by level), and the interaction is tested by the F test comparing the models with and without
 * it (nested models, residual df). Levels with fewer than 2 participants per arm are left out
 * and said so; a subgroup must not be read as evidence on its own.
 */
import { factor, modelMatrix, type Variable } from '../../stats/design/model-matrix.ts';
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
  // One pass: the comparison's participants with outcome, baseline and subgroup observed, and
  // their count per level and arm (0 control, 1 intervention).
  const L = sub.levels.length;
  const picked = new Int32Array(frame.n);
  const perCell = new Float64Array(L * 2);
  let count = 0;
  for (let i = 0; i < frame.n; i++) {
    const a = frame.arm[i];
    if ((a !== comparison.control && a !== comparison.intervention) || !include(i) || Number.isNaN(y[i]) || (b !== null && Number.isNaN(b[i])) || !(codes[i] >= 0)) continue;
    picked[count++] = i;
    if (codes[i] < L) perCell[codes[i] * 2 + (a === comparison.control ? 0 : 1)]++;
  }
  const dropped: string[] = [];
  const usableLevel = new Uint8Array(L);
  const usable = sub.levels.filter((_, l) => {
    const ok = perCell[l * 2] >= 2 && perCell[l * 2 + 1] >= 2;
    if (!ok) dropped.push(sub.levels[l]);
    else usableLevel[l] = 1;
    return ok;
  });
  // A level listed twice keeps a participant when either copy is usable (as `usable.includes(label)`).
  const usableLabel = new Set(usable);
  let kept = 0;
  for (let r = 0; r < count; r++) if (usableLabel.has(sub.levels[codes[picked[r]]])) picked[kept++] = picked[r];
  const members = picked.subarray(0, kept);
  if (usable.length < 2) return { ...base, reason: `fewer than two levels with at least 2 participants per arm${dropped.length ? ` (left out: ${dropped.join(', ')})` : ''}` };
  const m = members.length;
  const armCodes = new Int32Array(m);
  // The subgroup's codes among the usable levels, as factor() codes labels (a repeated label: its last place).
  const usableIndex = new Map(usable.map((l, k) => [l, k]));
  const levelCode = Int32Array.from(sub.levels, (l) => usableIndex.get(l) ?? -1);
  const subCodes = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const i = members[r];
    armCodes[r] = frame.arm[i] === comparison.control ? 0 : 1;
    subCodes[r] = levelCode[codes[i]];
  }
  const variables: Variable[] = [
    { name: 'arm', kind: 'factor', levels: armLabels, codes: armCodes },
    ...(b ? [{ name: 'baseline', kind: 'numeric' as const, values: gatherAt(members, b) }] : []),
    { name: 'subgroup', kind: 'factor', levels: usable, codes: subCodes },
  ];
  const terms: string[][] = [['arm'], ...(b ? [['baseline']] : []), ['subgroup']];
  for (const s of frame.strata) {
    if (s.column === sub.column) continue;
    const labels = Array.from(members, (i) => (s.values[i] < 0 ? '(missing)' : s.levels[s.values[i]]));
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
    const yy = gatherAt(members, y);
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
      const n = Object.fromEntries(armLabels.map((a) => [a, countAt(members, (i) => sub.levels[codes[i]] === level && frame.arms[frame.arm[i]].label === a)]));
      return { level, n, difference: d.estimate === null ? null : { estimate: d.estimate, se: d.se!, lower: d.lower!, upper: d.upper!, p: d.p! } };
    });
    return { ...base, levels, interactionF: F, interactionDf: [q, f1.dfResidual], interactionP: fDist.sf(F, q, f1.dfResidual), reason: dropped.length ? `levels left out (fewer than 2 per arm): ${dropped.join(', ')}` : null };
  } catch (e) {
    if (e instanceof StatsError) return { ...base, reason: e.message };
    throw e;
  }
}

/** How many rows satisfy `test`. */
function countAt(rows: ArrayLike<number>, test: (i: number) => boolean): number {
  let k = 0;
  for (let r = 0; r < rows.length; r++) if (test(rows[r])) k++;
  return k;
}

/** values[rows[r]] for every r, as a new typed array. */
function gatherAt(rows: Int32Array, values: Float64Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]];
  return out;
}
