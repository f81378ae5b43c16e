/**
 * δ-adjusted tipping-point analysis (Ratitch, O'Kelly & Tosiello 2013; Cro, Carpenter & Kenward
 * 2019; EMA/ICH E9(R1) sensitivity analysis under missing not at random). The outcome is imputed
 * under MAR once (the cached imputations of mi-ancova.ts), then the values imputed at the analysed
 * visit are shifted by δ against the comparison's intervention arm — worse in the intervention arm
 * (−δ when higher is better, +δ when higher is worse; the plan's default), better in the control
 * arm, or both (plan option tippingPoint.arm). When the shifted arm has no missing value at the
 * visit there is nothing to shift: the result is "not applicable" with that reason, never a δ.
 * Towards the intervention instead when
 * the MAR result is significant harm (`direction`) — the ANCOVA of every completed dataset is
 * pooled at each δ: at δ = 0 fitted as the MI ANCOVA fits it, at other δ from the fits at 0 and
 * of the shift vector (least squares is linear in y: mi-ancova.ts shiftedDifference), or refitted
 * when a baseline value was imputed. δ runs over a grid 0 … maxDelta; the tipping point is the
 * smallest δ at which the conclusion at the two-sided level α changes (significant benefit ↔ not
 * significant ↔ significant harm), located by bisection between the last grid point with the
 * original conclusion and the first without it.
 *
 * Default maxDelta: one pooled within-arm SD of the observed outcome at the visit — a shift of a
 * full SD for every missing value is beyond what is usually thought plausible, so a conclusion
 * that survives it is robust.
 */
import { pooledSd } from '../../stats/effects/cohens-d.ts';
import { StatsError } from '../../stats/errors.ts';
import { deltaGrid } from '../../stats/mi/delta.ts';
import type { TippingPointResult } from '../results/types.ts';
import type { EstimatorContext } from './common.ts';
import { armSelector, imputeOutcome, pooledAncova, shiftedDifference, type DeltaArm, type MiSettings } from './mi-ancova.ts';

export interface TippingPointOptions extends MiSettings {
  /** Largest δ searched (outcome units, > 0); default one pooled SD of the observed outcome at the visit. */
  readonly maxDelta?: number;
  /** Grid intervals between 0 and maxDelta (the path has steps + 1 points). */
  readonly steps: number;
  /** Two-sided significance level defining the conclusion. */
  readonly alpha: number;
  /** Which arm's imputed values are shifted (default: the intervention arm). */
  readonly arm?: DeltaArm;
  /** Bisection steps refining the tipping point between two grid points (default 20). */
  readonly refine?: number;
}

type Conclusion = -1 | 0 | 1;

export function tippingPoint(ctx: EstimatorContext, options: TippingPointOptions): TippingPointResult {
  const { frame, outcome, comparison } = ctx;
  if (!(options.alpha > 0 && options.alpha < 1)) throw new StatsError('INVALID_ARGUMENT', `alpha must lie in (0, 1), got ${options.alpha}`);
  if (options.m < 2) throw new StatsError('INVALID_ARGUMENT', `a tipping-point analysis needs m ≥ 2 imputations, got ${options.m}`);
  if (ctx.visit === frame.baselineVisit) throw new StatsError('INVALID_ARGUMENT', 'the tipping-point analysis is for post-baseline visits');
  const arm = options.arm ?? 'intervention';
  const benefit = outcome.higherIsBetter ? 1 : -1;
  const members = [...Array(frame.n).keys()].filter(ctx.include);
  const y = outcome.values[ctx.visit];
  const observed = (a: number) => members.filter((i) => frame.arm[i] === a && !Number.isNaN(y[i])).map((i) => y[i]);
  const yI = observed(comparison.intervention);
  const yC = observed(comparison.control);
  if (yI.length < 2 || yC.length < 2) throw new StatsError('NOT_ESTIMABLE', `${outcome.id} at ${frame.visits[ctx.visit]}: fewer than 2 observed values in an arm`);
  const armLabel = arm === 'both' ? 'both' : frame.arms[arm === 'intervention' ? comparison.intervention : comparison.control].label;
  const base = { outcomeId: outcome.id, comparison: comparison.id, visit: frame.visits[ctx.visit], arm: armLabel };
  const shifted = arm === 'both' ? [comparison.intervention, comparison.control] : [arm === 'intervention' ? comparison.intervention : comparison.control];
  const missingInShifted = members.filter((i) => shifted.includes(frame.arm[i]) && Number.isNaN(y[i])).length;
  if (missingInShifted === 0) {
    const who = shifted.map((a) => frame.arms[a].label).join(' and ');
    return { ...base, status: 'not-applicable', reason: `no missing ${outcome.id} at ${frame.visits[ctx.visit]} in ${shifted.length > 1 ? 'arms' : 'arm'} ${who}: there are no imputed values to shift`, path: [], tippingDelta: null, searchedUpTo: null, direction: null };
  }
  const maxDelta = options.maxDelta ?? pooledSd(yI, yC);
  if (!(maxDelta > 0) || !Number.isFinite(maxDelta)) throw new StatsError('INVALID_ARGUMENT', `the largest δ must be positive and finite, got ${maxDelta}`);
  const grid = deltaGrid(maxDelta, options.steps);

  // Progress: the m imputations, then the grid points (bisection steps are not counted).
  const total = options.m + grid.length;
  const imp = imputeOutcome(ctx, { ...options, onProgress: options.onProgress ? (done) => options.onProgress!(done, total) : undefined });
  if (imp.visitColumn[ctx.visit] < 0 || imp.visitColumn[frame.baselineVisit] < 0) throw new StatsError('NOT_ESTIMABLE', `${outcome.id}: too few observed values to impute`);
  const inI = armSelector(ctx, imp, 'intervention');
  const inC = armSelector(ctx, imp, 'control');
  // δ ≥ 0 pushes the imputed values against the conclusion under MAR: against the intervention
  // when MAR shows benefit or no difference; towards it when MAR shows significant harm (pushing
  // further against it could never change that conclusion, and "never tips" would mislead).
  let toward = 1;
  const shiftI = arm === 'control' ? 0 : -benefit;
  const shiftC = arm === 'intervention' ? 0 : benefit;
  // δ = 0 is the MAR analysis itself, fitted as the MI ANCOVA fits it (the same bits); every other
  // δ from the fits at 0 and of the shift (shiftedDifference), where the design allows.
  const unitShift = (row: number) => (inI(row) ? shiftI : inC(row) ? shiftC : 0);
  const linear = shiftedDifference(ctx, imp, unitShift);
  const evaluate = (delta: number) => {
    const d = delta !== 0 && linear ? linear(toward * delta) : pooledAncova(ctx, imp, (row) => toward * delta * unitShift(row)).difference;
    const conclusion: Conclusion = d.p < options.alpha ? (d.estimate * benefit > 0 ? 1 : -1) : 0;
    return { point: { delta, estimate: d.estimate, lower: d.lower, upper: d.upper, p: d.p }, conclusion };
  };

  const path: TippingPointResult['path'][number][] = [];
  const first = evaluate(0);
  if (first.conclusion === -1) toward = -1;
  path.push(first.point);
  options.onProgress?.(options.m + 1, total);
  let tipping: number | null = null;
  for (let s = 1; s < grid.length; s++) {
    const e = evaluate(grid[s]);
    path.push(e.point);
    options.onProgress?.(options.m + s + 1, total);
    if (tipping === null && e.conclusion !== first.conclusion) {
      let lo = grid[s - 1];
      let hi = grid[s];
      for (let r = 0; r < (options.refine ?? 20); r++) {
        const mid = (lo + hi) / 2;
        if (evaluate(mid).conclusion !== first.conclusion) hi = mid;
        else lo = mid;
      }
      tipping = hi;
    }
  }
  return {
    ...base,
    status: 'estimated',
    reason: null,
    path,
    tippingDelta: tipping,
    searchedUpTo: maxDelta,
    direction: toward === 1 ? 'against-intervention' : 'towards-intervention',
  };
}
