/**
 * The time-to-event analysis on two real public trials (survival::colon, survival::rhDNase,
 * exported to data-samples/real/ by test/reference/export-real-survival.R) against R's survival
 * 3.5-3 (test/reference/real-survival.R → real-survival.json): Kaplan–Meier medians, landmark
 * survival and limits, RMST per arm and differences, log-rank (global, pairwise, stratified), Cox
 * HRs (Efron, strata, covariates) and cox.zph for the arm, Aalen–Johansen incidences, their
 * differences and cause-specific HRs. LRE ≥ 10 for estimates, ≥ 8 for p-values.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseSurvival, analyseCompetingRisks, type TimeToEventData, type SurvivalCovariate } from '../../../src/analysis/survival/index.ts';
import { readFixture, repoRoot } from '../../helpers/fixtures.ts';
import { expectAllLRE, expectLRE, lre } from '../../helpers/lre.ts';
import { afterAll } from 'vitest';

// The worst LRE seen, for estimates and for p-values, printed at the end (and quoted in docs/time-to-event.md).
const worst = { estimate: 15, p: 15 };
function L(actual: number, expected: number, min: number, label: string): void {
  const k = min <= 8 ? 'p' : 'estimate';
  if (!(Number.isNaN(actual) && Number.isNaN(expected))) worst[k] = Math.min(worst[k], lre(actual, expected));
  expectLRE(actual, expected, min, label);
}
function LA(actual: ArrayLike<number>, expected: ArrayLike<number>, min: number, label: string): void {
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) if (!(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) worst.estimate = Math.min(worst.estimate, lre(actual[i], expected[i]));
  expectAllLRE(actual, expected, min, label);
}
afterAll(() => console.log(`real trials vs R: worst LRE ${worst.estimate.toFixed(1)} (estimates), ${worst.p.toFixed(1)} (p-values)`));

interface CaseDef {
  name: string;
  file: string;
  time: string;
  event?: string;
  cause?: string;
  causes?: string[];
  arm: string;
  arms: string[];
  comparisons: [string, string][];
  covariates?: { name: string; kind: 'numeric' | 'categorical'; levels?: string[] }[];
  strata?: string | null;
  tau: number;
  landmarks: number[];
}
const ref = readFixture<{ survival_cases: any[]; competing_cases: any[] }>('real-survival.json');

function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(repoRoot, file), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j], v])));
}

const asArray = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function dataFor(c: CaseDef): TimeToEventData {
  const rows = readCsv(c.file);
  const strataLabels = c.strata ? [...new Set(rows.map((r) => r[c.strata!]))].sort() : [];
  const covariates: SurvivalCovariate[] = asArray(c.covariates).map((v) =>
    v.kind === 'numeric'
      ? { name: v.name, kind: 'numeric', values: rows.map((r) => (r[v.name] === '' ? Number.NaN : Number(r[v.name]))) }
      : { name: v.name, kind: 'categorical', levels: v.levels!, codes: rows.map((r) => v.levels!.indexOf(r[v.name])) },
  );
  const causes = c.causes ? asArray(c.causes) : [c.event!];
  return {
    time: rows.map((r) => Number(r[c.time])),
    status: rows.map((r) => (c.cause ? causes.indexOf(r[c.cause]) + 1 : r[c.event!] === 'yes' ? 1 : 0)),
    causes,
    arm: rows.map((r) => c.arms.indexOf(r[c.arm])),
    armLabels: c.arms,
    ...(c.strata ? { strata: { name: c.strata, codes: rows.map((r) => strataLabels.indexOf(r[c.strata!])), labels: strataLabels } } : {}),
    ...(covariates.length ? { covariates } : {}),
  };
}

const comparisons = (c: CaseDef) => c.comparisons.map(([i, k]) => ({ id: `${i} vs ${k}`, intervention: c.arms.indexOf(i), control: c.arms.indexOf(k) }));
const nullable = (x: number | null | undefined) => (x === null || x === undefined ? null : x);

describe('Kaplan–Meier, log-rank, Cox and RMST on real trials against R', () => {
  it.each(ref.survival_cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = analyseSurvival(dataFor(c), { comparisons: comparisons(c), tau: c.tau, landmarks: asArray(c.landmarks) });
    expect(r.tau).toBe(c.tau);
    c.arms_result.forEach((a: any, k: number) => {
      const got = r.arms[k];
      expect(got.arm).toBe(a.arm);
      expect([got.n, got.events]).toEqual([a.n, a.events]);
      for (const key of ['estimate', 'lower', 'upper'] as const) expect(nullable(got.median[key]), `${a.arm} median ${key}`).toBe(nullable(a.median[key]));
      LA(got.landmarks.map((l) => l.surv), asArray(a.landmarks.surv), 12, `${a.arm} landmark survival`);
      LA(got.landmarks.map((l) => l.lower ?? Number.NaN), asArray(a.landmarks.lower), 11, `${a.arm} lower`);
      LA(got.landmarks.map((l) => l.upper ?? Number.NaN), asArray(a.landmarks.upper), 11, `${a.arm} upper`);
      expect(got.landmarks.map((l) => l.nRisk)).toEqual(asArray(a.landmarks.nRisk));
      L(got.rmst.estimate, a.rmst.estimate, 11, `${a.arm} RMST`);
      L(got.rmst.se, a.rmst.se, 10, `${a.arm} RMST SE`);
    });
    L(r.globalLogRank!.statistic, c.globalLogRank.statistic, 10, 'global log-rank χ²');
    L(r.globalLogRank!.p, c.globalLogRank.p, 8, 'global log-rank p');
    c.comparisons_result.forEach((x: any, k: number) => {
      const got = r.comparisons[k];
      const at = `${x.intervention} vs ${x.control}`;
      expect(got.id).toBe(at);
      L(got.logRank.statistic, x.logRank.statistic, 10, `${at} log-rank χ²`);
      L(got.logRank.p, x.logRank.p, 8, `${at} log-rank p`);
      expect(got.cox.status).toBe('estimated');
      expect([got.cox.n, got.cox.events]).toEqual([x.cox.n, x.cox.events]);
      L(got.cox.logHr!, x.cox.logHr, 10, `${at} log HR`);
      L(got.cox.se!, x.cox.se, 10, `${at} SE`);
      L(got.cox.hazardRatio!, x.cox.hazardRatio, 10, `${at} HR`);
      L(got.cox.lower!, x.cox.lower, 10, `${at} HR lower`);
      L(got.cox.upper!, x.cox.upper, 10, `${at} HR upper`);
      L(got.cox.p!, x.cox.p, 8, `${at} Cox p`);
      L(got.cox.proportionalHazards!.statistic, x.cox.zph.statistic, 10, `${at} cox.zph χ²`);
      L(got.cox.proportionalHazards!.p, x.cox.zph.p, 8, `${at} cox.zph p`);
      for (const key of ['estimate', 'se', 'lower', 'upper'] as const) L(got.rmstDifference[key], x.rmstDifference[key], 10, `${at} RMST difference ${key}`);
      L(got.rmstDifference.p!, x.rmstDifference.p, 8, `${at} RMST difference p`);
    });
  });
});

describe('competing risks (Aalen–Johansen) on colon against R', () => {
  it.each(ref.competing_cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = analyseCompetingRisks(dataFor(c), { comparisons: comparisons(c), tau: c.tau, landmarks: asArray(c.landmarks) });
    const times = [...new Set([...asArray<number>(c.landmarks), c.tau])].sort((a, b) => a - b);
    c.arms_result.forEach((a: any, k: number) => {
      a.byCause.forEach((b: any, j: number) => {
        const got = r.arms[k].byCause[j];
        const at = `${a.arm} ${b.cause}`;
        const values = times.map((t) => (t === c.tau && !asArray<number>(c.landmarks).includes(t) ? got.atTau : got.landmarks.find((l) => l.time === t)!));
        LA(values.map((v) => v.estimate), asArray(b.estimate), 12, `${at} incidence`);
        LA(values.map((v) => v.se), asArray(b.se), 10, `${at} SE`);
        LA(values.map((v) => v.lower), asArray<number | null>(b.lower).map((v) => v ?? Number.NaN), 10, `${at} lower`);
        LA(values.map((v) => v.upper), asArray<number | null>(b.upper).map((v) => v ?? Number.NaN), 10, `${at} upper`);
      });
    });
    c.comparisons_result.forEach((x: any, k: number) => {
      x.byCause.forEach((b: any, j: number) => {
        const got = r.comparisons[k].byCause[j];
        const at = `${x.intervention} vs ${x.control}, ${b.cause}`;
        for (const key of ['estimate', 'se', 'lower', 'upper'] as const) L(got.difference[key], b.difference[key], 10, `${at} difference ${key}`);
        L(got.difference.p!, b.difference.p, 8, `${at} difference p`);
        L(got.causeSpecificCox.hazardRatio!, b.cox.hazardRatio, 10, `${at} cause-specific HR`);
        L(got.causeSpecificCox.se!, b.cox.se, 10, `${at} cause-specific SE`);
        L(got.causeSpecificCox.p!, b.cox.p, 8, `${at} cause-specific p`);
      });
    });
  });
});
