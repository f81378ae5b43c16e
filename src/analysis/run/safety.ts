/**
 * Safety: count outcomes with role "safety" (e.g. admissions, bed days) per arm at each follow-up
 * visit (total, mean per participant, participants with ≥ 1) with the negative-binomial rate
 * ratio of each comparison (count ~ arm + baseline count when measured at baseline, log exposure
 * as offset when declared; log link; MASS::glm.nb's model), and binary events (deaths,
 * self-harm) as counts per arm. A rate ratio that cannot be estimated (no events, no
 * overdispersion) is labelled with the reason.
 */
import { modelMatrix, type Variable } from '../../stats/design/model-matrix.ts';
import { armFactor } from '../estimators/common.ts';
import { glmNegBin } from '../../stats/models/glm/negative-binomial.ts';
import { normal } from '../../stats/dist/continuous.ts';
import { StatsError } from '../../stats/errors.ts';
import type { AnalysisFrame, FrameComparison, FrameOutcome } from '../frame/frame.ts';
import type { EventCount, SafetyResult } from '../results/types.ts';

function rateRatio(frame: AnalysisFrame, o: FrameOutcome, v: number, comparison: FrameComparison, confLevel: number): Pick<SafetyResult, 'rateRatio' | 'status' | 'reason'> {
  const y = o.values[v];
  const b = o.hasBaseline && frame.baselineVisit >= 0 ? o.values[frame.baselineVisit] : null;
  const e = o.exposure?.[v] ?? null;
  // One pass: the participants with the count (and baseline, and a positive exposure) observed, per arm.
  const picked = new Int32Array(frame.n);
  const perArm = new Int32Array(frame.arms.length);
  let m = 0;
  let events = false;
  for (let i = 0; i < frame.n; i++) {
    if (Number.isNaN(y[i]) || (b !== null && Number.isNaN(b[i])) || (e !== null && !(e[i] > 0))) continue;
    picked[m++] = i;
    perArm[frame.arm[i]]++;
    if (y[i] !== 0) events = true;
  }
  const members = picked.subarray(0, m);
  if (!events) return { rateRatio: null, status: 'not-estimable', reason: 'no events in any arm' };
  const armsIn = [comparison.control, comparison.intervention].map((k) => frame.arms[k].label);
  for (const a of armsIn) if (!frame.arms.some((arm, k) => arm.label === a && perArm[k] > 0)) return { rateRatio: null, status: 'not-estimable', reason: `no participant with ${o.id} observed in arm ${a}` };
  try {
    const arm = armFactor(frame, members);
    const variables: Variable[] = [arm, ...(b ? [{ name: 'baseline', kind: 'numeric' as const, values: gather(members, b) }] : [])];
    const d = modelMatrix({ variables, terms: variables.map((x) => [x.name]) });
    const offset = e ? gather(members, e) : null;
    if (offset) for (let r = 0; r < offset.length; r++) offset[r] = Math.log(offset[r]);
    const fit = glmNegBin(d.X, gather(members, y), { columnNames: d.columnNames, confLevel, nullDeviance: false, ...(offset ? { offset } : {}) });
    if (!fit.converged) return { rateRatio: null, status: 'not-estimable', reason: `the negative-binomial fit did not converge (${fit.warnings.join('; ')})` };
    // log RR = β(intervention) − β(control), a reference level's β being 0.
    const levels = (arm as Extract<typeof arm, { kind: 'factor' }>).levels;
    const col = (label: string) => (levels.indexOf(label) === 0 ? -1 : d.columnNames.indexOf(`arm${label}`));
    const [jc, ji] = armsIn.map(col);
    const p = d.columnNames.length;
    const coef = (j: number) => (j < 0 ? 0 : fit.coef[j]);
    const cov = (a: number, c: number) => (a < 0 || c < 0 ? 0 : fit.vcov.data[a + c * p]);
    const est = coef(ji) - coef(jc);
    const se = Math.sqrt(cov(ji, ji) + cov(jc, jc) - 2 * cov(ji, jc));
    // The control as reference (the two-arm case): the coefficient's own Wald test, as summary(glm.nb).
    const pValue = jc < 0 ? fit.coefficients[ji].p! : 2 * normal.sf(Math.abs(est / se));
    const q = normal.quantile(1 - (1 - confLevel) / 2);
    const terms = ['arm', ...(b ? [`baseline ${o.id}`] : []), ...(e ? [`offset(log exposure)`] : [])];
    return {
      rateRatio: { estimate: Math.exp(est), lower: Math.exp(est - q * se), upper: Math.exp(est + q * se), p: pValue, method: `negative binomial (log link) ${o.id} ~ ${terms.join(' + ')}; Wald CI`, theta: fit.theta },
      status: 'estimated',
      reason: null,
    };
  } catch (err) {
    if (err instanceof StatsError) return { rateRatio: null, status: 'not-estimable', reason: err.message };
    throw err;
  }
}

/** One safety summary: a safety count outcome at a follow-up visit, for one comparison. */
export interface SafetyItem {
  readonly outcome: FrameOutcome;
  readonly comparison: FrameComparison;
  readonly visit: number;
}

/** The safety summaries of a frame in reporting order (outcome, then comparison, then visit). */
export function safetyItems(frame: AnalysisFrame): SafetyItem[] {
  const out: SafetyItem[] = [];
  for (const o of frame.outcomes.filter((x) => x.kind === 'count' && x.role === 'safety')) {
    for (const comparison of frame.comparisons) {
      frame.visits.forEach((visit, v) => {
        if (v === frame.baselineVisit || !o.visits.includes(visit)) return;
        out.push({ outcome: o, comparison, visit: v });
      });
    }
  }
  return out;
}

/** Per arm summaries and the rate ratio of one safety item (each is independent of the others). */
export function safetyResult(frame: AnalysisFrame, item: SafetyItem, confLevel = 0.95): SafetyResult {
  const { outcome: o, comparison, visit: v } = item;
  // One pass over the participants for every arm (each arm's total added in participant order).
  const values = o.values[v];
  const k = frame.arms.length;
  const n = new Float64Array(k);
  const total = new Float64Array(k);
  const withEvent = new Float64Array(k);
  for (let i = 0; i < frame.n; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    const a = frame.arm[i];
    n[a]++;
    total[a] += x;
    if (x > 0) withEvent[a]++;
  }
  const byArm = Object.fromEntries(frame.arms.map((arm, a) => [arm.label, { n: n[a], total: total[a], mean: n[a] ? total[a] / n[a] : 0, participantsWithEvent: withEvent[a] }]));
  return { id: o.id, name: o.name, comparison: comparison.id, visit: frame.visits[v], byArm, ...rateRatio(frame, o, v, comparison, confLevel) };
}

/** Safety counts (count outcomes with role "safety"): per arm summaries and a rate ratio per comparison at every follow-up visit. */
export function safetyResults(frame: AnalysisFrame, confLevel = 0.95): SafetyResult[] {
  return safetyItems(frame).map((item) => safetyResult(frame, item, confLevel));
}

export function eventCounts(frame: AnalysisFrame): EventCount[] {
  return frame.events.map((e) => ({
    id: e.id,
    name: e.name,
    byArm: ((counts) => {
      for (let i = 0; i < frame.n; i++) if (e.any[i] === 1) counts[frame.arm[i]]++;
      return Object.fromEntries(frame.arms.map((arm, a) => [arm.label, counts[a]]));
    })(new Float64Array(frame.arms.length)),
  }));
}

/** values[rows[r]] for every r, as a new typed array. */
function gather(rows: Int32Array, values: Float64Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]];
  return out;
}
