/** Hostile input to the survival routines: each problem is a StatsError whose code and message name it. */
import { describe, expect, it } from 'vitest';
import { fromColumns } from '../../../src/stats/linalg/matrix.ts';
import type { StatsErrorCode } from '../../../src/stats/errors.ts';
import { StatsError } from '../../../src/stats/errors.ts';
import { kaplanMeier } from '../../../src/stats/survival/kaplan-meier.ts';
import { survivalQuantiles } from '../../../src/stats/survival/quantiles.ts';
import { survivalAt } from '../../../src/stats/survival/at-times.ts';
import { logRank } from '../../../src/stats/survival/log-rank.ts';
import { coxPH } from '../../../src/stats/survival/cox/fit.ts';
import { coxZph } from '../../../src/stats/survival/cox/zph.ts';
import { restrictedMeanSurvival } from '../../../src/stats/survival/rmst.ts';
import { cumulativeIncidence } from '../../../src/stats/survival/cumulative-incidence.ts';

const t = [5, 8, 3, 9, 12, 4, 7, 10];
const e = [1, 0, 1, 1, 0, 1, 1, 0];
const g = { codes: [0, 1, 0, 1, 0, 1, 0, 1], labels: ['SAU', 'IPS'] };
const x = fromColumns([[0, 1, 0, 1, 0, 1, 0, 1]]);
const curve = kaplanMeier({ time: t, event: e }).curves[0];
const fit = coxPH({ time: t, event: e, x });

const cases: [string, () => unknown, StatsErrorCode, RegExp][] = [
  ['KM: no rows', () => kaplanMeier({ time: [], event: [] }), 'EMPTY_INPUT', /at least one row/],
  ['KM: NaN time', () => kaplanMeier({ time: [1, Number.NaN], event: [1, 0] }), 'NON_FINITE', /time\[1\]/],
  ['KM: negative time', () => kaplanMeier({ time: [1, -2], event: [1, 0] }), 'INVALID_ARGUMENT', /time\[1\] is -2/],
  ['KM: event coded 2', () => kaplanMeier({ time: [1, 2], event: [1, 2] }), 'INVALID_ARGUMENT', /event\[1\] is 2/],
  ['KM: lengths differ', () => kaplanMeier({ time: [1, 2], event: [1] }), 'LENGTH_MISMATCH', /event has 1/],
  ['KM: entry not before time', () => kaplanMeier({ time: [1, 2], event: [1, 0], entry: [0, 2] }), 'INVALID_ARGUMENT', /entry\[1\] = 2/],
  ['KM: declared arm without rows', () => kaplanMeier({ time: t, event: e, group: { codes: g.codes, labels: ['SAU', 'IPS', 'IPSE'] } }), 'EMPTY_GROUP', /"IPSE" has no rows/],
  ['KM: group code outside the labels', () => kaplanMeier({ time: [1, 2], event: [1, 1], group: { codes: [0, 3], labels: ['a', 'b'] } }), 'INVALID_ARGUMENT', /group\[1\] is 3/],
  ['KM: duplicated labels', () => kaplanMeier({ time: [1, 2], event: [1, 1], group: { codes: [0, 1], labels: ['a', 'a'] } }), 'INVALID_ARGUMENT', /not unique/],
  ['KM: unknown conf type', () => kaplanMeier({ time: t, event: e }, { confType: 'logit' as never }), 'INVALID_ARGUMENT', /confType/],
  ['KM: confLevel 1', () => kaplanMeier({ time: t, event: e }, { confLevel: 1 }), 'INVALID_ARGUMENT', /confLevel/],
  ['quantiles: p = 1.5', () => survivalQuantiles(curve, [1.5]), 'INVALID_ARGUMENT', /\[0, 1\]/],
  ['survivalAt: decreasing times', () => survivalAt(curve, [5, 2]), 'INVALID_ARGUMENT', /increase/],
  ['log-rank: one group', () => logRank({ time: t, event: e, group: { codes: t.map(() => 0), labels: ['all'] } }), 'INVALID_ARGUMENT', /at least 2 groups/],
  ['log-rank: no events', () => logRank({ time: t, event: t.map(() => 0), group: g }), 'NOT_ESTIMABLE', /fewer than two groups/],
  ['log-rank: rho NaN', () => logRank({ time: t, event: e, group: g }, { rho: Number.NaN }), 'INVALID_ARGUMENT', /rho/],
  ['log-rank: entry times', () => logRank({ time: t, event: e, entry: t.map(() => 0), group: g }), 'INVALID_ARGUMENT', /right-censored/],
  ['log-rank: groups in separate strata', () => logRank({ time: t, event: e, group: g, strata: { codes: g.codes, labels: ['s1', 's2'] } }), 'NOT_ESTIMABLE', /singular/],
  ['Cox: no events', () => coxPH({ time: t, event: t.map(() => 0), x }), 'NOT_ESTIMABLE', /no events/],
  ['Cox: constant covariate', () => coxPH({ time: t, event: e, x: fromColumns([t.map(() => 3)]), columnNames: ['site'] }), 'RANK_DEFICIENT', /"site"/],
  ['Cox: collinear covariates', () => coxPH({ time: t, event: e, x: fromColumns([g.codes, g.codes.map((v) => 2 * v + 1)]), columnNames: ['arm', 'arm2'] }), 'RANK_DEFICIENT', /"arm2"/],
  ['Cox: NaN covariate', () => coxPH({ time: t, event: e, x: fromColumns([t.map((v, i) => (i === 2 ? Number.NaN : v))]) }), 'NON_FINITE', /x\[2\]/],
  ['Cox: x rows differ', () => coxPH({ time: t, event: e, x: fromColumns([[1, 2]]) }), 'LENGTH_MISMATCH', /x has 2 rows/],
  ['Cox: no covariates', () => coxPH({ time: t, event: e, x: fromColumns([]) }), 'LENGTH_MISMATCH', /x has 0 rows/],
  ['Cox: unknown ties', () => coxPH({ time: t, event: e, x }, { ties: 'exact' as never }), 'INVALID_ARGUMENT', /ties/],
  ['Cox: cluster length', () => coxPH({ time: t, event: e, x, cluster: [1, 2] }), 'LENGTH_MISMATCH', /cluster/],
  ['zph: data of another model', () => coxZph({ time: t, event: e, x: fromColumns([g.codes, t]) }, fit), 'LENGTH_MISMATCH', /pass the data/],
  ['zph: unknown transform', () => coxZph({ time: t, event: e, x }, fit, { transform: 'sqrt' as never }), 'INVALID_ARGUMENT', /transform/],
  ['zph: term outside the columns', () => coxZph({ time: t, event: e, x }, fit, { terms: [{ name: 'arm', columns: [1] }] }), 'INVALID_ARGUMENT', /column 1/],
  ['RMST: tau 0', () => restrictedMeanSurvival({ time: t, event: e, group: g }, { tau: 0 }), 'INVALID_ARGUMENT', /tau/],
  ['RMST: tau missing', () => restrictedMeanSurvival({ time: t, event: e, group: g }, {} as never), 'INVALID_ARGUMENT', /tau/],
  ['RMST: unknown reference', () => restrictedMeanSurvival({ time: t, event: e, group: g }, { tau: 5, reference: 'IPSE' }), 'INVALID_ARGUMENT', /"IPSE"/],
  ['CIF: status beyond the causes', () => cumulativeIncidence({ time: [1, 2], status: [1, 3], eventLabels: ['job', 'education'] }), 'INVALID_ARGUMENT', /status\[1\] is 3/],
  ['CIF: no causes', () => cumulativeIncidence({ time: [1, 2], status: [0, 0], eventLabels: [] }), 'INVALID_ARGUMENT', /eventLabels/],
];

describe('survival routines reject bad input with a named StatsError', () => {
  it.each(cases)('%s', (_n, f, code, message) => {
    let err: unknown = null;
    try { f(); } catch (x) { err = x; }
    expect(err).toBeInstanceOf(StatsError);
    expect((err as StatsError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
  });
});

describe('non-convergence and infinite coefficients are reported, not hidden', () => {
  it('monotone likelihood (no events in one arm) warns that the coefficient may be infinite', () => {
    const r = coxPH({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 0, 0, 0], x: fromColumns([[0, 0, 0, 1, 1, 1]]), columnNames: ['IPS'] });
    expect(r.warnings.join(' ')).toMatch(/"IPS".*infinite/);
  });
  it('an iteration cap is reported as not converged', () => {
    const r = coxPH({ time: t, event: e, x: fromColumns([t.map((v) => v % 3), g.codes]) }, { maxIter: 1 });
    expect(r.converged).toBe(false);
    expect(r.warnings[0]).toMatch(/did not converge/);
  });
});
