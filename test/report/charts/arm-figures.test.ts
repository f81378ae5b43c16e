/**
 * A time-to-event primary's figures per arm (src/report/charts/arm-figures.ts) in the primary-outcome
 * section, its chart and the all-outcomes table: survival::colon in years (death, τ = 5), as a new
 * user runs it. They had read "adjusted mean per group … Obs 0.5 (0.4 to 0.5)" and 0.47/0.46 in the
 * table; the analysis estimated the Kaplan–Meier proportion with the event by τ, 47.4 % (42.1 % to
 * 53.1 %) for Obs (R: test/reference/colon-years-event-by-tau.R → colon-years-event-by-tau.json).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResults, OutcomeResult } from '../../../src/analysis/results/types.ts';
import { colonYearsReports } from '../../helpers/colon-years.ts';
import { sectionText } from '../../helpers/report-text.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { expectLRE } from '../../helpers/lre.ts';
import { loadResults } from '../inputs.ts';
import { armFigures } from '../../../src/report/charts/arm-figures.ts';
import { chartContext } from '../../../src/report/charts/context.ts';

interface Ref { tau: number; arms: Record<string, { n: number; eventBy: number; lower: number; upper: number }> }
const ref = readFixture<Ref>('colon-years-event-by-tau.json');

let results: AnalysisResults;
let html: Record<'da' | 'en', string>;

beforeAll(async () => {
  ({ results, html } = await colonYearsReports());
}, 120_000);

const coxRows = () => results.outcomes.filter((o) => o.id === 'death' && o.estimator === 'cox');

describe('a time-to-event primary: what each arm\'s figure is', () => {
  it('the Cox rows carry the Kaplan–Meier proportion with the event by τ per arm, as R gives it (LRE ≥ 8)', () => {
    for (const o of coxRows()) {
      for (const [arm, e] of Object.entries(o.emm)) {
        expectLRE(e.estimate, ref.arms[arm].eventBy, 8, `${o.comparison} ${arm} 1 − S(τ)`);
        expectLRE(e.lower, ref.arms[arm].lower, 8, `${o.comparison} ${arm} lower`);
        expectLRE(e.upper, ref.arms[arm].upper, 8, `${o.comparison} ${arm} upper`);
      }
    }
  });

  it('the primary section names the proportion with the event by τ, in percent, never an adjusted mean (en)', () => {
    const s = sectionText(html.en, 'primary');
    expect(s).toContain('Death (lower is better) at follow-up to 5 years: proportion with the event by τ = 5 per group with confidence interval.');
    expect(s).toContain('The primary outcome: proportion with the event by τ = 5 per group');
    expect(s).toContain('proportion with the event by τ = 5: Obs 47.4% (42.1% to 53.1%), Lev 46.5% (41.1% to 52.2%); hazard ratio 0.97 (95% CI 0.78 to 1.21).');
    expect(s).not.toMatch(/adjusted mean/i);
  });

  it('… and in Danish', () => {
    const s = sectionText(html.da, 'primary');
    expect(s).toContain('Død (lavere er bedre) ved opfølgning til 5 år: andel med hændelsen ved τ = 5 pr. gruppe med konfidensinterval.');
    expect(s).toContain('andel med hændelsen ved τ = 5: Obs 47,4 % (42,1 % til 53,1 %), Lev+5FU 36,6 % (31,5 % til 42,3 %); hazardratio 0,69');
    expect(s).not.toMatch(/justeret gennemsnit/i);
  });

  it('the all-outcomes table gives the same figures and says what they are', () => {
    const en = sectionText(html.en, 'outcomes');
    expect(en).toContain('primary analysis: proportion with the event by τ = 5 per group; hazard ratio = Lev / Obs');
    expect(en).toContain('follow-up to 5 years 47.4% 46.5% – 0.97 (0.78 to 1.21)');
    expect(en).not.toMatch(/adjusted mean/i);
    const da = sectionText(html.da, 'outcomes');
    expect(da).toContain('primær analyse: andel med hændelsen ved τ = 5 pr. gruppe; hazardratio');
    expect(da).toContain('opfølgning til 5 år 47,4 % – 36,6 % 0,69 (0,55 til 0,87)');
  });

  it('an RMST row\'s figure is the restricted mean time to τ in the time unit, with τ\'s decimals', () => {
    const rmst = results.outcomes.find((o) => o.id === 'death' && o.estimator === 'rmst')!;
    const ctx = chartContext(results, null, 'en');
    const f = armFigures(ctx, rmst)!;
    expect(f.name).toBe('restricted mean time to the event up to τ = 5 (years)');
    expect(f.value(rmst.emm.Obs.estimate)).toBe('3.67');
  });

  it('every other row keeps its adjusted means (no figure of its own)', () => {
    const twin = loadResults();
    const ctx = chartContext(twin, null, 'en');
    expect(twin.outcomes.every((o: OutcomeResult) => armFigures(ctx, o) === null)).toBe(true);
  });
});
