/**
 * The settlement against figures computed by hand (hand-case.ts; the arithmetic is written out
 * in docs/rollout.md § Worked example). Every rule is exercised: a metric cap (function), a
 * metric floor in the final period (contacts), the contract cap, shortfalls carried over, a group
 * shared by both municipalities, missing follow-up counted as not achieved (no end row; an end
 * row without the questionnaire while the register still counts), and a corrected delivery that
 * issues a new version of an already settled period.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { initStore } from '../../src/rollout/init.ts';
import { openStore, type Store } from '../../src/rollout/store/store.ts';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { ingestFile } from '../../src/rollout/ingest/ingest.ts';
import { settle } from '../../src/rollout/settle/settle.ts';
import type { SettlementResult } from '../../src/rollout/settle/types.ts';
import { writeHandCase, type HandCase } from './hand-case.ts';

let hc: HandCase;
const results: Record<string, SettlementResult> = {};
let resettleNote: readonly string[] = [];

function line(r: SettlementResult, muni: string, metric: string) {
  return r.municipalities.find((m) => m.id === muni)!.lines.find((l) => l.metric === metric)!;
}
const muni = (r: SettlementResult, id: string) => r.municipalities.find((m) => m.id === id)!;

beforeAll(async () => {
  hc = writeHandCase();
  const store = join(hc.dir, 'store.duckdb');
  await initStore(store, hc.contract);
  const spec = loadRolloutSpec(hc.spec);
  const s: Store = await openStore(store);
  try {
    await ingestFile(s, spec, hc.files.p1);
    results.p1v1 = (await settle(s, { period: 'P1', date: '2024-07-15' })).result;
    await ingestFile(s, spec, hc.files.p1Corrected);
    const again = await settle(s, { period: 'P1', date: '2024-09-01' });
    results.p1v2 = again.result;
    resettleNote = again.laterPeriodsToResettle;
    await ingestFile(s, spec, hc.files.p2);
    results.p2 = (await settle(s, { period: 'P2', date: '2025-01-15' })).result;
    await ingestFile(s, spec, hc.files.p3);
    results.p3 = (await settle(s, { period: 'P3', date: '2025-07-15' })).result;
  } finally {
    s.close();
  }
});

describe('settlement computed by hand', () => {
  it('P1 v1: counts with missing follow-up as not achieved, the shared group split by municipality', () => {
    const r = results.p1v1;
    const f = line(r, 'Alby', 'function');
    expect([f.citizens, f.achieved, f.notAchieved.measured, f.notAchieved.missingFollowUp]).toEqual([6, 3, 1, 2]);
    expect([f.expected, f.amount, f.payment]).toEqual([1.5, 15000, 15000]);
    const c = line(r, 'Alby', 'contacts');
    expect([c.achieved, c.notAchieved.missingFollowUp, c.expected, c.amount, c.payment]).toEqual([3, 1, 3, 0, 0]);
    expect(f.byGroup).toEqual([{ group: 'G1', shared: false, citizens: 4, achieved: 2 }, { group: 'S1', shared: true, citizens: 2, achieved: 1 }]);
    expect(line(r, 'Bstrup', 'function').byGroup).toEqual([{ group: 'S1', shared: true, citizens: 2, achieved: 1 }]);
    expect([muni(r, 'Alby').payment, muni(r, 'Bstrup').payment, r.totals.payment]).toEqual([15000, 5000, 20000]);
    expect(muni(r, 'Alby').sharedGroups).toBe(1);
    expect(r.cause.kind).toBe('first');
  });

  it('P1 v2: the correction issues a new version with the difference and its cause; the metric cap binds exactly', () => {
    const r = results.p1v2;
    expect([r.settlementId, r.version, r.supersedes?.settlementId]).toEqual(['P1-v2', 2, 'P1-v1']);
    const f = line(r, 'Alby', 'function');
    expect([f.achieved, f.amount, f.payment, f.cappedAway]).toEqual([4, 25000, 25000, 0]);
    expect([muni(r, 'Alby').previousPayment, muni(r, 'Alby').payment, muni(r, 'Alby').difference]).toEqual([15000, 25000, 10000]);
    expect([muni(r, 'Bstrup').difference, r.totals.difference]).toEqual([0, 10000]);
    expect(r.cause.kind).toBe('correction');
    expect(r.cause.ingests.map((i) => [i.file, i.rowsAdded, i.rowsChanged, i.fieldsChanged])).toEqual([['p1-corrected.csv', 0, 1, 3]]); // WSAS 22 → 19: three items differ
    expect(resettleNote).toEqual([]);
    expect(results.p1v1.inputs.dataDigest).not.toBe(r.inputs.dataDigest);
  });

  it('P2: a shortfall is carried (Alby function, Bstrup contacts); Bstrup reaches the function cap', () => {
    const r = results.p2;
    const af = line(r, 'Alby', 'function');
    expect([af.achieved, af.amount, af.payable, af.carryOut, af.payment]).toEqual([0, -10000, 0, -10000, 0]);
    const ac = line(r, 'Alby', 'contacts');
    expect([ac.achieved, ac.amount, ac.payment]).toEqual([4, 10000, 10000]);
    expect([muni(r, 'Alby').payment, muni(r, 'Alby').paidAfter, muni(r, 'Alby').capReduction]).toEqual([10000, 35000, 0]);
    const bf = line(r, 'Bstrup', 'function');
    expect([bf.achieved, bf.amount, bf.payable, bf.cappedAway, bf.payment, bf.paidAfter]).toEqual([4, 30000, 30000, 10000, 20000, 25000]);
    const bc = line(r, 'Bstrup', 'contacts');
    expect([bc.amount, bc.carryOut, bc.payment]).toEqual([-10000, -10000, 0]);
    expect(muni(r, 'Bstrup').payment).toBe(20000);
  });

  it('P3 (final): carry-ins, metric caps, the contacts floor topped up, then the contract cap', () => {
    const r = results.p3;
    expect(r.period.final).toBe(true);
    const af = line(r, 'Alby', 'function');
    expect([af.amount, af.carryIn, af.payable, af.cappedAway, af.payment]).toEqual([20000, -10000, 10000, 10000, 0]);
    const ac = line(r, 'Alby', 'contacts');
    expect([ac.amount, ac.carryOut, ac.floorTopUp, ac.payment]).toEqual([-10000, -10000, 2000, 2000]);
    const a = muni(r, 'Alby');
    expect([a.metricsSum, a.capReduction, a.payment, a.paidAfter]).toEqual([2000, 2000, 0, 35000]);
    const bf = line(r, 'Bstrup', 'function');
    expect([bf.amount, bf.cappedAway, bf.payment]).toEqual([30000, 30000, 0]);
    const bc = line(r, 'Bstrup', 'contacts');
    expect([bc.amount, bc.carryIn, bc.payable, bc.floorTopUp, bc.payment]).toEqual([10000, -10000, 0, 12000, 12000]);
    const b = muni(r, 'Bstrup');
    expect([b.metricsSum, b.capReduction, b.payment, b.paidAfter]).toEqual([12000, 2000, 10000, 35000]);
    expect(r.totals.payment).toBe(10000);
  });

  it("the investor's account: pre-financing in the start period, repayment one period later", () => {
    const a = results.p3.investor;
    expect(a.flows.map((f) => [f.period, f.prefinancing, f.repayment, f.net])).toEqual([
      ['P1', 8000, 0, -8000],
      ['P2', 8000, 30000, 22000],
      ['P3', 8000, 30000, 22000],
      ['P3+1', 0, 10000, 10000],
    ]);
    expect([a.prefinanced, a.repaid, a.returnToDate, a.citizens]).toEqual([24000, 70000, 46000, 24]);
    // IRR per period: −8000 + 22000/(1+r) + 22000/(1+r)² + 10000/(1+r)³ = 0, two periods a year.
    const r = a.irrPerPeriod!;
    expect(Math.abs(-8000 + 22000 / (1 + r) + 22000 / (1 + r) ** 2 + 10000 / (1 + r) ** 3)).toBeLessThan(1e-6);
    expect(a.irrAnnual).toBeCloseTo((1 + r) ** 2 - 1, 12);
  });
});
