/**
 * `effekt analyze` on the IPS twin (data-samples/ips: the register panel, its spec and plan),
 * end to end through loadTrial → runAnalysis, in two checks:
 *   1. the published figures of the Danish IPS trial (Christensen et al., JAMA Psychiatry 2019;
 *      76(12):1232–1240, and the 30-month follow-up) within sampling error — |z| < 1.96 for every
 *      arm: in work or education by week 78 (59.9 / 59.1 / 46.5 %) and 130 (65 / 65 / 53 %), mean
 *      weeks worked (25 / 21 / 17);
 *   2. R on the same panel (test/reference/ips-twin.R derives the outcomes again, independently,
 *      and runs survival 3.5-3 → ips-twin.json): the derived counts exactly; Kaplan–Meier, RMST,
 *      log-rank, Cox (Efron, stratified by site), cox.zph, Aalen–Johansen incidence and cause-specific
 *      HRs at LRE ≥ 10 for estimates, ≥ 8 for p-values.
 * Plus the shape: three comparisons, the multiplicity families of the plan, results.json valid
 * against schemas/results.schema.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';
import type { AnalysisResults, OutcomeResult } from '../../src/analysis/results/types.ts';
import type { CompetingRisksAnalysis, SurvivalAnalysis } from '../../src/analysis/survival/types.ts';
import { schemaProblems } from '../../src/report/input-schema.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { expectLRE, lre } from '../helpers/lre.ts';

const published = {
  IPS: { w78: 0.599, w130: 0.65, weeks: 25 },
  IPSE: { w78: 0.591, w130: 0.65, weeks: 21 },
  SAU: { w78: 0.465, w130: 0.53, weeks: 17 },
} as const;
type Arm = keyof typeof published;
const arms = Object.keys(published) as Arm[];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref = readFixture<any>('ips-twin.json');
const worst = { estimate: 15, p: 15 };
function L(actual: number | null, expected: number | null, min: number, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  worst[min <= 8 ? 'p' : 'estimate'] = Math.min(worst[min <= 8 ? 'p' : 'estimate'], lre(actual ?? Number.NaN, expected));
  expectLRE(actual ?? Number.NaN, expected, min, label);
}
const asArray = (x: number | number[]): number[] => (Array.isArray(x) ? x : [x]);

let results: AnalysisResults;
let weeksSd: Record<string, number>;
beforeAll(async () => {
  const trial = await loadTrial(join(repoRoot, 'data-samples/ips/ips-twin.csv'), join(repoRoot, 'data-samples/ips/ips.spec.json'));
  results = runAnalysis(trial);
  const rows = trial.table.objects() as Record<string, unknown>[];
  weeksSd = {};
  for (const arm of arms) {
    const w = rows.filter((r) => r.arm === arm && r[trial.spec.columns.visit] === 'w130').map((r) => Number(r.weeks_worked));
    const m = w.reduce((a, b) => a + b, 0) / w.length;
    weeksSd[arm] = Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / (w.length - 1));
  }
}, 120_000);
afterAll(() => console.log(`IPS twin vs R: worst LRE ${worst.estimate.toFixed(1)} (estimates), ${worst.p.toFixed(1)} (p-values)`));

const row = (id: string, visit: string, comparison: string, estimator: string): OutcomeResult => {
  const r = results.outcomes.find((o) => o.id === id && o.visit === visit && o.comparison === comparison && o.estimator === estimator);
  if (!r) throw new Error(`no row ${id} ${visit} ${comparison} ${estimator}`);
  return r;
};
const control = (arm: Arm) => (arm === 'SAU' ? 'IPS vs SAU' : `${arm} vs SAU`);

describe('the IPS twin analysed from its spec and plan', () => {
  it('reproduces the published rates and weeks worked within sampling error (|z| < 1.96)', () => {
    for (const arm of arms) {
      const p = published[arm];
      const r78 = row('engaged', 'w78', control(arm), 'two-proportion').emm[arm].estimate;
      const r130 = row('engaged', 'w130', control(arm), 'logistic').binary!.events[arm] / 240;
      const weeks = row('weeks_worked', 'w130', control(arm), 'negative-binomial').emm[arm].estimate;
      const z = [(r78 - p.w78) / Math.sqrt((p.w78 * (1 - p.w78)) / 240), (r130 - p.w130) / Math.sqrt((p.w130 * (1 - p.w130)) / 240), (weeks - p.weeks) / (weeksSd[arm] / Math.sqrt(240))];
      console.log(`${arm}: ${(100 * r78).toFixed(1)} % by week 78, ${(100 * r130).toFixed(1)} % by week 130, ${weeks.toFixed(1)} weeks worked (z ${z.map((x) => x.toFixed(2)).join(', ')})`);
      for (const x of z) expect(Math.abs(x)).toBeLessThan(1.96);
    }
  });

  it('derives the register outcomes as R does (counts exact)', () => {
    for (const a of ref.perArm) {
      const c = a.arm === 'SAU' ? 'IPS vs SAU' : `${a.arm} vs SAU`;
      expect(row('engaged', 'w78', c, 'logistic').binary!.events[a.arm]).toBe(a.engaged78);
      expect(row('engaged', 'w130', c, 'logistic').binary!.events[a.arm]).toBe(a.engaged130);
      expect(row('weeks_worked', 'w130', c, 'negative-binomial').emm[a.arm].estimate * a.n).toBeCloseTo(a.weeksWorked, 8);
    }
  });

  it('answers all three comparisons inside the plan\'s multiplicity families', () => {
    expect(results.comparisons.map((c) => c.id)).toEqual(['IPS vs SAU', 'IPSE vs SAU', 'IPSE vs IPS']);
    const fam = (id: string, c: string) => results.outcomes.find((o) => o.id === id && o.comparison === c && o.isPrimaryEstimator)!.multiplicity?.family;
    expect(fam('engaged', 'IPS vs SAU')).toBe('primary');
    expect(fam('first_job', 'IPSE vs SAU')).toBe('secondary');
    expect(fam('off_benefits', 'IPSE vs IPS')).toBe('ipse-vs-ips');
    expect(results.outcomes.filter((o) => o.kind === 'time-to-event' && o.estimator === 'cox')).toHaveLength(9);
  });

  it('writes a results.json that schemas/results.schema.json accepts', () => {
    expect(schemaProblems('results.schema.json', JSON.parse(JSON.stringify(results)))).toEqual([]);
  });

  it.each(['first_job', 'off_benefits'])('%s: Kaplan–Meier, RMST, log-rank, Cox and cox.zph match R', (id) => {
    const r = ref.survival_cases.find((c: { id: string }) => c.id === id);
    const a = results.timeToEvent!.find((t) => t.id === id)!.analysis as SurvivalAnalysis;
    expect(a.kind).toBe('survival');
    expect(a.tau).toBe(r.tau);
    expect(a.warnings).toEqual([]);
    expect(a.arms.reduce((s, x) => s + x.missing, 0)).toBe(r.missing);
    for (const ra of r.arms) {
      const m = a.arms.find((x) => x.arm === ra.arm)!;
      expect([m.n, m.events]).toEqual([ra.n, ra.events]);
      L(m.median.estimate, ra.median.estimate, 10, `${id} ${ra.arm} median`);
      L(m.median.lower, ra.median.lower, 10, `${id} ${ra.arm} median lower`);
      L(m.median.upper, ra.median.upper, 10, `${id} ${ra.arm} median upper`);
      const lm = ra.landmarks;
      asArray(lm.time).forEach((t, k) => {
        const x = m.landmarks.find((q) => q.time === t)!;
        L(x.surv, asArray(lm.surv)[k], 10, `${id} ${ra.arm} S(${t})`);
        L(x.se, asArray(lm.se)[k], 10, `${id} ${ra.arm} se S(${t})`);
        L(x.lower, asArray(lm.lower)[k], 10, `${id} ${ra.arm} lower S(${t})`);
        L(x.upper, asArray(lm.upper)[k], 10, `${id} ${ra.arm} upper S(${t})`);
        expect(x.nRisk).toBe(asArray(lm.nRisk)[k]);
      });
      L(m.rmst.estimate, ra.rmst.estimate, 10, `${id} ${ra.arm} RMST`);
      L(m.rmst.se, ra.rmst.se, 10, `${id} ${ra.arm} RMST se`);
    }
    L(a.globalLogRank!.statistic, r.globalLogRank.statistic, 10, `${id} global log-rank`);
    L(a.globalLogRank!.p, r.globalLogRank.p, 8, `${id} global log-rank p`);
    for (const rc of r.comparisons) {
      const c = a.comparisons.find((x) => x.id === rc.id)!;
      L(c.logRank.statistic, rc.logRank.statistic, 10, `${id} ${rc.id} log-rank`);
      L(c.logRank.p, rc.logRank.p, 8, `${id} ${rc.id} log-rank p`);
      L(c.cox.logHr, rc.cox.logHr, 10, `${id} ${rc.id} log HR`);
      L(c.cox.se, rc.cox.se, 10, `${id} ${rc.id} se log HR`);
      L(c.cox.hazardRatio, rc.cox.hazardRatio, 10, `${id} ${rc.id} HR`);
      L(c.cox.lower, rc.cox.lower, 10, `${id} ${rc.id} HR lower`);
      L(c.cox.upper, rc.cox.upper, 10, `${id} ${rc.id} HR upper`);
      L(c.cox.p, rc.cox.p, 8, `${id} ${rc.id} HR p`);
      expect([c.cox.n, c.cox.events]).toEqual([rc.cox.n, rc.cox.events]);
      L(c.cox.proportionalHazards!.statistic, rc.cox.zph.statistic, 10, `${id} ${rc.id} cox.zph`);
      L(c.cox.proportionalHazards!.p, rc.cox.zph.p, 8, `${id} ${rc.id} cox.zph p`);
      L(c.rmstDifference.estimate, rc.rmstDifference.estimate, 10, `${id} ${rc.id} RMST difference`);
      L(c.rmstDifference.se, rc.rmstDifference.se, 10, `${id} ${rc.id} RMST difference se`);
      L(c.rmstDifference.p, rc.rmstDifference.p, 8, `${id} ${rc.id} RMST difference p`);
      // The outcome row carries the same numbers into the multiplicity scheme.
      const hr = row(id, `τ = ${r.tau} weeks`, rc.id, 'cox').difference!;
      L(hr.estimate, rc.cox.hazardRatio, 10, `${id} ${rc.id} row HR`);
      L(hr.p, rc.cox.p, 8, `${id} ${rc.id} row HR p`);
    }
  });

  it('first_exit: Aalen–Johansen incidence, differences and cause-specific HRs match R', () => {
    const r = ref.competing_cases[0];
    const a = results.timeToEvent!.find((t) => t.id === r.id)!.analysis as CompetingRisksAnalysis;
    expect(a.kind).toBe('competing-risks');
    expect(a.causes).toEqual(['job', 'education', 'disability_pension']);
    for (const ra of r.arms) {
      const m = a.arms.find((x) => x.arm === ra.arm)!;
      for (const rb of ra.byCause) {
        const b = m.byCause.find((x) => x.cause === rb.cause)!;
        asArray(rb.time).forEach((t, k) => {
          const x = b.landmarks.find((q) => q.time === t)!;
          L(x.estimate, asArray(rb.estimate)[k], 10, `${ra.arm} ${rb.cause} F(${t})`);
          L(x.se, asArray(rb.se)[k], 10, `${ra.arm} ${rb.cause} se F(${t})`);
        });
      }
    }
    for (const rc of r.comparisons) {
      const c = a.comparisons.find((x) => x.id === rc.id)!;
      for (const rb of rc.byCause) {
        const b = c.byCause.find((x) => x.cause === rb.cause)!;
        L(b.difference.estimate, rb.difference.estimate, 10, `${rc.id} ${rb.cause} difference`);
        L(b.difference.se, rb.difference.se, 10, `${rc.id} ${rb.cause} difference se`);
        L(b.difference.p, rb.difference.p, 8, `${rc.id} ${rb.cause} difference p`);
        L(b.causeSpecificCox.logHr, rb.cox.logHr, 10, `${rc.id} ${rb.cause} log HR`);
        L(b.causeSpecificCox.se, rb.cox.se, 10, `${rc.id} ${rb.cause} se log HR`);
        L(b.causeSpecificCox.p, rb.cox.p, 8, `${rc.id} ${rb.cause} HR p`);
      }
    }
  });
});
