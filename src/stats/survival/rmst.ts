/**
 * Restricted mean survival time up to τ per arm and the difference between arms, as survival's
 * `print(survfit, rmean = τ)` (survmean) computes it; the same Greenwood-type variance as survRM2
 * (Royston & Parmar 2013; Uno et al. 2014).
 *
 *   RMST(τ) = ∫₀^τ Ŝ(t) dt = Σ_j (t_{j+1} − t_j) Ŝ(t_j)   over 0 = t_0 < t_1 < … ≤ τ
 *   Var = Σ_{t_j ≤ τ} A_j² d_j / (n_j (n_j − d_j)),   A_j = ∫_{t_j}^τ Ŝ(t) dt   (terms with n_j = d_j dropped)
 * Arms are independent, so a difference has Var = Var₁ + Var₀; limits and p are Wald (normal).
 * Beyond an arm's last observed time the curve is carried forward flat, as survival does (survRM2
 * would refuse such a τ); that case is flagged in the warnings.
 */
import { StatsError, assertConfLevel, assertFiniteScalar } from '../errors.ts';
import { normal } from '../dist/continuous.ts';
import { type SurvivalInput, type Grouping } from './input.ts';
import { kaplanMeier, type KaplanMeierCurve } from './kaplan-meier.ts';
import { zFor } from './confidence.ts';

export interface RmstOptions {
  readonly tau: number;
  readonly confLevel?: number;
  /** Label of the arm the others are compared with; default the first label. */
  readonly reference?: string;
}

export interface RmstEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

export interface RmstArm extends RmstEstimate {
  readonly label: string;
  readonly n: number;
  readonly events: number;
}

export interface RmstDifference extends RmstEstimate {
  readonly arm: string;
  readonly reference: string;
  /** null when the SE is 0 (no events before τ in either arm). */
  readonly z: number | null;
  readonly p: number | null;
}

export interface RmstResult {
  readonly method: 'rmst';
  readonly options: { readonly tau: number; readonly confLevel: number; readonly reference: string; readonly variance: 'greenwood' };
  readonly estimand: string;
  readonly arms: readonly RmstArm[];
  readonly differences: readonly RmstDifference[];
  readonly warnings: readonly string[];
}

/** RMST and its SE from one Kaplan–Meier curve (survival's survmean). */
export function rmstFromCurve(curve: Pick<KaplanMeierCurve, 'time' | 'surv' | 'nRisk' | 'nEvent'>, tau: number): { estimate: number; se: number } {
  assertFiniteScalar(tau, 'tau');
  if (!(tau > 0)) throw new StatsError('INVALID_ARGUMENT', `tau must be > 0, got ${tau}`);
  const t: number[] = [], s: number[] = [], h: number[] = [];
  for (let j = 0; j < curve.time.length && curve.time[j] <= tau; j++) {
    const n = curve.nRisk[j], d = curve.nEvent[j];
    t.push(curve.time[j]);
    s.push(curve.surv[j]);
    h.push(n - d === 0 ? 0 : d / (n * (n - d)));
  }
  const m = t.length;
  // Rectangles: [0, t_1) at height 1, then [t_j, t_{j+1}) at Ŝ(t_j), the last up to τ.
  const rect = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) {
    const left = j === 0 ? 0 : t[j - 1];
    const right = j === m ? tau : t[j];
    rect[j] = (right - left) * (j === 0 ? 1 : s[j - 1]);
  }
  let estimate = 0;
  for (let j = 0; j <= m; j++) estimate += rect[j];
  // A_j (area after t_j) accumulated from τ backwards.
  let after = 0, v = 0;
  for (let j = m; j >= 1; j--) {
    after += rect[j];
    v += after * after * h[j - 1];
  }
  return { estimate, se: Math.sqrt(v) };
}

export function restrictedMeanSurvival(input: SurvivalInput & { readonly group?: Grouping }, options: RmstOptions): RmstResult {
  const tau = assertFiniteScalar(options?.tau, 'tau');
  if (!(tau > 0)) throw new StatsError('INVALID_ARGUMENT', `tau must be > 0, got ${tau}`);
  const confLevel = assertConfLevel(options.confLevel ?? 0.95);
  const km = kaplanMeier(input, { confType: 'plain', confLevel });
  const z = zFor(confLevel);
  const warnings: string[] = [];
  const arms = km.curves.map((c): RmstArm => {
    const { estimate, se } = rmstFromCurve(c, tau);
    const last = c.time[c.time.length - 1];
    if (tau > last) warnings.push(`tau = ${tau} lies beyond the last observed time in "${c.label}" (${last}): its curve is carried forward flat`);
    return { label: c.label, n: c.n, events: c.events, estimate, se, lower: estimate - z * se, upper: estimate + z * se };
  });
  const reference = options.reference ?? arms[0].label;
  const ref = arms.find((a) => a.label === reference);
  if (!ref) throw new StatsError('INVALID_ARGUMENT', `reference "${reference}" is not a group label (${arms.map((a) => a.label).join(', ')})`);
  const differences = arms.filter((a) => a !== ref).map((a): RmstDifference => {
    const estimate = a.estimate - ref.estimate;
    const se = Math.sqrt(a.se ** 2 + ref.se ** 2);
    if (!(se > 0)) warnings.push(`"${a.label}" − "${reference}": no events before tau = ${tau} in either arm, so the difference has SE 0 and no test`);
    const zz = se > 0 ? estimate / se : null;
    return { arm: a.label, reference, estimate, se, lower: estimate - z * se, upper: estimate + z * se, z: zz, p: zz === null ? null : 2 * normal.sf(Math.abs(zz)) };
  });
  return {
    method: 'rmst',
    options: { tau, confLevel, reference, variance: 'greenwood' },
    estimand: `restricted mean survival time up to ${tau} (area under the Kaplan–Meier curve), difference arm − ${reference}`,
    arms,
    differences,
    warnings,
  };
}
