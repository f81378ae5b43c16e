/**
 * Competing risks for one time-to-event outcome with several causes (e.g. first job vs first
 * education vs disability pension; docs/time-to-event.md):
 *   per arm        Aalen–Johansen cumulative incidence of each cause with infinitesimal-jackknife
 *                  SEs (survfit's multi-state fit), at landmark times and at τ;
 *   per comparison for each cause, F_intervention(τ) − F_control(τ) (Wald, the arms independent)
 *                  and the cause-specific Cox hazard ratio (the other causes censored);
 *   for charts     each cause's incidence curve per arm on a grid.
 * Gray's test is not computed (not in src/stats); the cause-specific hazard ratios answer "how
 * fast", the incidence differences "how many by τ".
 */
import { cumulativeIncidence, cumulativeIncidenceAt, type CumulativeIncidenceCurve } from '../../stats/survival/cumulative-incidence.ts';
import { numberAtRisk } from '../../stats/survival/at-times.ts';
import { confLimits, zFor } from '../../stats/survival/confidence.ts';
import type { ArmIncidence, CompetingRisksAnalysis, Curve, IncidenceComparison, SurvivalInterval, TimeToEventData, TimeToEventOptions } from './types.ts';
import { missingByArm, usableRows } from './rows.ts';
import { coxComparison } from './cox.ts';
import { resolveOptions, wald, byLabel } from './analyse.ts';

function interval(p: number, se: number, confType: 'log' | 'log-log' | 'plain', z: number): SurvivalInterval {
  // Limits as survfit's multi-state fit gives them for a probability with the SE of P itself.
  const l = confLimits(p, se, false, confType, z);
  return { estimate: p, se, lower: l.lower ?? Number.NaN, upper: l.upper ?? Number.NaN };
}

export function analyseCompetingRisks(d: TimeToEventData, o: TimeToEventOptions): CompetingRisksAnalysis {
  const rows = usableRows(d);
  const r = resolveOptions(d, o, rows);
  // Cumulative incidence limits: survfit's default for multi-state fits is "log" on P.
  const confType = o.confType ?? 'log';
  const z = zFor(r.confLevel);
  const present = d.armLabels.filter((_, a) => rows.some((i) => d.arm[i] === a));
  const codes = Int32Array.from(rows, (i) => present.indexOf(d.armLabels[d.arm[i]]));
  const fit = cumulativeIncidence(
    { time: Float64Array.from(rows, (i) => d.time[i]), status: Int32Array.from(rows, (i) => d.status[i]), eventLabels: d.causes, group: { codes, labels: present } },
    { confType, confLevel: r.confLevel },
  );
  const missing = missingByArm(d);
  const byArm = new Map<string, CumulativeIncidenceCurve>(fit.curves.map((c) => [c.label, c]));
  const atTau = (c: CumulativeIncidenceCurve) => cumulativeIncidenceAt(c, [r.tau])[0];

  const arms: ArmIncidence[] = fit.curves.map((c) => {
    const marks = r.landmarks.length ? cumulativeIncidenceAt(c, r.landmarks) : [];
    const tau = atTau(c);
    const events = byLabel(d.causes.map((cause, k) => [cause, c.nEvent[k].reduce((a, b) => a + b, 0)] as const));
    return {
      arm: c.label,
      n: c.n,
      missing: missing[d.armLabels.indexOf(c.label)],
      events,
      byCause: d.causes.map((cause, k) => ({
        cause,
        landmarks: marks.map((m) => ({ time: m.time, ...interval(m.p[k + 1], m.stdErr[k + 1], confType, z) })),
        atTau: interval(tau.p[k + 1], tau.stdErr[k + 1], confType, z),
      })),
    };
  });

  const comparisons: IncidenceComparison[] = r.comparisons.map((c) => {
    const ci = byArm.get(d.armLabels[c.intervention]);
    const cc = byArm.get(d.armLabels[c.control]);
    const sub = usableRows(d, [c.intervention, c.control]);
    return {
      id: c.id,
      intervention: d.armLabels[c.intervention],
      control: d.armLabels[c.control],
      byCause: d.causes.map((cause, k) => {
        const a = ci ? atTau(ci) : null;
        const b = cc ? atTau(cc) : null;
        const diff = a && b ? wald(a.p[k + 1] - b.p[k + 1], Math.hypot(a.stdErr[k + 1], b.stdErr[k + 1]), r.confLevel) : { estimate: Number.NaN, se: Number.NaN, lower: Number.NaN, upper: Number.NaN, z: null, p: null };
        const cox = coxComparison(d, { rows: sub, comparison: c, event: (s) => (s === k + 1 ? 1 : 0), stratified: r.stratified, ties: r.ties, confLevel: r.confLevel });
        return { cause, difference: diff, causeSpecificCox: cox };
      }),
    };
  });

  const curves: Curve[] = fit.curves.flatMap((c) => {
    const at = cumulativeIncidenceAt(c, r.grid);
    return d.causes.map((cause, k) => {
      const lim = at.map((a) => confLimits(a.p[k + 1], a.stdErr[k + 1], false, confType, z));
      return { arm: c.label, state: cause, time: [...r.grid], estimate: at.map((a) => a.p[k + 1]), lower: lim.map((l) => l.lower), upper: lim.map((l) => l.upper), nRisk: numberAtRisk(c, r.grid) };
    });
  });

  return {
    kind: 'competing-risks',
    method: { incidence: 'aalen-johansen (infinitesimal-jackknife SE)', confType, confLevel: r.confLevel, cox: `cause-specific cox (${r.ties} ties${r.stratified && d.strata ? `, stratified by ${d.strata.name}` : ''}; other causes censored)` },
    unit: r.unit,
    causes: d.causes,
    tau: r.tau,
    arms,
    comparisons,
    curves,
    warnings: [...r.warnings, ...comparisons.flatMap((c) => c.byCause.flatMap((b) => b.causeSpecificCox.warnings.map((w) => `${c.id}, ${b.cause}: ${w}`)))],
  };
}
