/**
 * The Cox hazard ratio of one comparison (intervention vs control, the two arms alone): Efron
 * ties by default, stratified by the trial's strata when asked, adjusted for the plan's
 * covariates (complete cases), with the proportional-hazards test of the arm term. A model that
 * cannot be fitted (no events, an arm without events) is "not-estimable" with the reason, never
 * a silent gap.
 */
import { coxPH } from '../../stats/survival/cox/fit.ts';
import { coxZph } from '../../stats/survival/cox/zph.ts';
import { StatsError } from '../../stats/errors.ts';
import type { CoxComparison, ComparisonSpec, TimeToEventData } from './types.ts';
import { coxDesign, strataOf } from './rows.ts';

export interface CoxRequest {
  readonly rows: readonly number[];
  readonly comparison: ComparisonSpec;
  /** Row status → 0/1 for this model (e.g. one cause of several). */
  readonly event: (status: number) => 0 | 1;
  readonly stratified: boolean;
  readonly ties: 'efron' | 'breslow';
  readonly confLevel: number;
}

export function coxComparison(d: TimeToEventData, r: CoxRequest): CoxComparison {
  const design = coxDesign(d, r.rows, r.comparison.intervention);
  const rows = design.keep.map((k) => r.rows[k]);
  const strata = r.stratified ? strataOf(d, rows) : null;
  const time = Float64Array.from(rows, (i) => d.time[i]);
  const event = Uint8Array.from(rows, (i) => r.event(d.status[i]));
  const events = event.reduce((a, b) => a + b, 0);
  const base = { n: rows.length, events, adjustedFor: design.columnNames.slice(1), strata: strata ? d.strata!.name : null, excluded: r.rows.length - rows.length };
  const fail = (reason: string): CoxComparison => ({ status: 'not-estimable', reason, hazardRatio: null, lower: null, upper: null, logHr: null, se: null, p: null, ...base, proportionalHazards: null, warnings: [] });
  if (events === 0) return fail('no events in the two arms');
  for (const arm of [r.comparison.intervention, r.comparison.control]) {
    if (!rows.some((i, k) => d.arm[i] === arm && event[k] === 1)) return fail(`no events in arm ${d.armLabels[arm]}: the hazard ratio is 0 or infinite`);
  }
  try {
    const input = { time, event, x: design.x, columnNames: design.columnNames, ...(strata && strata.labels.length > 1 ? { strata } : {}) };
    const fit = coxPH(input, { ties: r.ties, confLevel: r.confLevel });
    const c = fit.coefficients[0];
    let ph: CoxComparison['proportionalHazards'] = null;
    const warnings = [...fit.warnings];
    try {
      const z = coxZph(input, fit, { transform: 'km' });
      const t = z.tests.find((row) => row.term === design.columnNames[0]) ?? z.tests[0];
      ph = { statistic: t.statistic, df: t.df, p: t.p };
    } catch (e) {
      warnings.push(`proportional-hazards test not computed: ${(e as Error).message}`);
    }
    return { status: 'estimated', reason: null, hazardRatio: c.hazardRatio, lower: c.lower, upper: c.upper, logHr: c.estimate, se: c.se, p: c.p, ...base, proportionalHazards: ph, warnings };
  } catch (e) {
    if (e instanceof StatsError) return fail(e.message);
    throw e;
  }
}
