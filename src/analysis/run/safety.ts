/**
 * Safety: psychiatric admissions and bed days per arm at each post-baseline visit (total, mean
 * per participant, participants with ≥ 1) with the negative-binomial rate ratio
 * (count ~ arm + baseline count, log link; MASS::glm.nb's model), and binary events (deaths,
 * self-harm) as counts per arm. A rate ratio that cannot be estimated (no events, no
 * overdispersion) is labelled with the reason.
 */
import { factor, modelMatrix, numeric } from '../../stats/design/model-matrix.ts';
import { glmNegBin } from '../../stats/models/glm/negative-binomial.ts';
import { normal } from '../../stats/dist/continuous.ts';
import { StatsError } from '../../stats/errors.ts';
import type { AnalysisFrame, FrameOutcome } from '../frame/frame.ts';
import type { EventCount, SafetyResult } from '../results/types.ts';

function rateRatio(frame: AnalysisFrame, o: FrameOutcome, v: number, confLevel: number): Pick<SafetyResult, 'rateRatio' | 'status' | 'reason'> {
  const y = o.values[v];
  const b = o.values[frame.baselineVisit];
  const members = [...Array(frame.n).keys()].filter((i) => !Number.isNaN(y[i]) && !Number.isNaN(b[i]));
  const arms = [frame.arms[frame.control].label, frame.arms[frame.intervention].label];
  if (members.every((i) => y[i] === 0)) return { rateRatio: null, status: 'not-estimable', reason: 'no events in either arm' };
  try {
    const d = modelMatrix({ variables: [factor('arm', members.map((i) => frame.arms[frame.arm[i]].label), arms), numeric('baseline', members.map((i) => b[i]))], terms: [['arm'], ['baseline']] });
    const fit = glmNegBin(d.X, members.map((i) => y[i]), { columnNames: d.columnNames, confLevel });
    if (!fit.converged) return { rateRatio: null, status: 'not-estimable', reason: `the negative-binomial fit did not converge (${fit.warnings.join('; ')})` };
    const c = fit.coefficients[1];
    const q = normal.quantile(1 - (1 - confLevel) / 2);
    return {
      rateRatio: { estimate: Math.exp(c.estimate!), lower: Math.exp(c.estimate! - q * c.se!), upper: Math.exp(c.estimate! + q * c.se!), p: c.p!, method: `negative binomial (log link) ${o.id} ~ arm + baseline ${o.id}; Wald CI`, theta: fit.theta },
      status: 'estimated',
      reason: null,
    };
  } catch (e) {
    if (e instanceof StatsError) return { rateRatio: null, status: 'not-estimable', reason: e.message };
    throw e;
  }
}

export function safetyResults(frame: AnalysisFrame, confLevel = 0.95): SafetyResult[] {
  const out: SafetyResult[] = [];
  for (const o of frame.outcomes.filter((x) => x.kind === 'count')) {
    frame.visits.forEach((visit, v) => {
      if (v === frame.baselineVisit) return;
      const byArm = Object.fromEntries(frame.arms.map((arm, a) => {
        const vals: number[] = [];
        for (let i = 0; i < frame.n; i++) if (frame.arm[i] === a && !Number.isNaN(o.values[v][i])) vals.push(o.values[v][i]);
        const total = vals.reduce((s, x) => s + x, 0);
        return [arm.label, { n: vals.length, total, mean: vals.length ? total / vals.length : 0, participantsWithEvent: vals.filter((x) => x > 0).length }];
      }));
      out.push({ id: o.id, name: o.name, visit, byArm, ...rateRatio(frame, o, v, confLevel) });
    });
  }
  return out;
}

export function eventCounts(frame: AnalysisFrame): EventCount[] {
  return frame.events.map((e) => ({
    id: e.id,
    name: e.name,
    byArm: Object.fromEntries(frame.arms.map((arm, a) => [arm.label, [...Array(frame.n).keys()].filter((i) => frame.arm[i] === a && e.any[i] === 1).length])),
  }));
}
